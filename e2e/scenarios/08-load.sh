# shellcheck shell=bash
# no false restarts: both cores saturated plus a request flood, WatchdogSec=4.
# the watchdog under load is the starter's and the JVM's behaviour, the same under any systemd
ONE_SYSTEMD=trixie
TITLE="no false restarts under load: 2 busy loops + request flood for ${E2E_LOAD_SECONDS:-60}s, WatchdogSec=4"
scenario() {
  local u=e2e-s08-load.service secs="${E2E_LOAD_SECONDS:-60}" t0 deadline pids=() p
  local samples=0 bad=0 nr st
  CUR_UNIT=$u
  U_WATCHDOG=4 app_unit "$u" "$PORT"
  start_unit "$u"
  require_active "$u" || { finish_unit "$u"; return; }
  : >"$WORK/s8.codes"
  # CPU burners on the host (same cores as the sandbox), bounded by timeout(1)
  for p in 1 2; do
    timeout "$secs" sha256sum /dev/zero >/dev/null 2>&1 &
    pids+=($!); BG_PIDS+=($!)
  done
  # request flood: keep-alive bursts of 500 requests, 8 in parallel, against
  # 127.0.0.1 only, until the deadline (timeout(1) ends the last burst)
  timeout "$secs" bash -c 'while :; do
      curl -s --parallel --parallel-max 8 -m 10 -o /dev/null -w "%{http_code}\n" \
        "http://127.0.0.1:$1/?n=[1-500]" >>"$2"
    done' _ "$PORT" "$WORK/s8.codes" 2>/dev/null &
  pids+=($!); BG_PIDS+=($!)
  t0="$(now)"
  deadline="$(awk -v a="$t0" -v s="$secs" 'BEGIN { printf "%.3f", a + s }')"
  while le "$(now)" "$deadline"; do
    nr="$(prop "$u" NRestarts)"; st="$(prop "$u" ActiveState)"
    samples=$((samples + 1))
    if [ "$nr" != 0 ] || [ "$st" != active ]; then
      bad=$((bad + 1)); info "t=$(since "$t0")s NRestarts=$nr ActiveState=$st"
    fi
    sleep 1
  done
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null; done
  local ok total withheld
  ok="$(grep -c '^200$' "$WORK/s8.codes")"; total="$(wc -l <"$WORK/s8.codes")"
  withheld="$(journal_lines "$u" 'Systemd watchdog health gate closed' | wc -l)"
  figure load_seconds "$(since "$t0")"
  figure load_requests_ok "$ok"
  figure load_requests_failed "$((total - ok))"
  figure load_rps "$(awk -v n="$ok" -v s="$secs" 'BEGIN { printf "%.0f", n / s }')"
  figure load_withheld_warnings "$withheld"
  check "$samples samples over ${secs}s: always active with NRestarts=0 (bad samples: $bad)" test "$bad" = 0
  check "still active with NRestarts=0 after the load ($(props "$u" ActiveState,NRestarts))" \
    test "$(prop "$u" ActiveState)/$(prop "$u" NRestarts)" = active/0
  check "journal: no 'Watchdog timeout'" journal_lacks "$u" 'Watchdog timeout'
  check "the flood got answers ($ok of $total requests HTTP 200)" test "$ok" -gt 0
  [ "$withheld" = 0 ] || journal_lines "$u" 'health gate (closed|open again)' | head -n 6 | sed 's/^/      log: /'
  check "the app still answers after the load" http_ok "$PORT"
  finish_unit "$u"
}
