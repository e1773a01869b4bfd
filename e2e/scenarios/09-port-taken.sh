# shellcheck shell=bash
# startup failure (port taken): the unit fails and says why.
TITLE="startup failure (port already taken): unit failed, StatusText/status shows the cause; systemd receives ERRNO=98, EXIT_STATUS=1"
# s9_received UNIT CURSOR PID REGEX : the notifications systemd logged (at debug) from PID
# since CURSOR, written to $WORK/s9.notes; true when one matches REGEX
s9_received() {
  sbx journalctl --no-pager -o cat ${2:+--after-cursor="$2"} -u "$1" 2>/dev/null \
    | grep -E "Got notification message from PID $3[ :]" >"$WORK/s9.notes"
  grep -qE "from PID $3[ :].*$4" "$WORK/s9.notes"
}
scenario() {
  local u=e2e-s09-port.service blocker=e2e-s09-blocker ts status cursor pid
  CUR_UNIT=$u
  mkdir -p "$WORK/units"
  # a socket unit holds 127.0.0.1:PORT (nothing ever connects to it)
  printf '[Socket]\nListenStream=127.0.0.1:%s\n' "$PORT" >"$WORK/units/$blocker.socket"
  printf '[Service]\nExecStart=/bin/true\n' >"$WORK/units/$blocker.service"
  "$SB" install-unit "$WORK/units/$blocker.socket" "$WORK/units/$blocker.service" >/dev/null
  sbx systemctl start "$blocker.socket"
  check "the port $PORT is taken by $blocker.socket (listening)" is_active "$blocker.socket"
  U_RESTART=no app_unit "$u" "$PORT"
  # what systemd received is read from its own debug log, as in scenario 6: systemd 254+
  # knows EXIT_STATUS= but does not consume it from a service, and 252 does not know it
  cursor="$(sbx journalctl --no-pager -q -n 0 --show-cursor 2>/dev/null | sed -n 's/^-- cursor: //p')"
  sbx systemd-analyze log-level debug
  start_unit "$u"
  sbx systemd-analyze log-level info
  check_start_failed "$u" start_failure_s
  ts="$STATUS_TEXT"
  check "StatusText names the cause (contains 'already in use' or '$PORT')" \
    bash -c "grep -qE 'already in use|$PORT' <<<\"\$1\"" _ "$ts"
  status="$(sbx systemctl status --no-pager -l -n 0 "$u" 2>&1)"
  check "systemctl status shows the cause" bash -c "grep -E 'Status:' <<<\"\$1\" | grep -qE 'already in use|$PORT'" _ "$status"
  grep -E 'Status:|Active:' <<<"$status" | sed 's/^/      status: /'
  check "journal: the failure is logged (mentions the port or 'already in use')" \
    journal_has_soon "$u" "already in use|Port $PORT"
  pid="$(prop "$u" ExecMainPID)"
  check "systemd $SD_VERSION received ERRNO=98 and EXIT_STATUS=1 from the main process (PID $pid) with the failure status" \
    wait_until 5 s9_received "$u" "$cursor" "$pid" 'STATUS=Failed to start: .*, ERRNO=98, EXIT_STATUS=1\)?$'
  tail -n 3 "$WORK/s9.notes" | sed 's/^/      systemd: /'
  check "EXIT_STATUS= is the status the process exited with (ExecMainStatus=$(prop "$u" ExecMainStatus))" \
    test "$(prop "$u" ExecMainStatus)" = 1
  finish_unit "$u" "$blocker.socket" "$blocker.service"
}
