# shellcheck shell=bash
# MemoryPressureWatch= (systemd 254+): the starter watches the unit's memory.pressure,
# and real memory stalls in the unit's control group raise the event, the log and the meter.
TITLE="MemoryPressureWatch=on: 254+ passes the unit's memory.pressure and a stall in the unit logs WARN/INFO, publishes the event and counts it; 252 passes nothing and the starter stays silent"

# s65_stall UNIT : stall the unit's control group on memory, from the host. The memory
# controller of a hybrid host is bound to cgroup v1, so the sandbox's cgroup2 has none and
# MemoryHigh= cannot apply there. Instead a helper joins the unit's cgroup2 group (PSI counts
# stalls per cgroup2 group, whatever the controllers) and a 32 MiB cgroup-v1 memory group,
# writes 256 MiB to a file on the host's disk and reads it back twice: page-cache reclaim
# within the limit stalls it (measured: ~360 ms in 1.3 s, but once only 21 ms, which
# did not reach the unit's trigger of 10 ms within 2 s). With UNTIL, a pattern of the
# unit's journal, it stalls again, up to 5 rounds in all, until the journal has it.
s65_stall() {
  local unit="$1" until="${2:-}" cg2 cgdir v1=/sys/fs/cgroup/memory/e2e-$SANDBOX_NAME-s65 file round rc=0
  cg2="$(awk '{ for (i = 7; i <= NF; i++) if ($i == "-") { if ($(i+1) == "cgroup2") { print $5; exit } break } }' /proc/self/mountinfo)"
  cgdir="$cg2/systemd-sandbox-$SANDBOX_NAME/system.slice/$unit"
  [ -f "$cgdir/cgroup.procs" ] || { info "no cgroup2 group $cgdir"; return 1; }
  [ -f /sys/fs/cgroup/memory/memory.limit_in_bytes ] \
    || { info "no cgroup-v1 memory hierarchy on this host: cannot force memory pressure"; return 1; }
  mkdir -p "$v1" && echo 32M >"$v1/memory.limit_in_bytes" || return 1
  file="$(mktemp /var/tmp/e2e-s65-XXXXXX)"
  for round in 1 2 3 4 5; do
    sh -c 'echo $$ >"$1/cgroup.procs" && echo $$ >"$2/cgroup.procs" &&
      dd if=/dev/zero of="$3" bs=1M count=256 status=none && cat "$3" >/dev/null && cat "$3" >/dev/null' \
      _ "$cgdir" "$v1" "$file" || { rc=$?; break; }
    info "the unit's memory.pressure after stall $round: $(head -n 1 "$cgdir/memory.pressure")"
    [ -n "$until" ] || break
    wait_until 3 journal_has "$unit" "$until" && break
  done
  rm -f "$file"
  rmdir "$v1" 2>/dev/null
  return $rc
}

# s65_active VALUE : GET /actuator/metrics/systemd.memory.pressure.active answers VALUE
s65_active() {
  http_get "$PORT" /actuator/metrics/systemd.memory.pressure.active
  grep -q "\"value\":$1" <<<"$HTTP_BODY"
}

scenario() {
  local u=e2e-s65-memory-pressure.service env watch events
  CUR_UNIT=$u
  U_EXTRA_SERVICE='MemoryPressureWatch=on
MemoryPressureThresholdSec=10ms' app_unit "$u" "$PORT" --systemd.memory-pressure.quiet-period=2s --systemd.logging.journal-format=prefix
  start_unit "$u"
  require_active "$u" || { finish_unit "$u"; return; }
  env="$(sbx /bin/sh -c "tr '\\0' '\\n' </proc/$(mainpid "$u")/environ | grep '^MEMORY_PRESSURE_' || true")"
  info "sandbox cgroup2 controllers: '$(sbx cat /sys/fs/cgroup/cgroup.controllers | tr '\n' ' ')' (no memory: MemoryHigh= cannot apply here)"
  if systemd_at_least 254; then
    watch="/sys/fs/cgroup/system.slice/$u/memory.pressure"
    check "systemd $SD_VERSION passes MEMORY_PRESSURE_WATCH=$watch" grep -qx "MEMORY_PRESSURE_WATCH=$watch" <<<"$env"
    check "... and MEMORY_PRESSURE_WRITE, base64 of 'some 10000 2000000' (MemoryPressureThresholdSec=10ms)" \
      bash -c "grep '^MEMORY_PRESSURE_WRITE=' <<<'$env' | cut -d= -f2- | base64 -d | tr -d '\\0' | grep -qx 'some 10000 2000000'"
    http_get "$PORT" /actuator/metrics/systemd.memory.pressure.events
    check "before any stall: systemd.memory.pressure.events is 0 (HTTP $HTTP_CODE)" grep -q '"value":0.0' <<<"$HTTP_BODY"
    check "before any stall: no memory pressure logged" journal_lacks "$u" 'Memory pressure'
    check "before any stall: systemd.memory.pressure.active is 0" s65_active 0.0
    # the gauge is 1 from the first event until the quiet period (2 s) has passed without
    # one: sampled every 0.2 s from before the stall until the episode is over
    rm -f "$WORK/s65.stop"
    (while [ ! -e "$WORK/s65.stop" ]; do
      curl -s -m 1 "http://127.0.0.1:$PORT/actuator/metrics/systemd.memory.pressure.active" \
        | grep -oE '"value":[0-9.]+' | head -1 | cut -d: -f2
      sleep 0.2
    done) >"$WORK/s65.active" 2>/dev/null &
    local sampler=$!
    BG_PIDS+=("$sampler")
    check "a helper in the unit's cgroup stalled on memory (host cgroup-v1 memory limit 32M)" \
      s65_stall "$u" "Memory pressure: systemd's watch"
    check "journal: WARN 'Memory pressure: systemd's watch ... signalled (trigger some 10000 2000000 (10ms within 2s))'" \
      journal_has_soon "$u" "^WARN .*Memory pressure: systemd's watch '$watch' signalled \\(trigger some 10000 2000000 \\(10ms within 2s\\)\\); some avg10="
    check "journal: the sample's listener got the MemoryPressureEvent" \
      journal_has "$u" "MemoryPressureEvent 1 of this episode from '$watch': some avg10="
    http_get "$PORT" /actuator/metrics/systemd.memory.pressure.events
    events="$(grep -oE '"value":[0-9.]+' <<<"$HTTP_BODY" | head -1 | cut -d: -f2)"
    check "systemd.memory.pressure.events counts the events (${events:-none})" le 1 "${events:-0}"
    check "journal: INFO 'Memory pressure over after ...' once 2 s pass without an event" \
      wait_until 10 journal_has "$u" "^INFO .*Memory pressure over after .*, none in the last 2s"
    touch "$WORK/s65.stop"
    wait "$sampler" 2>/dev/null
    info "systemd.memory.pressure.active sampled: $(uniq -c "$WORK/s65.active" | awk '{ printf "%s x%s, ", $2, $1 }')"
    check "systemd.memory.pressure.active was 1 during the episode" grep -qx '1.0' "$WORK/s65.active"
    check "after the episode: systemd.memory.pressure.active is 0 again" wait_until 2 s65_active 0.0
    check "exactly one WARN for the episode" test "$(journal_lines "$u" '^WARN .*Memory pressure: ' | wc -l)" = 1
  else
    check "systemd $SD_VERSION passes no MEMORY_PRESSURE_* ('$env')" test -z "$env"
    check "journal: systemd $SD_VERSION ignores MemoryPressureWatch=" journal_has "$u" "Unknown key 'MemoryPressureWatch'"
    check "a helper in the unit's cgroup stalled on memory (host cgroup-v1 memory limit 32M)" s65_stall "$u"
    sleep 2
    check "journal: the starter stays silent (no 'Memory pressure', no MemoryPressureEvent)" \
      journal_lacks "$u" 'Memory pressure|MemoryPressureEvent'
    http_get "$PORT" /actuator/metrics/systemd.memory.pressure.events
    check "no systemd.memory.pressure.events meter (HTTP $HTTP_CODE)" test "$HTTP_CODE" = 404
  fi
  check "still active, never restarted (NRestarts=$(prop "$u" NRestarts))" \
    bash -c "[ \"\$('$SB' exec -- systemctl show -p ActiveState --value $u)\" = active ] && [ \"\$('$SB' exec -- systemctl show -p NRestarts --value $u)\" = 0 ]"
  finish_unit "$u"
}
