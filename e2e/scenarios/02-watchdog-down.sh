# shellcheck shell=bash
# 2: health DOWN -> pings withheld -> systemd's watchdog restarts the app.
SCENARIOS+=(2)
TITLE[2]="health DOWN: pings withheld, watchdog restarts the app (WatchdogSec=4)"
scenario_2() {
  local u=e2e-s02-down.service wd=4 pid0 pid1 t0 code bound
  CUR_UNIT=$u
  U_WATCHDOG=$wd app_unit "$u" "$PORT"
  start_unit "$u"
  require_active "$u" || { finish_unit "$u"; return; }
  pid0="$(mainpid "$u")"
  t0="$(now)"
  code="$(http_post "$PORT" /fault/down)"
  check "POST /fault/down answered 200 (got $code)" test "$code" = 200
  # WatchdogSec after the last ping, which came at most one interval (WatchdogSec/2) earlier
  bound="$(awk -v w=$wd -v s="$SLACK" 'BEGIN { print w + w / 2 + s }')"
  expect_watchdog_restart "$u" "$t0" "$bound" restart_after_down_s "POST /fault/down"
  if wait_until 60 is_active "$u"; then
    pid1="$(mainpid "$u")"
    figure down_to_active_again_s "$(since "$t0")"
    check "a new main process is active (MainPID $pid0 -> $pid1)" test "$pid1" != "$pid0" -a "$pid1" != 0
  else
    fail "not active again within 60 s"
  fi
  check "journal: the app logged 'Withholding systemd watchdog pings' naming sample and DOWN" \
    journal_has "$u" 'Withholding systemd watchdog pings.*sample.*DOWN|Withholding systemd watchdog pings.*DOWN.*sample'
  journal_lines "$u" 'Withholding systemd watchdog pings' | head -n 2 | sed 's/^/      log: /'
  journal_has "$u" 'sample=DOWN' || info "note: no 'sample=DOWN' in the withholding line"
  finish_unit "$u"
}
