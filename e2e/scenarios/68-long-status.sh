# shellcheck shell=bash
# a health check that fails with a long message does not cost the pings: systemd
# ignores a notification of 4096 bytes or more, or with a NUL byte, whole, and the status
# rides in the datagram of the ping. The check does not gate here (a watchdog group of
# ping alone), so the service must stay up with pings for three WatchdogSec=.
# systemd 252 logs the notifications it ignores ("exceeded maximum size", "embedded NUL");
# 257 ignores them without a word at the default log level
ONE_SYSTEMD=host
TITLE="a non-gating check failing with an 11,000-character message with NUL bytes: status cut to one line of 400, every ping arrives, no restart"
scenario() {
  local u=e2e-s68-long-status.service wd=4 pid0 code ts
  CUR_UNIT=$u
  U_WATCHDOG=$wd app_unit "$u" "$PORT" --management.endpoint.health.group.watchdog.include=ping
  start_unit "$u"
  require_active "$u" || { finish_unit "$u"; return; }
  pid0="$(mainpid "$u")"
  # 1000 x ten digits and a NUL byte: 11,000 characters
  code="$(curl -s -m 5 -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$PORT/fault/fail?message=0123456789&nul=true&repeat=1000")"
  check "POST /fault/fail with an 11,000-character message with NUL bytes answered 200 (got $code)" test "$code" = 200
  wait_until 10 bash -c "'$SB' exec -- systemctl show -p StatusText --value '$u' | grep -q '^Degraded; sample'"
  ts="$(prop "$u" StatusText)"
  check "StatusText says the check failed, on one line of at most 400 characters (${#ts}: '${ts:0:70}...')" \
    test "${ts#Degraded; sample }" != "$ts" -a "${#ts}" -le 400 -a "${ts: -3}" = "..."
  sleep $((3 * wd))
  check "still active after $((3 * wd)) s, NRestarts=0, same MainPID $pid0 ($(props "$u" ActiveState,NRestarts,MainPID))" \
    test "$(prop "$u" ActiveState)" = active -a "$(prop "$u" NRestarts)" = 0 -a "$(mainpid "$u")" = "$pid0"
  check "journal: systemd ignored no notification of the service ('exceeded maximum size', 'embedded NUL')" \
    journal_all_lacks "exceeded maximum size" "embedded NUL"
  finish_unit "$u"
}
