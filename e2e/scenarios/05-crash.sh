# shellcheck shell=bash
# crashes are restarted (Restart=on-failure) until the start limit is hit.
TITLE="crash (exit 1) and SIGKILL restarted; StartLimitBurst=3/60s ends in start-limit-hit"
scenario() {
  local u=e2e-s05-crash.service t0 el pid0
  CUR_UNIT=$u
  U_BURST=3 U_BURST_INTERVAL=60 app_unit "$u" "$PORT"
  start_unit "$u"
  require_active "$u" || { finish_unit "$u"; return; }

  # crash 1: the JVM halts with exit code 1
  pid0="$(mainpid "$u")"; t0="$(now)"
  http_post "$PORT" /fault/crash >/dev/null
  if wait_until 30 nrestarts_ge "$u" 1; then
    el="$(since "$t0")"; figure restart_after_crash_s "$el"; pass "exit 1 -> restarted (NRestarts=1) after ${el}s"
  else
    fail "exit 1 -> not restarted within 30 s"; finish_unit "$u"; return
  fi
  check "journal: main process exited with status 1" \
    journal_has_soon "$u" "Main process exited, code=exited, status=1/FAILURE"
  wait_until 60 is_active "$u" || { fail "not active again after crash 1"; finish_unit "$u"; return; }
  check "active again with a new MainPID ($pid0 -> $(mainpid "$u"))" test "$(mainpid "$u")" != "$pid0"

  # crash 2: SIGKILL
  pid0="$(mainpid "$u")"; t0="$(now)"
  sbx systemctl kill -s SIGKILL --kill-who=main "$u"
  if wait_until 30 nrestarts_ge "$u" 2; then
    el="$(since "$t0")"; figure restart_after_sigkill_s "$el"; pass "SIGKILL -> restarted (NRestarts=2) after ${el}s"
  else
    fail "SIGKILL -> not restarted within 30 s"; finish_unit "$u"; return
  fi
  check "journal: main process killed by KILL" journal_has_soon "$u" "Main process exited, code=killed, status=9/KILL"
  wait_until 60 is_active "$u" || { fail "not active again after crash 2"; finish_unit "$u"; return; }
  pass "active again after SIGKILL (MainPID $(mainpid "$u"))"

  # crash 3: the 4th start within 60 s is refused
  http_post "$PORT" /fault/crash >/dev/null
  if wait_until 30 is_state "$u" failed; then
    pass "3rd crash -> unit failed"
  else
    fail "3rd crash -> unit did not end failed ($(props "$u" ActiveState,SubState,Result))"
  fi
  check "journal: 'Start request repeated too quickly'" journal_has_soon "$u" "Start request repeated too quickly"
  # systemd sets Result=start-limit-hit only when the previous result was
  # success; after a crash 252 keeps the crash's result (exit-code)
  local res; res="$(prop "$u" Result)"
  check "start limit hit: NRestarts=3, Result=start-limit-hit or the last crash's exit-code ($(props "$u" Result,NRestarts))" \
    bash -c "[ '$(prop "$u" NRestarts)' = 3 ] && [ '$res' = start-limit-hit -o '$res' = exit-code ]"
  local before after
  before="$(journal_lines "$u" 'Start request repeated too quickly' | wc -l)"
  local rc
  sbx systemctl start "$u" 2>/dev/null; rc=$?
  check "a manual start within StartLimitIntervalSec=60 is refused (rc=$rc)" test "$rc" != 0
  after="$(journal_lines "$u" 'Start request repeated too quickly' | wc -l)"
  check "journal: the refusal says 'Start request repeated too quickly' again ($before -> $after)" test "$after" -gt "$before"
  check "still failed, no new process (MainPID=$(prop "$u" MainPID))" \
    test "$(prop "$u" ActiveState)/$(prop "$u" MainPID)" = failed/0
  check "nothing listens on $PORT any more" bash -c "! curl -s -m 2 -o /dev/null http://127.0.0.1:$PORT/"
  finish_unit "$u"
}
