# shellcheck shell=bash
# health DOWN for good -> WATCHDOG=trigger after WatchdogSec -> systemd restarts the app.
TITLE="health DOWN for good: WATCHDOG=trigger after WatchdogSec=4, restarted within WatchdogSec + one interval"
scenario() {
  local u=e2e-s02-down.service wd=4 pid0 pid1 t0 code bound
  CUR_UNIT=$u
  U_WATCHDOG=$wd app_unit "$u" "$PORT"
  start_unit "$u"
  require_active "$u" || { finish_unit "$u"; return; }
  pid0="$(mainpid "$u")"
  t0="$(now)"
  code="$(http_post "$PORT" /fault/down)"
  check "POST /fault/down answered 200 (got $code)" test "$code" = 200
  # the gate is seen closed at the next check (at most one interval, WatchdogSec/2, later)
  # and triggers once it has been closed for WatchdogSec
  bound="$(awk -v w=$wd -v s="$SLACK" 'BEGIN { print w + w / 2 + s }')"
  WD_MSG='Watchdog request' expect_watchdog_restart "$u" "$t0" "$bound" restart_after_down_s "POST /fault/down"
  if wait_until 60 is_active "$u"; then
    pid1="$(mainpid "$u")"
    figure down_to_active_again_s "$(since "$t0")"
    check "a new main process is active (MainPID $pid0 -> $pid1)" test "$pid1" != "$pid0" -a "$pid1" != 0
  else
    fail "not active again within 60 s"
  fi
  check "journal: the app logged 'health gate closed: sample is DOWN'" \
    journal_has "$u" 'health gate closed: sample is DOWN; systemd restarts the service if this lasts 4s'
  check "journal: the app logged 'sending WATCHDOG=trigger' naming sample" \
    journal_has "$u" 'has been closed for [0-9.]+m?s \(sample is DOWN\), the limit is 4s; sending WATCHDOG=trigger'
  journal_lines "$u" 'health gate closed|WATCHDOG=trigger' | head -n 2 | cut -c1-200 | sed 's/^/      log: /'
  finish_unit "$u"
}
