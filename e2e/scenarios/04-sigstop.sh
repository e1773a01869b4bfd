# shellcheck shell=bash
# a frozen JVM sends no pings -> the watchdog restarts it.
TITLE="SIGSTOP the main process: the watchdog restarts it"
scenario() {
  local u=e2e-s04-sigstop.service wd=4 pid0 bound
  CUR_UNIT=$u
  U_WATCHDOG=$wd app_unit "$u" "$PORT"
  start_unit "$u"
  require_active "$u" || { finish_unit "$u"; return; }
  pid0="$(mainpid "$u")"
  local t0; t0="$(now)"
  sbx systemctl kill -s SIGSTOP --kill-who=main "$u"
  check "main process $pid0 is stopped (state T)" \
    wait_until 3 bash -c "'$SB' exec -- ps -o stat= -p '$pid0' | grep -q '^T'"
  bound="$(awk -v w=$wd -v s="$SLACK" 'BEGIN { print w + s }')"
  expect_watchdog_restart "$u" "$t0" "$bound" restart_after_sigstop_s "SIGSTOP"
  if wait_until 60 is_active "$u"; then
    check "a new main process is active (MainPID $pid0 -> $(mainpid "$u"))" test "$(mainpid "$u")" != "$pid0"
    check "the new process answers HTTP" http_ok "$PORT"
  else
    fail "not active again within 60 s"
  fi
  finish_unit "$u"
}
