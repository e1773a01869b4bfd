# shellcheck shell=bash
# a short DOWN is survived: the gate closes, opens again when health is UP, no restart.
TITLE="short DOWN blip (WatchdogSec=6, interval 1s): gate closed, then open again, no restart"
scenario() {
  local u=e2e-s13-blip.service pid0 t0 ts
  CUR_UNIT=$u
  U_WATCHDOG=6 app_unit "$u" "$PORT" --systemd.watchdog.interval=1s
  start_unit "$u"
  require_active "$u" || { finish_unit "$u"; return; }
  pid0="$(mainpid "$u")"
  t0="$(now)"
  http_post "$PORT" /fault/down >/dev/null
  if wait_until 4 journal_has "$u" 'health gate closed: sample is DOWN'; then
    pass "gate closed $(since "$t0")s after POST /fault/down"
  else
    fail "no 'health gate closed: sample is DOWN' within 4 s"
  fi
  check "StatusText while closed says why and when the restart would come: '$(prop "$u" StatusText)'" \
    test "$(prop "$u" StatusText)" = "Unhealthy; sample is DOWN; systemd restarts the service if this lasts 6s"
  http_post "$PORT" /fault/up >/dev/null
  figure blip_down_s "$(since "$t0")"
  check "journal: 'health gate open again'" wait_until 4 journal_has "$u" 'health gate open again'
  journal_lines "$u" 'health gate' | cut -c1-160 | sed 's/^/      log: /'
  info "StatusText after reopening: '$(prop "$u" StatusText)'"
  sleep 7    # longer than WatchdogSec: a restart would have happened by now
  check "no restart: NRestarts=0, same MainPID $pid0, active ($(props "$u" ActiveState,NRestarts,MainPID))" \
    test "$(prop "$u" NRestarts)/$(mainpid "$u")/$(prop "$u" ActiveState)" = "0/$pid0/active"
  check "journal: no 'Watchdog timeout' nor 'Watchdog request'" journal_lacks "$u" 'Watchdog (timeout|request)'
  finish_unit "$u"
}
