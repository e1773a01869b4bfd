# shellcheck shell=bash
# Type=notify-reload (systemd 253+): systemd sends SIGHUP itself and `systemctl reload`
# returns once the application has sent READY=1 after RELOADING=1 (with MONOTONIC_USEC=).
TITLE="Type=notify-reload: 253+ waits in systemctl reload for READY=1 (3 s handler), reports a failing reload; 252 rejects the type"
# s45_reload UNIT : systemctl reload; sets RELOAD_RC, RELOAD_S, and what the app and
# systemd said at the moment it returned: AT_RETURN_RELOADS (GET /reloads), AT_RETURN_STATUS
s45_reload() {
  local t0; t0="$(now)"
  sbx systemctl reload "$1" 2>"$WORK/reload.err"; RELOAD_RC=$?
  RELOAD_S="$(since "$t0")"
  AT_RETURN_STATUS="$(prop "$1" StatusText)"
  http_get "$PORT" /reloads; AT_RETURN_RELOADS="$HTTP_BODY"
}
scenario() {
  local u=e2e-s45-notify-reload.service uf=e2e-s45-notify-reload-fail.service pid0 ts
  CUR_UNIT=$u
  U_TYPE=notify-reload app_unit "$u" "$PORT" --sample.reload-delay=3s
  if ! systemd_at_least 253; then
    # 252 does not know the type: it says so, and the unit is not reloadable (the README's
    # unit for 252 uses Type=notify with ExecReload=)
    start_unit "$u"
    # (systemd loads the unit file, and says what it rejects, when the unit is first needed)
    check "journal: systemd $SD_VERSION rejects Type=notify-reload" \
      journal_has_soon "$u" 'Failed to parse service type, ignoring: notify-reload'
    require_active "$u" || { finish_unit "$u"; return; }
    wait_until 60 http_ok "$PORT" || fail "no HTTP answer within 60 s"
    pid0="$(mainpid "$u")"
    s45_reload "$u"
    check "systemctl reload is refused with rc 3, 'not applicable' (rc=$RELOAD_RC: $(tr '\n' ' ' <"$WORK/reload.err"))" \
      bash -c '[ "$1" = 3 ] && grep -q "Job type reload is not applicable" "$2"' _ "$RELOAD_RC" "$WORK/reload.err"
    check "the app was not signalled: same MainPID $pid0, GET /reloads 0 ($(mainpid "$u"), '$AT_RETURN_RELOADS')" \
      test "$(mainpid "$u")/$AT_RETURN_RELOADS" = "$pid0/0"
    finish_unit "$u"
    return
  fi
  start_unit "$u"
  require_active "$u" || { finish_unit "$u"; return; }
  check "Type=notify-reload is the unit's type ($(prop "$u" Type))" test "$(prop "$u" Type)" = notify-reload
  pid0="$(mainpid "$u")"
  sbx /bin/bash -c 'for i in $(seq 1 100); do
      echo "$(systemctl show -p ActiveState --value "$1")|$(systemctl show -p SubState --value "$1")"
      sleep 0.05; done' _ "$u" >"$WORK/s45.samples" 2>/dev/null &
  local sampler=$!
  BG_PIDS+=("$sampler")
  s45_reload "$u"
  figure notify_reload_s "$RELOAD_S"
  check "systemctl reload exited 0 ($(tr '\n' ' ' <"$WORK/reload.err"))" test "$RELOAD_RC" = 0
  check "systemctl reload waited for the 3 s handler (returned after ${RELOAD_S}s)" le 3 "$RELOAD_S"
  check "the reload was done when it returned: GET /reloads answered 1 (got '$AT_RETURN_RELOADS')" \
    test "$AT_RETURN_RELOADS" = 1
  check "StatusText when it returned: '$AT_RETURN_STATUS'" \
    grep -qE '^Reloaded: 1 handler in [3-9]\.[0-9] s$' <<<"$AT_RETURN_STATUS"
  wait "$sampler" 2>/dev/null
  info "states seen: $(awk '!seen[$0]++' "$WORK/s45.samples" | tr '\n' ' ')"
  check "the unit was 'reloading' while the handler ran" grep -q '^reloading|' "$WORK/s45.samples"
  check "journal: systemd logged the reload's end" journal_has_soon "$u" '^Reloaded '
  check "journal: the app's RELOADING=1 was accepted (no notification rejected or ignored)" \
    journal_lacks "$u" 'MONOTONIC_USEC|Got notification message .* ignoring|reception denied'
  check "still active with the same MainPID $pid0, NRestarts=0 ($(props "$u" ActiveState,MainPID,NRestarts))" \
    test "$(prop "$u" ActiveState)/$(mainpid "$u")/$(prop "$u" NRestarts)" = "active/$pid0/0"
  finish_unit "$u"

  # a failing reload: READY=1 is still sent, the reload ends and the status names the failure
  CUR_UNIT=$uf
  U_TYPE=notify-reload app_unit "$uf" "$PORT" --sample.reload-fail=true --systemd.logging.journal-format=prefix
  start_unit "$uf"
  require_active "$uf" || { finish_unit "$uf"; return; }
  pid0="$(mainpid "$uf")"
  s45_reload "$uf"
  figure notify_reload_failure_s "$RELOAD_S"
  # READY=1 ends the reload; nothing in it says that the reload failed, so systemd reports
  # a finished reload and the failure is in StatusText and the journal
  check "systemctl reload exited 0 under systemd $SD_VERSION: the reload ended with READY=1 (rc=$RELOAD_RC $(tr '\n' ' ' <"$WORK/reload.err"))" \
    test "$RELOAD_RC" = 0
  check "systemctl reload returned within 10 s (${RELOAD_S}s)" le "$RELOAD_S" 10
  ts="$AT_RETURN_STATUS"
  check "StatusText when it returned names the failure: '$ts'" \
    test "$ts" = "Reload failed: sample.reload-fail is set, the new configuration is rejected (IllegalStateException)"
  check "journal: WARN 'Reload failed: ...'" journal_has_soon "$uf" '^WARN +--- .*Reload failed: sample.reload-fail is set'
  check "still active with the same MainPID $pid0 ($(props "$uf" ActiveState,MainPID,NRestarts))" \
    test "$(prop "$uf" ActiveState)/$(mainpid "$uf")/$(prop "$uf" NRestarts)" = "active/$pid0/0"
  finish_unit "$uf"
}
