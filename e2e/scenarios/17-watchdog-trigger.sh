# shellcheck shell=bash
# systemd.watchdog.trigger-after: DOWN health restarts the app long before WatchdogSec=.
TITLE="DOWN with WatchdogSec=30 and systemd.watchdog.trigger-after=1s: WATCHDOG=trigger restarts within seconds"
scenario() {
  local u=e2e-s17-trigger.service wd=30 t0 code el bound
  CUR_UNIT=$u
  U_WATCHDOG=$wd app_unit "$u" "$PORT" --systemd.watchdog.trigger-after=1s
  start_unit "$u"
  require_active "$u" || { finish_unit "$u"; return; }
  t0="$(now)"
  code="$(http_post "$PORT" /fault/down)"
  check "POST /fault/down answered 200 (got $code)" test "$code" = 200
  # trigger-after, one check interval (0.5 s), the JVM's exit and the restart
  bound="$(awk -v s="$SLACK" 'BEGIN { print 1 + 0.5 + 3 + s }')"
  if wait_until 60 nrestarts_ge "$u" 1; then
    el="$(since "$t0")"; figure restart_after_trigger_s "$el"
    check "restarted within ${bound}s of POST /fault/down, not after WatchdogSec=$wd (took ${el}s)" le "$el" "$bound"
  else
    fail "not restarted within 60 s of POST /fault/down (NRestarts=$(prop "$u" NRestarts))"
  fi
  check "journal: the app logged 'sending WATCHDOG=trigger' with the reason" \
    journal_has_soon "$u" 'gate has been closed for .*sample is DOWN.*sending WATCHDOG=trigger'
  check "journal: systemd says 'Watchdog request'" journal_has "$u" 'Watchdog request'
  check "journal: \"Failed with result 'watchdog'\"" journal_has "$u" "Failed with result 'watchdog'"
  journal_lines "$u" 'WATCHDOG=trigger|Watchdog request' | head -n 2 | cut -c1-200 | sed 's/^/      log: /'
  if wait_until 60 is_active "$u"; then pass "active again after the restart"; else fail "not active again within 60 s"; fi
  finish_unit "$u"
}
