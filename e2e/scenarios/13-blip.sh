# shellcheck shell=bash
# 13: a short DOWN is survived: pings stop, resume when health is UP again.
SCENARIOS+=(13)
TITLE[13]="short DOWN blip (WatchdogSec=6, interval 1s): pings withheld, then 'Resuming', no restart"
scenario_13() {
  local u=e2e-s13-blip.service pid0 t0 ts
  CUR_UNIT=$u
  U_WATCHDOG=6 app_unit "$u" "$PORT" --systemd.watchdog.interval=1s
  start_unit "$u"
  require_active "$u" || { finish_unit "$u"; return; }
  pid0="$(mainpid "$u")"
  t0="$(now)"
  http_post "$PORT" /fault/down >/dev/null
  if wait_until 4 journal_has "$u" 'Withholding systemd watchdog pings'; then
    pass "pings withheld $(since "$t0")s after POST /fault/down"
  else
    fail "no 'Withholding systemd watchdog pings' within 4 s"
  fi
  info "StatusText while withheld: '$(prop "$u" StatusText)'"
  http_post "$PORT" /fault/up >/dev/null
  figure blip_down_s "$(since "$t0")"
  check "journal: 'Resuming systemd watchdog pings'" wait_until 4 journal_has "$u" 'Resuming systemd watchdog pings'
  journal_lines "$u" 'Withholding systemd watchdog pings|Resuming systemd watchdog pings' | sed 's/^/      log: /'
  info "StatusText after resuming: '$(prop "$u" StatusText)'"
  sleep 7    # longer than WatchdogSec: a restart would have happened by now
  check "no restart: NRestarts=0, same MainPID $pid0, active ($(props "$u" ActiveState,NRestarts,MainPID))" \
    test "$(prop "$u" NRestarts)/$(mainpid "$u")/$(prop "$u" ActiveState)" = "0/$pid0/active"
  check "journal: no 'Watchdog timeout'" journal_lacks "$u" 'Watchdog timeout'
  finish_unit "$u"
}
