# shellcheck shell=bash
# off systemd (no NOTIFY_SOCKET): the starter stays silent.
OFF_SYSTEMD=1   # a plain process on the host: runs once, whatever systemd the suite boots
TITLE="off systemd (plain process on the host, no NOTIFY_SOCKET): no INFO+ log line mentions systemd"
scenario() {
  local out="$WORK/s11.out" pid t0 rc body lines
  CUR_UNIT=""
  mkdir -p "$WORK/host"
  t0="$(now)"
  (cd "$WORK/host" && exec env -u NOTIFY_SOCKET -u WATCHDOG_USEC -u WATCHDOG_PID -u LISTEN_FDS \
      -u LISTEN_PID -u LISTEN_FDNAMES -u INVOCATION_ID -u JOURNAL_STREAM \
      "${HOST_APP[@]}" --server.port="$PORT" --server.address=127.0.0.1 </dev/null >"$out" 2>&1) &
  pid=$!
  BG_PIDS+=("$pid")
  if wait_until "${E2E_START_TIMEOUT:-120}" http_ok "$PORT"; then
    figure host_start_to_http_s "$(since "$t0")"
    http_get "$PORT" /; body="$HTTP_BODY"
    check "the app answers on the host: '$body'" test "$body" = "Hello from web-sample"
  else
    fail "the app did not answer HTTP within ${E2E_START_TIMEOUT:-120}s"
    sed 's/^/    | /' "$out" | tail -n 40
  fi
  kill -TERM "$pid" 2>/dev/null
  if wait_until 30 bash -c "! kill -0 $pid 2>/dev/null"; then
    wait "$pid"; rc=$?
    check "the app stopped on SIGTERM (exit status $rc: 0 or 143)" test "$rc" = 0 -o "$rc" = 143
  else
    fail "the app did not stop within 30 s of SIGTERM"; kill -KILL "$pid" 2>/dev/null
  fi
  lines="$(grep -i 'systemd' "$out" | grep -vE '(^|[[:space:]])(DEBUG|TRACE)[[:space:]]')"
  if [ -z "$lines" ]; then
    pass "no log line at INFO or above mentions 'systemd' ($(wc -l <"$out") lines of output)"
  else
    fail "log lines mentioning 'systemd' off systemd:"; printf '%s\n' "$lines" | head -n 10 | sed 's/^/    | /'
  fi
  check "the output looks like an application log (has 'Started')" grep -q 'Started' "$out"
}
