# shellcheck shell=bash
# a start longer than TimeoutStartSec= is carried by EXTEND_TIMEOUT_USEC= while it
# makes progress; without the extensions, or once startup stalls, systemd kills it.
# The same for a graceful shutdown longer than TimeoutStopSec=. A stop while the context
# is refreshed ends the start's extensions at once: TimeoutStopSec= bounds it.
TITLE="12 s start under TimeoutStartSec=6, 10 s stop under TimeoutStopSec=5: extended; killed without extensions or when stalled; a stop during a long refresh bounded by TimeoutStopSec="
scenario() {
  local u=e2e-s16-slow-start.service limit=6 delay=12 el
  CUR_UNIT=$u
  E2E_START_TIMEOUT=$limit U_RESTART=no app_unit "$u" "$PORT" --sample.startup-delay=${delay}s
  start_unit "$u"
  figure slow_start_extended_s "$START_S"
  check "systemctl start succeeded after ${START_S}s, beyond TimeoutStartSec=$limit (rc=$START_RC)" \
    test "$START_RC" = 0
  check "the unit is active ($(props "$u" ActiveState,SubState,Result,NRestarts))" is_active "$u"
  check "READY came after TimeoutStartSec=$limit had passed (${START_S}s)" le "$limit" "$START_S"
  check "journal: no 'start operation timed out'" \
    journal_lacks "$u" 'start operation timed out'
  finish_unit "$u"

  u=e2e-s16-no-extension.service
  CUR_UNIT=$u
  E2E_START_TIMEOUT=$limit U_RESTART=no app_unit "$u" "$PORT" --sample.startup-delay=${delay}s \
    --systemd.startup.extend-timeout=false
  start_unit "$u"
  figure start_timeout_without_extension_s "$START_S"
  check "with systemd.startup.extend-timeout=false, systemctl start failed (rc=$START_RC after ${START_S}s)" \
    test "$START_RC" != 0
  check "Result=timeout ($(props "$u" ActiveState,Result))" test "$(prop "$u" Result)" = timeout
  check "journal: systemd says 'start operation timed out'" journal_has_soon "$u" 'start operation timed out'
  finish_unit "$u"

  u=e2e-s16-stalled.service
  CUR_UNIT=$u
  E2E_START_TIMEOUT=$limit U_RESTART=no app_unit "$u" "$PORT" --sample.startup-delay=${delay}s \
    --systemd.startup.stall-timeout=2s
  start_unit "$u"
  figure start_timeout_when_stalled_s "$START_S"
  check "with systemd.startup.stall-timeout=2s the sleeping runner is a stall: start failed (rc=$START_RC after ${START_S}s)" \
    test "$START_RC" != 0
  check "Result=timeout ($(props "$u" ActiveState,Result))" test "$(prop "$u" Result)" = timeout
  check "journal: the app logged 'Startup has made no progress for 2s'" \
    journal_has_soon "$u" 'Startup has made no progress for 2s'
  check "journal: the stuck thread's stack names SlowStartupRunner.run" journal_has "$u" 'SlowStartupRunner\.run'
  journal_lines "$u" 'no progress|start operation timed out' | head -n 2 | cut -c1-160 | sed 's/^/      log: /'
  finish_unit "$u"

  u=e2e-s16-long-stop.service limit=5 delay=10
  CUR_UNIT=$u
  U_STOP_TIMEOUT=$limit app_unit "$u" "$PORT" --sample.shutdown-delay=${delay}s
  start_unit "$u"
  require_active "$u" || { finish_unit "$u"; return; }
  timed_stop "$u" long_stop_extended_s
  el="$STOP_S"
  check "systemctl stop took ${el}s, beyond TimeoutStopSec=$limit" le "$limit" "$el"
  check "ended inactive/dead, Result=success ($(props "$u" ActiveState,SubState,Result,ExecMainStatus))" \
    test "$(prop "$u" ActiveState)/$(prop "$u" SubState)/$(prop "$u" Result)" = inactive/dead/success
  check "journal: no 'timed out' and no SIGKILL" \
    journal_lacks "$u" 'timed out|SIGKILL|code=killed'
  finish_unit "$u"

  u=e2e-s16-stop-no-extension.service
  CUR_UNIT=$u
  U_STOP_TIMEOUT=$limit app_unit "$u" "$PORT" --sample.shutdown-delay=${delay}s --systemd.shutdown.extend-timeout=false
  start_unit "$u"
  require_active "$u" || { finish_unit "$u"; return; }
  timed_stop "$u" stop_timeout_without_extension_s
  el="$STOP_S"
  check "with systemd.shutdown.extend-timeout=false, Result=timeout ($(props "$u" ActiveState,Result))" \
    test "$(prop "$u" Result)" = timeout
  check "journal: systemd says 'stop-sigterm' timed out" journal_has_soon "$u" "State 'stop-sigterm' timed out"
  finish_unit "$u"

  # a stop while the context is still refreshed (a 60 s migration in a bean's
  # initialisation, --sample.migration-delay): Spring closes the context only once the
  # refresh is done; the start's extensions end at the SIGTERM, so TimeoutStopSec= bounds it
  u=e2e-s16-stop-while-starting.service limit=5
  local t0
  CUR_UNIT=$u
  E2E_START_TIMEOUT=6 U_STOP_TIMEOUT=$limit U_RESTART=no app_unit "$u" "$PORT" --sample.migration-delay=60s
  t0="$(now)"
  sbx systemctl start --no-block "$u"
  check "a 60 s refresh: 'creating beans' under TimeoutStartSec=6" \
    wait_until 60 s16_status_has "$u" "creating beans"
  sleep "$(awk -v a="$t0" -v b="$(now)" 'BEGIN { d = 9 - (b - a); printf "%.1f", (d > 0) ? d : 0 }')"
  check "a 60 s refresh: still starting 9 s in, carried past TimeoutStartSec=6 ($(props "$u" ActiveState,SubState))" \
    test "$(prop "$u" ActiveState)" = activating
  t0="$(now)"
  sbx systemctl stop --no-block "$u"
  check "stop during the refresh: the status says 'Stopping' at once" wait_until 3 s16_status_is "$u" Stopping
  wait_until $((limit + 20)) s16_ended "$u"
  STOP_S="$(since "$t0")"
  figure stop_during_refresh_s "$STOP_S"
  check "stop during the refresh: ended within TimeoutStopSec=$limit (+ ${E2E_SLACK:-2} s), not after the refresh (${STOP_S}s)" \
    le "$STOP_S" "$((limit + ${E2E_SLACK:-2}))"
  check "stop during the refresh: systemd ended it at TimeoutStopSec= ('stop-sigterm' timed out)" \
    journal_has_soon "$u" "State 'stop-sigterm' timed out"
  finish_unit "$u"
}

# s16_status_has UNIT TEXT / s16_status_is UNIT TEXT : the unit's StatusText contains / is TEXT
s16_status_has() { [[ "$(prop "$1" StatusText)" == *"$2"* ]]; }
s16_status_is() { [ "$(prop "$1" StatusText)" = "$2" ]; }
# s16_ended UNIT : the unit is inactive or failed
s16_ended() { case "$(prop "$1" ActiveState)" in inactive | failed) return 0 ;; esac; return 1; }
