# shellcheck shell=bash
# settings of the starter that cannot be used never stop the service: a duration below
# its minimum, one that is not a duration, a negative count and a health group that does
# not exist each get one WARN line in the journal, the defaults apply, the service starts,
# is pinged and is still restarted when its health is DOWN.
# the binding is the JVM's, the same under any systemd
ONE_SYSTEMD=host
TITLE="settings that cannot be used (1ms interval, 'abc' timeout, -1 requests, unknown health group): one WARN each, defaults apply, pinged, DOWN still restarts"
scenario() {
  local u=e2e-s67-bad-settings.service wd=4 pid0 t0 code bound n line
  CUR_UNIT=$u
  U_WATCHDOG=$wd app_unit "$u" "$PORT" --systemd.watchdog.interval=1ms --systemd.startup.stall-timeout=abc \
    --systemd.socket-activation.warm-up.requests=-1 --systemd.watchdog.health.group=livenes
  start_unit "$u"
  check "systemctl start returned rc=0" test "$START_RC" = 0
  require_active "$u" || { finish_unit "$u"; return; }
  pid0="$(mainpid "$u")"
  for line in \
    "systemd.watchdog.interval '1ms' (\"systemd.watchdog.interval\" from property source \"commandLineArgs\") must be at least 100ms; the default, half of WatchdogSec=, applies" \
    "systemd.startup.stall-timeout 'abc' (\"systemd.startup.stall-timeout\" from property source \"commandLineArgs\") is not a duration (such as 10s, 500ms or 2m; a bare number is seconds); the default, 60s, applies" \
    "systemd.socket-activation.warm-up.requests '-1' (\"systemd.socket-activation.warm-up.requests\" from property source \"commandLineArgs\") must be 0 or more; the default, 0, applies" \
    "systemd.watchdog.health.group 'livenes' (\"systemd.watchdog.health.group\" from property source \"commandLineArgs\") is not a health group (there are: "; do
    n="$(sbx journalctl --no-pager -o cat -u "$u" 2>/dev/null | grep -cF -- "$line")"
    check "journal: one WARN line '${line:0:60}...' (found ${n:-0})" test "${n:-0}" = 1
  done
  # three WatchdogSec= without a restart: the default interval (2 s) pings
  sleep $((3 * wd))
  check "still active after $((3 * wd)) s, NRestarts=0, same MainPID $pid0 ($(props "$u" ActiveState,NRestarts,MainPID))" \
    test "$(prop "$u" ActiveState)" = active -a "$(prop "$u" NRestarts)" = 0 -a "$(mainpid "$u")" = "$pid0"
  # the watchdog group gates instead of the missing one: DOWN still restarts
  t0="$(now)"
  code="$(http_post "$PORT" /fault/down)"
  check "POST /fault/down answered 200 (got $code)" test "$code" = 200
  bound="$(awk -v w=$wd -v s="$SLACK" 'BEGIN { print w + w / 2 + s }')"
  WD_MSG='Watchdog request' expect_watchdog_restart "$u" "$t0" "$bound" bad_settings_restart_after_down_s "POST /fault/down"
  check "journal: the app logged 'health gate closed: sample is DOWN'" \
    journal_has "$u" 'health gate closed: sample is DOWN'
  finish_unit "$u"
}
