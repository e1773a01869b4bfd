# shellcheck shell=bash
# 3: a health check that never returns is bounded; the gate closes -> restart.
SCENARIOS+=(3)
TITLE[3]="health check hangs: bounded by systemd.watchdog.health.timeout=1s, restarted (WATCHDOG=trigger)"
scenario_3() {
  local u=e2e-s03-hang.service wd=4 t0 code bound
  CUR_UNIT=$u
  U_WATCHDOG=$wd app_unit "$u" "$PORT" --systemd.watchdog.health.timeout=1s
  start_unit "$u"
  require_active "$u" || { finish_unit "$u"; return; }
  t0="$(now)"
  code="$(http_post "$PORT" /fault/hang)"
  check "POST /fault/hang answered 200 (got $code)" test "$code" = 200
  # as for DOWN, plus the health timeout before the first withheld ping
  bound="$(awk -v w=$wd -v s="$SLACK" 'BEGIN { print w + w / 2 + 1 + s }')"
  WD_MSG='Watchdog request' expect_watchdog_restart "$u" "$t0" "$bound" restart_after_hang_s "POST /fault/hang"
  check "journal: the app logged 'health gate closed: sample did not answer within 1s'" \
    journal_has "$u" 'health gate closed: sample did not answer within 1s'
  journal_lines "$u" 'health gate closed' | head -n 2 | cut -c1-200 | sed 's/^/      log: /'
  if wait_until 60 is_active "$u"; then pass "active again after the restart"; else fail "not active again within 60 s"; fi
  finish_unit "$u"
}
