# shellcheck shell=bash
# a reload handler that fails is reported, and the application keeps running.
TITLE="failed reload (--sample.reload-fail=true): 'Reload failed' status and WARN, still active, same MainPID"
scenario() {
  local u=e2e-s21-reload-fail.service pid0 t0 ts warn rc
  CUR_UNIT=$u
  U_EXTRA_SERVICE='ExecReload=/bin/kill -HUP $MAINPID' app_unit "$u" "$PORT" --sample.reload-fail=true --systemd.logging.journal-format=prefix
  start_unit "$u"
  require_active "$u" || { finish_unit "$u"; return; }
  pid0="$(mainpid "$u")"
  t0="$(now)"
  sbx systemctl reload "$u" 2>"$WORK/reload.err"; rc=$?
  check "systemctl reload exited 0 ($(tr '\n' ' ' <"$WORK/reload.err"))" test "$rc" = 0
  if wait_until 10 bash -c "'$SB' exec -- systemctl show -p StatusText --value '$u' | grep -q '^Reload failed: '"; then
    figure reload_failure_reported_s "$(since "$t0")"
  fi
  ts="$(prop "$u" StatusText)"
  check "StatusText names the failure: '$ts'" \
    test "$ts" = "Reload failed: sample.reload-fail is set, the new configuration is rejected (IllegalStateException)"
  check "journal: WARN 'Reload failed: ... the application keeps running'" \
    journal_has_soon "$u" '^WARN +--- .*Reload failed: sample.reload-fail is set.*the application keeps running'
  warn="$(sbx journalctl --no-pager -o cat -p warning -u "$u" 2>/dev/null)"
  printf '%s\n' "$warn" | grep -E 'Reload|IllegalStateException|at io\.github' | head -n 4 | sed 's/^/      -p warning: /'
  check "journalctl -p warning shows the failure's stack trace too (every line has the WARN priority)" \
    grep -qE '^[[:space:]]+at io\.github\.springsystemd\.sample\.web\.ReloadCounter\.reload' <<<"$warn"
  sleep 1
  check "still active with the same MainPID $pid0, NRestarts=0 ($(props "$u" ActiveState,SubState,MainPID,NRestarts))" \
    test "$(prop "$u" ActiveState)/$(mainpid "$u")/$(prop "$u" NRestarts)" = "active/$pid0/0"
  http_get "$PORT" /
  check "still serves HTTP after the failed reload ('$HTTP_BODY')" test "$HTTP_BODY" = "Hello from web-sample"
  http_get "$PORT" /reloads
  check "GET /reloads answers 0 (got '$HTTP_BODY')" test "$HTTP_BODY" = 0
  finish_unit "$u"
}
