# shellcheck shell=bash
# 9: startup failure (port taken): the unit fails and says why.
SCENARIOS+=(9)
TITLE[9]="startup failure (port already taken): unit failed, StatusText/status shows the cause"
scenario_9() {
  local u=e2e-s09-port.service blocker=e2e-s09-blocker ts status
  CUR_UNIT=$u
  mkdir -p "$WORK/units"
  # a socket unit holds 127.0.0.1:PORT (nothing ever connects to it)
  printf '[Socket]\nListenStream=127.0.0.1:%s\n' "$PORT" >"$WORK/units/$blocker.socket"
  printf '[Service]\nExecStart=/bin/true\n' >"$WORK/units/$blocker.service"
  "$SB" install-unit "$WORK/units/$blocker.socket" "$WORK/units/$blocker.service" >/dev/null
  sbx systemctl start "$blocker.socket"
  check "the port $PORT is taken by $blocker.socket (listening)" is_active "$blocker.socket"
  U_RESTART=no app_unit "$u" "$PORT"
  start_unit "$u"
  figure start_failure_s "$START_S"
  check "systemctl start failed (rc=$START_RC)" test "$START_RC" != 0
  check "unit ended failed ($(props "$u" ActiveState,Result,ExecMainStatus))" is_state "$u" failed
  ts="$(prop "$u" StatusText)"
  info "StatusText: '$ts'"
  check "StatusText names the cause (contains 'already in use' or '$PORT')" \
    bash -c "grep -qE 'already in use|$PORT' <<<\"\$1\"" _ "$ts"
  status="$(sbx systemctl status --no-pager -l -n 0 "$u" 2>&1)"
  check "systemctl status shows the cause" bash -c "grep -E 'Status:' <<<\"\$1\" | grep -qE 'already in use|$PORT'" _ "$status"
  grep -E 'Status:|Active:' <<<"$status" | sed 's/^/      status: /'
  check "journal: the failure is logged (mentions the port or 'already in use')" \
    journal_has_soon "$u" "already in use|Port $PORT"
  finish_unit "$u" "$blocker.socket" "$blocker.service"
}
