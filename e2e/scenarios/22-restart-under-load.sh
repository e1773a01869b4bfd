# shellcheck shell=bash
# restarts under steady load: a plain unit refuses connections while the JVM
# restarts; a socket-activated unit and an fd-store unit lose no request.
# what a restart under load loses depends on the unit and the starter, not the systemd version
ONE_SYSTEMD=host
TITLE="zero-downtime restarts: 3 restarts under load for a plain, a socket-activated and an fd-store unit"

scenario() {
  local plain=e2e-s22-plain.service sock=e2e-s22-sock fdstore=e2e-s22-fdstore.service
  if [ "$APP_KIND" != jar ]; then info "skipped in self-test mode (needs the Java sample)"; return; fi

  CUR_UNIT=$plain
  app_unit "$plain" "$PORT"
  start_unit "$plain"
  if require_active "$plain"; then
    restarts_under_load plain "$plain" "$PORT"
    check "plain unit: restarts refuse connections ($R_FAILED of $R_TOTAL requests failed)" test "$R_FAILED" -gt 0
  fi
  finish_unit "$plain"

  start_socket_activated "$sock"
  if require_active "$sock.service"; then
    check "socket unit: the app serves on the passed socket" \
      journal_has "$sock.service" "Serving on the socket passed by systemd: fd 3 'web' \\(127.0.0.1:$PORT\\)"
    restarts_under_load socket "$sock.service" "$PORT"
    check "socket-activated unit: no request lost ($R_FAILED of $R_TOTAL failed, worst ${R_WORST}s)" test "$R_FAILED" = 0
    check "socket-activated unit: requests were served ($R_TOTAL)" test "$R_TOTAL" -gt 100
    check "socket-activated unit: every stop is logged to its end ('Graceful shutdown complete' 3 times)" \
      test "$(journal_lines "$sock.service" 'Graceful shutdown complete' | wc -l)" -ge 3
    check "socket-activated unit: stopped, it stays stopped (nothing of its own left in the backlog)" \
      stopped_for_good "$sock.service"
  fi
  finish_unit "$sock.service" "$sock.socket"

  if start_storing_unit "$fdstore" "fd-store unit"; then
    restarts_under_load fdstore "$fdstore" "$PORT"
    check "fd-store unit: no request lost ($R_FAILED of $R_TOTAL failed, worst ${R_WORST}s)" test "$R_FAILED" = 0
    check "fd-store unit: every stop is logged to its end ('Graceful shutdown complete' 3 times)" \
      test "$(journal_lines "$fdstore" 'Graceful shutdown complete' | wc -l)" -ge 3
    check "fd-store unit: the restarted app serves on the stored socket" \
      journal_has "$fdstore" "Serving on the socket passed by systemd: fd 3 'server'"
    check "fd-store unit: systemd stored nothing it could not ('Cannot store')" \
      journal_lacks "$fdstore" 'Cannot store'
  fi
  finish_unit "$fdstore"
}
