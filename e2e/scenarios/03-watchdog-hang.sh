# shellcheck shell=bash
# a health check that never returns is bounded; the gate closes -> restart.
TITLE="health check hangs: bounded by systemd.watchdog.health.timeout=1s, restarted (WATCHDOG=trigger)"
scenario() {
  local u=e2e-s03-hang.service
  hang_until_restart "$u" restart_after_hang_s 0 "POST /fault/hang" || return
  check "journal: the app logged 'health gate closed: sample did not answer within 1s'" \
    journal_has "$u" 'health gate closed: sample did not answer within 1s'
  journal_lines "$u" 'health gate closed' | head -n 2 | cut -c1-200 | sed 's/^/      log: /'
  if wait_until 60 is_active "$u"; then pass "active again after the restart"; else fail "not active again within 60 s"; fi
  finish_unit "$u"
}
