# shellcheck shell=bash
# 6: systemctl stop: STOPPING=1 + status, graceful shutdown, clean result.
SCENARIOS+=(6)
TITLE[6]="systemctl stop: 'Stopping' status, graceful shutdown, inactive with Result=success"
scenario_6() {
  local u=e2e-s06-stop.service t0 el seen
  CUR_UNIT=$u
  app_unit "$u" "$PORT"
  start_unit "$u"
  require_active "$u" || { finish_unit "$u"; return; }
  # sample the unit's state and status text inside the sandbox while it stops;
  # the sampler ends by itself once the unit is inactive/failed (or after ~40 s)
  sbx /bin/bash -c 'for i in $(seq 1 2000); do
      a="$(systemctl show -p ActiveState --value "$1")"
      echo "$a|$(systemctl show -p SubState --value "$1")|$(systemctl show -p StatusText --value "$1")"
      case "$a" in inactive|failed) break;; esac; sleep 0.02; done' _ "$u" >"$WORK/s6.samples" 2>/dev/null &
  local sampler=$!
  BG_PIDS+=("$sampler")
  sleep 0.3
  t0="$(now)"
  sbx systemctl stop "$u"
  el="$(since "$t0")"
  wait "$sampler" 2>/dev/null
  figure stop_s "$el"
  seen="$(awk '!seen[$0]++' "$WORK/s6.samples" | tr '\n' ' ')"
  info "states seen while stopping: $seen"
  check "StatusText said 'Stopping' while the unit stopped" grep -q 'Stopping' "$WORK/s6.samples"
  check "ended inactive/dead, Result=success ($(props "$u" ActiveState,SubState,Result,ExecMainStatus))" \
    test "$(prop "$u" ActiveState)/$(prop "$u" SubState)/$(prop "$u" Result)" = inactive/dead/success
  check "stopped within TimeoutStopSec by itself (${el}s < 30s)" le "$el" 29
  check "journal: no SIGKILL / 'Killing process'" journal_lacks "$u" 'SIGKILL|Killing process|code=killed'
  journal_lines "$u" 'Main process exited|Deactivated|Stopped|Graceful shutdown' | sed 's/^/      log: /'
  check "journal: graceful shutdown logged ('Graceful shutdown complete')" journal_has_soon "$u" 'Graceful shutdown complete'
  check "journal: no 'Failed with result'" journal_lacks "$u" 'Failed with result'
  finish_unit "$u"
}
