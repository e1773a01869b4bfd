# shellcheck shell=bash
# a separate management server (management.server.port) serves on a socket of its
# own, passed by a second socket unit or kept in the fd store, and restarts under load
# on the management port lose no request; a store too small for both servers is named,
# and nothing is sent that systemd would refuse.
# the sockets passed and stored are the same under any systemd; the store's version-dependent path is scenario 51's
ONE_SYSTEMD=trixie
TITLE="management server on its own passed socket: a second socket unit and the fd store, 3 restarts under load each; a store of one named"

scenario() {
  local web=e2e-s23-web mgmt=e2e-s23-mgmt svc=e2e-s23.service fdstore=e2e-s23-fdstore.service
  local mport=$((PORT + 1))
  if [ "$APP_KIND" != jar ]; then info "skipped in self-test mode (needs the Java sample)"; return; fi

  CUR_UNIT=$svc
  mkdir -p "$WORK/units"
  printf '[Socket]\nListenStream=127.0.0.1:%s\nFileDescriptorName=web\nService=%s\n' "$PORT" "$svc" >"$WORK/units/$web.socket"
  printf '[Socket]\nListenStream=127.0.0.1:%s\nFileDescriptorName=management\nService=%s\n' "$mport" "$svc" >"$WORK/units/$mgmt.socket"
  "$SB" install-unit "$WORK/units/$web.socket" >/dev/null
  "$SB" install-unit "$WORK/units/$mgmt.socket" >/dev/null
  U_EXTRA_SERVICE="Sockets=$web.socket $mgmt.socket" app_unit "$svc" 1 --management.server.port=2
  sbx systemctl start "$web.socket" "$mgmt.socket"
  start_unit "$svc"
  if require_active "$svc"; then
    check "two socket units: the application serves on 'web'" \
      journal_has "$svc" "Serving on the socket passed by systemd: fd [0-9]+ 'web' \\(127.0.0.1:$PORT\\)"
    check "two socket units: the management server serves on 'management'" \
      journal_has "$svc" "The management server serves on the socket passed by systemd: fd [0-9]+ 'management' \\(127.0.0.1:$mport\\)"
    check "two socket units: Tomcat reports the management port ($mport)" \
      journal_has "$svc" "Tomcat started on port $mport "
    check "two socket units: the management port answers (/actuator/health)" \
      bash -c "curl -sf -o /dev/null http://127.0.0.1:$mport/actuator/health"
    restarts_under_load management_socket "$svc" "$mport" /actuator/info
    check "two socket units: no request to the management port lost ($R_FAILED of $R_TOTAL failed, worst ${R_WORST}s)" test "$R_FAILED" = 0
    check "two socket units: requests were served ($R_TOTAL)" test "$R_TOTAL" -gt 100
    check "two socket units: stopped, the service stays stopped (nothing of its own left in either backlog)" \
      stopped_for_good "$svc"
  fi
  finish_unit "$svc" "$web.socket" "$mgmt.socket"

  CUR_UNIT=$fdstore
  U_EXTRA_SERVICE="FileDescriptorStoreMax=2" app_unit "$fdstore" "$PORT" --management.server.port="$mport" --management.server.address=127.0.0.1
  start_unit "$fdstore"
  if require_active "$fdstore"; then
    check "fd store: both listening sockets are stored (NFileDescriptorStore=2)" \
      wait_until 15 bash -c "[ \"\$('$SB' exec -- systemctl show -p NFileDescriptorStore --value $fdstore)\" = 2 ]"
    check "fd store: the app says it stored the management server's socket as 'management'" \
      journal_has "$fdstore" "Stored the management server's listening socket \\(port $mport\\) in systemd's file descriptor store as 'management'"
    restarts_under_load management_fdstore "$fdstore" "$mport" /actuator/info
    check "fd store: no request to the management port lost ($R_FAILED of $R_TOTAL failed, worst ${R_WORST}s)" test "$R_FAILED" = 0
    check "fd store: the restarted management server serves on the stored socket" \
      journal_has "$fdstore" "The management server serves on the socket passed by systemd: fd [0-9]+ 'management' \\(127.0.0.1:$mport\\)"
    check "fd store: systemd stored nothing it could not ('Cannot store')" \
      journal_lacks "$fdstore" 'Cannot store'
  fi
  finish_unit "$fdstore"

  # a store with room for one socket: the web server's is stored, the management server's
  # is not sent (systemd would close it), and a WARN says what the unit needs, on the first
  # start and on the restart that gets the web server's socket back
  local one=e2e-s23-fdstore1.service
  CUR_UNIT=$one
  U_EXTRA_SERVICE="FileDescriptorStoreMax=1" app_unit "$one" "$PORT" --management.server.port="$mport" --management.server.address=127.0.0.1
  start_unit "$one"
  if require_active "$one"; then
    check "store of one: a WARN names FileDescriptorStoreMax=2 for the management server's socket" journal_has_soon "$one" \
      "FileDescriptorStoreMax=1 is full \\(it holds the web server's listening socket\\), so the management server's listening socket \\(port $mport\\) is not stored and restarts refuse its connections: set FileDescriptorStoreMax=2"
    check "store of one: the web server's socket is stored (NFileDescriptorStore=1)" \
      wait_until 15 bash -c "[ \"\$('$SB' exec -- systemctl show -p NFileDescriptorStore --value $one)\" = 1 ]"
    sbx systemctl restart "$one"
    check "store of one, restarted: the web server serves on its stored socket" \
      journal_has_soon "$one" "Serving on the socket passed by systemd: fd [0-9]+ 'server' \\(127.0.0.1:$PORT\\)"
    check "store of one, restarted: the WARN again, for the store that still holds the web server's socket" \
      wait_until 15 s23_said_twice "$one" "FileDescriptorStoreMax=1 is full"
    check "store of one: systemd was sent nothing it could not store ('Cannot store')" \
      journal_lacks "$one" 'Cannot store'
    check "store of one: no line says the management server's socket was stored" \
      journal_lacks "$one" "Stored the management server's listening socket"
  fi
  finish_unit "$one"
}

# s23_said_twice UNIT PATTERN : at least two journal lines of UNIT match PATTERN
s23_said_twice() { [ "$(journal_lines "$1" "$2" | wc -l)" -ge 2 ]; }
