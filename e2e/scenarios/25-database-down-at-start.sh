# shellcheck shell=bash
# PostgreSQL down when the service starts: systemd keeps retrying, never 'failed'.
TITLE="PostgreSQL down at start: the shipped restart policy keeps retrying, active within 30 s of its return"
scenario() {
  local u=e2e-s25-down-at-start.service t0 t1 el failed_seen=0 n
  pg_ensure || return
  pg_stop
  CUR_UNIT=$u
  U_WATCHDOG=4 U_BURST_INTERVAL=0 U_RESTART_SEC=5 app_unit "$u" "$PORT" $(pg_args)
  t0="$(now)"
  sbx systemctl start --no-block "$u"
  # until the first failed start has been retried once (a JVM start takes a few seconds)
  while le "$(since "$t0")" 60 && ! nrestarts_ge "$u" 1; do
    is_state "$u" failed && failed_seen=1
    sleep 1
  done
  n="$(prop "$u" NRestarts)"
  figure first_retry_while_db_down_s "$(since "$t0")"
  check "a start that failed while PostgreSQL is down is retried (NRestarts=$n)" test "${n:-0}" -ge 1
  check "the unit was never 'failed' ($(props "$u" ActiveState,SubState))" test "$failed_seen" = 0
  check "journal: the start failed on the database connection" \
    journal_has "$u" 'Connection refused|Connection to 127.0.0.1:[0-9]+ refused'
  pg_start || { finish_unit "$u"; return; }
  t1="$(now)"
  if wait_until 30 is_active "$u"; then
    el="$(since "$t1")"; figure active_after_db_returned_s "$el"
    pass "active ${el}s after PostgreSQL returned"
    check "GET /visits answers 200" visits_ok "$PORT"
  else
    fail "not active within 30 s of PostgreSQL's return ($(props "$u" ActiveState,SubState,NRestarts))"
  fi
  pg_stop
  finish_unit "$u"
}
