# shellcheck shell=bash
# a SIGHUP while the application is still starting is ignored, not fatal.
TITLE="SIGHUP while starting (before READY=1): logged and ignored, the start completes, same MainPID"
scenario() {
  local u=e2e-s41-sighup-starting.service pid0 t0 ts i
  CUR_UNIT=$u
  U_EXTRA_SERVICE='ExecReload=/bin/kill -HUP $MAINPID' app_unit "$u" "$PORT" --sample.startup-delay=4s
  t0="$(now)"
  sbx systemctl start --no-block "$u"
  # the starter's first status ("Starting ...") is sent once the environment is ready,
  # after the SIGHUP handler is installed
  if ! wait_until 60 bash -c "'$SB' exec -- systemctl show -p StatusText --value '$u' | grep -q '^Starting'"; then
    fail "no 'Starting' status within 60 s ($(props "$u" ActiveState,SubState,StatusText))"
    finish_unit "$u"; return
  fi
  pid0="$(mainpid "$u")"
  figure sighup_after_launch_s "$(since "$t0")"
  sbx kill -HUP "$pid0"
  check "still activating after SIGHUP #1 ($(props "$u" ActiveState,SubState,StatusText))" \
    test "$(prop "$u" ActiveState)" = activating
  for i in 1 2 3; do
    sbx kill -HUP "$pid0" 2>/dev/null
    sleep 0.3
  done
  if ! wait_until 60 is_active "$u"; then
    fail "$u did not become active ($(props "$u" ActiveState,SubState,Result,StatusText))"
    finish_unit "$u"; return
  fi
  ts="$(prop "$u" StatusText)"
  check "StatusText starts with 'Started' ('$ts')" test "${ts#Started}" != "$ts"
  check "same MainPID $pid0, NRestarts=0 ($(props "$u" MainPID,NRestarts,Result))" \
    test "$(mainpid "$u")/$(prop "$u" NRestarts)" = "$pid0/0"
  check "journal: 'Ignoring SIGHUP: the application is still starting'" \
    journal_has_soon "$u" 'Ignoring SIGHUP: the application is still starting'
  check "journal: no reload ran during startup" journal_lacks "$u" 'Reloading: |Sample configuration reloaded'
  check "journal: no exit (no 'Main process exited')" journal_lacks "$u" 'Main process exited'
  sbx systemctl reload "$u"
  check "after startup, systemctl reload runs the handler" \
    journal_has_soon "$u" 'Sample configuration reloaded \(reload 1\)'
  finish_unit "$u"
}
