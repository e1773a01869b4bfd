# shellcheck shell=bash
# by default under the journal, log events are native journal entries with fields:
# MDC entries and the trace id as fields, an exception's stack in STACK_TRACE, a NUL and
# a newline kept in one MESSAGE, a 200 KB message whole, a 1 MB one as a sealed memfd; each once, at
# its priority, and none also as a console line.
TITLE="native journal entries: MDC/TRACE_ID/LOGGER_NAME fields, STACK_TRACE, NUL+newline, 200 KB and 1 MB (memfd) messages; each once, right PRIORITY; -p err and field filters"
scenario() {
  local u=e2e-s55-journal-native.service trace=4bf92f3577b34da6a3ce929d0e0e4736 json t0
  CUR_UNIT=$u
  t0="$(now)"
  U_WATCHDOG=0 app_unit "$u" "$PORT"
  start_unit "$u"
  require_active "$u" || { finish_unit "$u"; return; }
  http_post "$PORT" "/orders/42?traceId=$trace" >/dev/null
  http_post "$PORT" /orders/43/fail >/dev/null
  http_post "$PORT" '/log?level=warn&text=before%00middle%0Aafter' >/dev/null
  http_post "$PORT" '/log?level=error&text=x&repeat=204800' >/dev/null
  http_post "$PORT" '/log?level=info&text=m&repeat=1000000' >/dev/null
  check "journal: the 200 KB ERROR entry arrived" \
    wait_until 10 bash -c "'$SB' exec -- journalctl --no-pager -a -o cat -u '$u' PRIORITY=3 | grep -q 'log-begin x'"
  check "journal: the 1 MB INFO entry arrived" \
    wait_until 10 bash -c "'$SB' exec -- journalctl --no-pager -a -o cat -u '$u' PRIORITY=6 | grep -q 'log-begin m'"
  json="$WORK/s55.json"
  sbx journalctl --no-pager -a -o json -u "$u" >"$json" 2>/dev/null
  info "journal entries of the unit: $(wc -l <"$json")"
  # s55_check NAME PYTHON-EXPRESSION: over entries e (fields as str, byte arrays decoded)
  s55() {
    /usr/bin/python3 - "$json" "$1" <<'PY'
import json, sys
def value(v):
    if isinstance(v, list) and v and isinstance(v[0], int):
        return bytes(v).decode("utf-8", "replace")
    return v
entries = [{k: value(v) for k, v in json.loads(line).items()} for line in open(sys.argv[1]) if line.strip()]
sys.exit(0 if eval(sys.argv[2], {"entries": entries, "len": len, "all": all, "any": any}) else 1)
PY
  }
  local placed="[e for e in entries if e.get('MESSAGE') == 'Order 42 placed']"
  check "the request with an MDC entry and a trace id is one entry" s55 "len($placed) == 1"
  check "  ... sent natively (_TRANSPORT=journal), PRIORITY=6, SYSLOG_IDENTIFIER=web-sample" \
    s55 "all(e['_TRANSPORT'] == 'journal' and e['PRIORITY'] == '6' and e['SYSLOG_IDENTIFIER'] == 'web-sample' for e in $placed)"
  check "  ... ORDER_ID=42 (MDC orderId), TRACE_ID=$trace, SPAN_ID=${trace:0:16}" \
    s55 "all(e.get('ORDER_ID') == '42' and e.get('TRACE_ID') == '$trace' and e.get('SPAN_ID') == '${trace:0:16}' for e in $placed)"
  check "  ... LOGGER_NAME and THREAD_NAME (http-nio-...)" \
    s55 "all(e.get('LOGGER_NAME') == 'io.github.springsystemd.sample.web.OrderController' and e.get('THREAD_NAME', '').startswith('http-') for e in $placed)"
  check "journalctl TRACE_ID=... finds the request, and only it" \
    bash -c "[ \"\$('$SB' exec -- journalctl --no-pager -o cat -u '$u' TRACE_ID=$trace)\" = 'Order 42 placed' ]"
  check "journalctl LOGGER_NAME=...OrderController finds the request" \
    bash -c "'$SB' exec -- journalctl --no-pager -o cat -u '$u' LOGGER_NAME=io.github.springsystemd.sample.web.OrderController | grep -qx 'Order 42 placed'"
  local failed="[e for e in entries if e.get('MESSAGE', '').startswith('Order 43 failed')]"
  check "the WARN with an exception is one entry, PRIORITY=4, MESSAGE with the first lines of the exception and its root cause" \
    s55 "len($failed) == 1 and all(e['PRIORITY'] == '4' and e['MESSAGE'] == 'Order 43 failed: java.lang.IllegalStateException: Payment refused; root cause: java.lang.ArithmeticException: no funds' for e in $failed)"
  check "  ... STACK_TRACE holds the stack and its cause" \
    s55 "all(e['STACK_TRACE'].startswith('java.lang.IllegalStateException: Payment refused\nby the bank') and '\tat io.github.springsystemd.sample.web.OrderController.fail' in e['STACK_TRACE'] and 'Caused by: java.lang.ArithmeticException: no funds' in e['STACK_TRACE'] for e in $failed)"
  local nul="[e for e in entries if e.get('MESSAGE', '').startswith('log-begin before')]"
  check "the message with a NUL and a newline is one entry, whole, PRIORITY=4" \
    s55 "len($nul) == 1 and $nul[0]['MESSAGE'] == 'log-begin before\x00middle\nafter log-end' and $nul[0]['PRIORITY'] == '4'"
  local big="[e for e in entries if e.get('MESSAGE', '').startswith('log-begin x')]"
  check "the 200 KB ERROR message is one entry, whole (204800 x), PRIORITY=3" \
    s55 "len($big) == 1 and $big[0]['MESSAGE'] == 'log-begin ' + 'x' * 204800 + ' log-end' and $big[0]['PRIORITY'] == '3'"
  local mega="[e for e in entries if e.get('MESSAGE', '').startswith('log-begin m')]"
  check "a 1 MB message, more than any datagram holds (a sealed memfd), is one entry, whole" \
    s55 "len($mega) == 1 and $mega[0]['MESSAGE'] == 'log-begin ' + 'm' * 1000000 + ' log-end' and $mega[0]['PRIORITY'] == '6'"
  local err
  err="$(sbx journalctl --no-pager -o cat -p err -u "$u" 2>/dev/null)"
  check "journalctl -p err selects the ERROR" grep -q '^log-begin x' <<<"$err"
  check "journalctl -p err does not select the WARNs" lacks_re "$err" 'Order 43 failed|log-begin before'
  check "no record written twice: none of them also as a console line (_TRANSPORT=stdout)" \
    s55 "not any(e['_TRANSPORT'] == 'stdout' and ('Order 4' in e.get('MESSAGE', '') or 'log-begin' in e.get('MESSAGE', '')) for e in entries)"
  check "the application's own start-up lines are native entries too ('Started WebSampleApplication')" \
    s55 "any(e['_TRANSPORT'] == 'journal' and e.get('MESSAGE', '').startswith('Started WebSampleApplication') for e in entries)"
  finish_unit "$u"
  figure journal_native_scenario_s "$(since "$t0")"
}
