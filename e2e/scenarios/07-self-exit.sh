# shellcheck shell=bash
# the app closes itself with exit code 0: no restart with Restart=on-failure.
TITLE="app exits by itself (code 0): not restarted, inactive, Result=success"
scenario() {
  local u=e2e-s07-exit.service t0 el code
  CUR_UNIT=$u
  app_unit "$u" "$PORT"
  start_unit "$u"
  require_active "$u" || { finish_unit "$u"; return; }
  t0="$(now)"
  code="$(http_post "$PORT" /fault/exit)"
  info "POST /fault/exit -> HTTP $code"
  if wait_until 60 is_state "$u" inactive; then
    el="$(since "$t0")"; figure self_exit_s "$el"; pass "unit inactive ${el}s after POST /fault/exit"
  else
    fail "unit not inactive within 60 s ($(props "$u" ActiveState,SubState,Result))"
  fi
  sleep 1.5   # longer than RestartSec: a restart would show now
  check "not restarted: NRestarts=0, inactive, Result=success ($(props "$u" ActiveState,SubState,Result,NRestarts,ExecMainStatus))" \
    test "$(prop "$u" NRestarts)/$(prop "$u" ActiveState)/$(prop "$u" Result)" = 0/inactive/success
  check "main process exit status 0 ($(prop "$u" ExecMainStatus))" test "$(prop "$u" ExecMainStatus)" = 0
  local ts; ts="$(prop "$u" StatusText)"; info "StatusText after exit: '$ts'"
  finish_unit "$u"
}
