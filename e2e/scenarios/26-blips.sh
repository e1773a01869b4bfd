# shellcheck shell=bash
# five 1.1 s DOWN blips under WatchdogSec=4 never restart the app.
TITLE="five 1.1 s DOWN blips (WatchdogSec=4): no restart; each change shows in StatusText, logs damped"
scenario() {
  local u=e2e-s26-blips.service pid0 i
  CUR_UNIT=$u
  U_WATCHDOG=4 app_unit "$u" "$PORT"
  start_unit "$u"
  require_active "$u" || { finish_unit "$u"; return; }
  pid0="$(mainpid "$u")"
  for i in 1 2 3 4 5; do
    http_post "$PORT" /fault/down >/dev/null
    sleep 1.1
    http_post "$PORT" /fault/up >/dev/null
    sleep 1.5
  done
  sleep 5    # longer than WatchdogSec: a restart would have happened by now
  check "no restart after five blips: NRestarts=0, same MainPID $pid0, active ($(props "$u" ActiveState,NRestarts,MainPID))" \
    test "$(prop "$u" NRestarts)/$(mainpid "$u")/$(prop "$u" ActiveState)" = "0/$pid0/active"
  check "journal: no 'Watchdog timeout' nor 'Watchdog request'" journal_lacks "$u" 'Watchdog (timeout|request)'
  check "journal: 'health gate closed: sample is DOWN' logged at most once (damped)" \
    test "$(journal_lines "$u" 'health gate closed: sample is DOWN' | wc -l)" -le 1
  journal_lines "$u" 'health gate' | cut -c1-160 | sed 's/^/      log: /'
  finish_unit "$u"
}
