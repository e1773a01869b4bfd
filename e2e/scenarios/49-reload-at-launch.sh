# shellcheck shell=bash
# `systemctl reload` asked for the moment the JVM is launched, long before the starter
# can take SIGHUP over: systemd merges the reload into the running start job, so the
# signal never reaches the JVM while its own answer to SIGHUP (exit 129) still applies, and
# `systemctl reload` returns once the service is started (which read the configuration).
# 252: Type=notify with ExecReload=kill -HUP; 253+: Type=notify-reload (systemd signals).
TITLE="systemctl reload right after launch: merged into the start, returns at READY=1, no signal; same MainPID, no exit 129"
scenario() {
  local u=e2e-s49-reload-at-launch.service pid0 t0 t_ask t_active rc rc_file
  CUR_UNIT=$u
  if systemd_at_least 253; then
    U_TYPE=notify-reload app_unit "$u" "$PORT" --sample.startup-delay=3s
  else
    U_EXTRA_SERVICE='ExecReload=/bin/kill -HUP $MAINPID' app_unit "$u" "$PORT" --sample.startup-delay=3s
  fi
  rc_file="$WORK/s49.rc"
  rm -f "$rc_file"
  t0="$(now)"
  sbx systemctl start --no-block "$u"
  # the earliest moment systemd knows the main process: the JVM has just been exec'd
  if ! wait_until 10 bash -c "[ \"\$('$SB' exec -- systemctl show -p MainPID --value '$u')\" -gt 0 ]"; then
    fail "no MainPID within 10 s ($(props "$u" ActiveState,SubState,Result))"
    finish_unit "$u"; return
  fi
  pid0="$(mainpid "$u")"
  t_ask="$(since "$t0")"
  figure reload_asked_after_launch_s "$t_ask"
  info "state when the reload was asked: $(props "$u" ActiveState,SubState,StatusText)"
  # systemctl reload waits for its job; it runs in the background while the start goes on
  ( sbx timeout 90 systemctl reload "$u" 2>"$WORK/s49.err"; r=$?
    echo "$r $(prop "$u" ActiveState)" >"$rc_file" ) &
  BG_PIDS+=("$!")
  if ! wait_until 60 is_active "$u"; then
    fail "$u did not become active ($(props "$u" ActiveState,SubState,Result,StatusText))"
    finish_unit "$u"; return
  fi
  t_active="$(since "$t0")"
  figure active_after_launch_s "$t_active"
  wait_until 30 test -s "$rc_file" || true
  rc="$(cat "$rc_file" 2>/dev/null)"
  check "systemctl reload returned 0, with the service started (rc and state: '${rc:-none}' $(tr '\n' ' ' <"$WORK/s49.err" 2>/dev/null))" \
    test "$rc" = "0 active"
  check "same MainPID $pid0, NRestarts=0 ($(props "$u" MainPID,NRestarts,Result))" \
    test "$(mainpid "$u")/$(prop "$u" NRestarts)" = "$pid0/0"
  check "journal: the JVM did not exit (no 'Main process exited')" journal_lacks "$u" 'Main process exited'
  check "journal: the application got no SIGHUP (no 'Ignoring SIGHUP', no reload ran)" \
    journal_lacks "$u" 'Ignoring SIGHUP|Reloading: |Sample configuration reloaded'
  check "StatusText is the start's ('$(prop "$u" StatusText)')" \
    grep -q '^Started' <<<"$(prop "$u" StatusText)"
  # the signal path itself still works once the service is started
  sbx systemctl reload "$u"
  check "a later systemctl reload runs the handler once" \
    journal_has_soon "$u" 'Sample configuration reloaded \(reload 1\)'
  finish_unit "$u"
}
