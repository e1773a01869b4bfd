# shellcheck shell=bash
# a 90 s PostgreSQL outage: the default gate rides it out, the aggregate opt-in restarts.
# the gate decides inside the JVM; systemd sees only whether WATCHDOG=1 comes
ONE_SYSTEMD=host
TITLE="90 s PostgreSQL outage: default gate keeps the app (NRestarts=0, StatusText names db); aggregate opt-in restarts it"
scenario() {
  local u=e2e-s24-outage.service ua=e2e-s24-aggregate.service wd=4 pa=$((PORT + 1))
  local pid0 t0 t1 el st seen_db="" root_ok=0 root_n=0 failed_seen=0 code
  pg_start || return
  CUR_UNIT=$u
  # as the shipped web-sample.service: never give up on a dependency outage
  U_WATCHDOG=$wd U_BURST_INTERVAL=0 U_RESTART_SEC=5 app_unit "$u" "$PORT" $(pg_args)
  U_WATCHDOG=$wd U_BURST_INTERVAL=0 U_RESTART_SEC=5 app_unit "$ua" "$pa" $(pg_args) \
    --systemd.watchdog.health.aggregate=true
  start_unit "$u"
  require_active "$u" || { finish_unit "$u"; return; }
  start_unit "$ua"
  require_active "$ua" || { finish_unit "$u" "$ua"; return; }
  pid0="$(mainpid "$u")"
  code="$(http_post "$PORT" /visits)"
  check "POST /visits (PostgreSQL) answered 200 before the outage (got $code)" test "$code" = 200

  t0="$(now)"
  pg_stop
  info "PostgreSQL stopped for 90 s"
  while le "$(since "$t0")" 90; do
    st="$(prop "$u" StatusText)"
    if [ -z "$seen_db" ] && [[ "$st" == *"db "* ]]; then
      seen_db="$st"; figure outage_status_names_db_s "$(since "$t0")"
    fi
    if http_ok "$PORT"; then root_ok=$((root_ok + 1)); fi
    root_n=$((root_n + 1))
    is_state "$ua" failed && failed_seen=1
    sleep 3
  done
  check "StatusText named the database during the outage ('${seen_db:-never}')" test -n "$seen_db"
  check "GET / (no database) answered during the outage ($root_ok of $root_n tries)" test "$root_ok" = "$root_n"
  check "default gate: no restart over the outage ($(props "$u" ActiveState,NRestarts,MainPID))" \
    test "$(prop "$u" NRestarts)/$(mainpid "$u")/$(prop "$u" ActiveState)" = "0/$pid0/active"
  check "journal: the app logged the degraded gate naming db" \
    journal_has "$u" 'health gate open, degraded: .*db (did not answer|is DOWN).*not gating the watchdog'
  check "journal: no 'Watchdog timeout' nor 'Watchdog request' for the default gate" journal_lacks "$u" 'Watchdog (timeout|request)'
  journal_lines "$u" 'health gate open, degraded' | head -n 2 | cut -c1-200 | sed 's/^/      log: /'

  check "aggregate opt-in: restarted by the watchdog during the outage (NRestarts=$(prop "$ua" NRestarts))" \
    nrestarts_ge "$ua" 1
  check "aggregate opt-in: the app logged WATCHDOG=trigger naming db" \
    journal_has "$ua" 'gate has been closed for .*db .*sending WATCHDOG=trigger'
  check "aggregate opt-in: the unit kept retrying and was never 'failed'" test "$failed_seen" = 0
  journal_lines "$ua" 'sending WATCHDOG=trigger|Failed with result' | head -n 2 | cut -c1-200 | sed 's/^/      log: /'

  pg_start || { finish_unit "$u" "$ua"; return; }
  t1="$(now)"
  if wait_until 30 visits_ok "$PORT"; then
    el="$(since "$t1")"; figure db_route_back_after_outage_s "$el"
    pass "GET /visits answered 200 again ${el}s after PostgreSQL returned"
  else
    fail "GET /visits did not answer 200 within 30 s of PostgreSQL's return"
  fi
  if wait_until 30 is_active "$ua" && wait_until 30 visits_ok "$pa"; then
    el="$(since "$t1")"; figure aggregate_back_after_outage_s "$el"
    pass "aggregate opt-in: active and GET /visits answered ${el}s after PostgreSQL returned"
  else
    fail "aggregate opt-in: not serving /visits within 30 s of PostgreSQL's return ($(props "$ua" ActiveState,SubState))"
  fi
  check "StatusText says Running again: '$(prop "$u" StatusText)'" wait_until 10 status_starts "$u" Running
  finish_unit "$u" "$ua"
}

visits_ok() { http_get "$1" /visits; [ "$HTTP_CODE" = 200 ]; }
status_starts() { [[ "$(prop "$1" StatusText)" == "$2"* ]]; }
