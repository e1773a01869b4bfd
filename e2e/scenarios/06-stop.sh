# shellcheck shell=bash
# systemctl stop: STOPPING=1 + status, graceful shutdown, clean result.
TITLE="systemctl stop: 'Stopping' status, graceful shutdown, inactive with Result=success"
scenario() {
  local u=e2e-s06-stop.service t0 el seen pid cursor notes
  CUR_UNIT=$u
  app_unit "$u" "$PORT"
  start_unit "$u"
  require_active "$u" || { finish_unit "$u"; return; }
  pid="$(mainpid "$u")"
  # The 'Stopping' status lasts from STOPPING=1 to the exit of the main process, when
  # systemd drops the status text: often less than 100 ms, shorter than one round of a
  # sampler under load. What systemd received is therefore read from its own debug log
  # ("Got notification message from PID ..."), in the order it happened; the sampler
  # below only shows what `systemctl` saw.
  cursor="$(sbx journalctl --no-pager -q -n 0 --show-cursor 2>/dev/null | sed -n 's/^-- cursor: //p')"
  sbx systemd-analyze log-level debug
  # sample state and status text in one call per round while the unit stops; the
  # sampler ends by itself once the unit is inactive/failed (or after ~40 s)
  sbx /bin/bash -c 'for i in $(seq 1 2000); do
      s="$(systemctl show -p ActiveState -p SubState -p StatusText "$1" | sort | sed "s/^[^=]*=//" | paste -sd "|")"
      echo "$s"
      case "$s" in inactive\|*|failed\|*) break;; esac; sleep 0.01; done' _ "$u" >"$WORK/s6.samples" 2>/dev/null &
  local sampler=$!
  BG_PIDS+=("$sampler")
  sleep 0.3
  t0="$(now)"
  sbx systemctl stop "$u"
  el="$(since "$t0")"
  wait "$sampler" 2>/dev/null
  sbx systemd-analyze log-level info
  figure stop_s "$el"
  seen="$(awk '!seen[$0]++' "$WORK/s6.samples" | tr '\n' ' ')"
  info "ActiveState|StatusText|SubState seen by systemctl while stopping: $seen"
  sbx journalctl --no-pager -o short-monotonic ${cursor:+--after-cursor="$cursor"} -u "$u" 2>/dev/null \
    | grep -E "Got notification message from PID $pid|Main process exited|Changed (running|stop-sigterm) ->" >"$WORK/s6.notes"
  sed 's/^/      systemd: /' "$WORK/s6.notes"
  check "systemd received STOPPING=1 with STATUS=Stopping from the main process (PID $pid) before it exited" \
    awk -v pid="$pid" '$0 ~ ("from PID " pid "[ :]") && /STOPPING=1/ && /STATUS=Stopping/ { got = 1 }
      /Main process exited/ { exit !got } END { if (!got) exit 1 }' "$WORK/s6.notes"
  check "ended inactive/dead, Result=success ($(props "$u" ActiveState,SubState,Result,ExecMainStatus))" \
    test "$(prop "$u" ActiveState)/$(prop "$u" SubState)/$(prop "$u" Result)" = inactive/dead/success
  check "stopped within TimeoutStopSec by itself (${el}s < 30s)" le "$el" 29
  check "journal: no SIGKILL / 'Killing process'" journal_lacks "$u" 'SIGKILL|Killing process|code=killed'
  journal_lines "$u" 'Main process exited|Deactivated|Stopped|Graceful shutdown' | sed 's/^/      log: /'
  check "journal: graceful shutdown logged ('Graceful shutdown complete')" journal_has_soon "$u" 'Graceful shutdown complete'
  check "journal: no 'Failed with result'" journal_lacks "$u" 'Failed with result'
  finish_unit "$u"
}
