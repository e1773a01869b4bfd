# shellcheck shell=bash
# systemctl reload (ExecReload=kill -HUP) reloads in place: no restart, no stop.
TITLE="systemctl reload (ExecReload=kill -HUP \$MAINPID): handlers run, 'Reloaded' status, same MainPID, twice"
# reloads_are PORT N : GET /reloads answers N
reloads_are() { http_get "$1" /reloads; [ "$HTTP_BODY" = "$2" ]; }
scenario() {
  local u=e2e-s19-reload.service pid0 t0 ts n seen rc
  CUR_UNIT=$u
  U_EXTRA_SERVICE='ExecReload=/bin/kill -HUP $MAINPID' app_unit "$u" "$PORT"
  start_unit "$u"
  require_active "$u" || { finish_unit "$u"; return; }
  pid0="$(mainpid "$u")"
  http_get "$PORT" /reloads
  check "GET /reloads answers 0 before any reload (got '$HTTP_BODY')" test "$HTTP_BODY" = 0
  # sample the unit's state and status text inside the sandbox while it reloads
  sbx /bin/bash -c 'for i in $(seq 1 150); do
      echo "$(systemctl show -p ActiveState --value "$1")|$(systemctl show -p SubState --value "$1")|$(systemctl show -p StatusText --value "$1")"
      sleep 0.02; done' _ "$u" >"$WORK/s19.samples" 2>/dev/null &
  local sampler=$!
  BG_PIDS+=("$sampler")
  sleep 0.2
  for n in 1 2; do
    t0="$(now)"
    sbx systemctl reload "$u" 2>"$WORK/reload.err"; rc=$?
    check "systemctl reload #$n exited 0 ($(tr '\n' ' ' <"$WORK/reload.err"))" test "$rc" = 0
    if wait_until 10 reloads_are "$PORT" "$n"; then
      figure "reload_${n}_s" "$(since "$t0")"
    else
      fail "GET /reloads did not reach $n within 10 s of systemctl reload #$n"
    fi
    wait_until 5 bash -c "'$SB' exec -- systemctl show -p StatusText --value '$u' | grep -q '^Reloaded: '"
    ts="$(prop "$u" StatusText)"
    check "StatusText after reload #$n: '$ts'" grep -qE '^Reloaded: 1 handler in [0-9]+\.[0-9] s$' <<<"$ts"
    check "journal: the app logged 'Sample configuration reloaded (reload $n)'" \
      journal_has_soon "$u" "Sample configuration reloaded \\(reload $n\\)"
    check "still active with the same MainPID $pid0, NRestarts=0 ($(props "$u" ActiveState,SubState,MainPID,NRestarts))" \
      test "$(prop "$u" ActiveState)/$(mainpid "$u")/$(prop "$u" NRestarts)" = "active/$pid0/0"
  done
  wait "$sampler" 2>/dev/null
  seen="$(awk '!seen[$0]++' "$WORK/s19.samples" | tr '\n' ' ')"
  info "states seen around the first reload: $seen"
  journal_lines "$u" 'Reloading|Reloaded' | sed 's/^/      log: /'
  check "journal: the app logged 'Reloading: 1 handler' and 'Reloaded: 1 handler in' for each reload" \
    test "$(journal_lines "$u" 'Reloading: 1 handler|Reloaded: 1 handler in' | wc -l)" = 4
  check "journal: no stop or restart (no 'Stopping', 'Stopped', 'Deactivated', 'Graceful shutdown')" \
    journal_lacks "$u" 'Stopping|Stopped|Deactivated|Graceful shutdown|Main process exited'
  http_get "$PORT" /
  check "still serves HTTP after two reloads" test "$HTTP_BODY" = "Hello from web-sample"
  finish_unit "$u"
}
