# shellcheck shell=bash
# systemctl reload of an application without a reload handler does not end it.
TITLE="systemctl reload without a reload handler: 'Reloaded: nothing to reload', same MainPID, NRestarts=0"
scenario() {
  local u=e2e-s40-reload-nothing.service pid0 n rc ts
  CUR_UNIT=$u
  U_EXTRA_SERVICE='ExecReload=/bin/kill -HUP $MAINPID' app_unit "$u" "$PORT" --sample.reload-handler=false
  start_unit "$u"
  require_active "$u" || { finish_unit "$u"; return; }
  pid0="$(mainpid "$u")"
  http_get "$PORT" /reloads
  check "no reload handler: GET /reloads is not there (HTTP $HTTP_CODE)" test "$HTTP_CODE" = 404
  for n in 1 2; do
    sbx systemctl reload "$u" 2>"$WORK/reload.err"; rc=$?
    check "systemctl reload #$n exited 0 ($(tr '\n' ' ' <"$WORK/reload.err"))" test "$rc" = 0
    check "journal: 'Reloaded: nothing to reload' logged $n time(s)" wait_until 10 bash -c \
      "test \"\$('$SB' exec -- journalctl --no-pager -o cat -u '$u' | grep -c 'Reloaded: nothing to reload: no SystemdReloadHandler bean')\" -ge $n"
    ts="$(prop "$u" StatusText)"
    check "StatusText after reload #$n: '$ts'" test "$ts" = "Reloaded: nothing to reload"
    check "still active with the same MainPID $pid0, NRestarts=0 ($(props "$u" ActiveState,SubState,MainPID,NRestarts))" \
      test "$(prop "$u" ActiveState)/$(mainpid "$u")/$(prop "$u" NRestarts)" = "active/$pid0/0"
  done
  check "journal: no stop or restart (no 'Stopping', 'Stopped', 'Main process exited', 'Graceful shutdown')" \
    journal_lacks "$u" 'Stopping|Stopped|Deactivated|Graceful shutdown|Main process exited'
  http_get "$PORT" /
  check "still serves HTTP after two reloads" test "$HTTP_BODY" = "Hello from web-sample"
  finish_unit "$u"
}
