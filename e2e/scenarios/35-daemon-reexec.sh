# shellcheck shell=bash
# the service manager replaces itself (daemon-reexec) and reloads: the starter's one
# connected notify socket keeps reaching it (reconnecting if the socket was replaced):
# no missed ping, no restart.
TITLE="systemctl daemon-reexec 3 times and daemon-reload under WatchdogSec=4: no restart, same MainPID"
scenario() {
  local u=e2e-s35-reexec.service pid0 i n
  CUR_UNIT=$u
  U_WATCHDOG=4 app_unit "$u" "$PORT"
  start_unit "$u"
  require_active "$u" || { finish_unit "$u"; return; }
  pid0="$(mainpid "$u")"
  for i in 1 2 3; do
    sbx systemctl daemon-reexec || fail "systemctl daemon-reexec ($i) failed"
    sleep 5   # longer than WatchdogSec: pings lost to a dead socket would end in a restart
  done
  sbx systemctl daemon-reload || fail "systemctl daemon-reload failed"
  sleep 5
  n="$(prop "$u" NRestarts)"
  check "NRestarts=0 after 3 daemon-reexec and a daemon-reload (was '$n')" test "$n" = 0
  check "same MainPID ($pid0 -> $(mainpid "$u")), still active" \
    test "$(mainpid "$u")" = "$pid0" -a "$(prop "$u" ActiveState)" = active
  check "journal: no watchdog timeout" journal_lacks "$u" "Watchdog timeout"
  check "journal: no failed notification ('Could not send')" journal_lacks "$u" "Could not send"
  http_get "$PORT" /
  check "the app still answers: HTTP $HTTP_CODE" test "$HTTP_CODE" = 200
  finish_unit "$u"
}
