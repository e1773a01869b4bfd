# shellcheck shell=bash
# inetd-style activation (StandardInput=socket, no LISTEN_* variables): the app serves
# on the listening socket it finds on standard input, moves it off fd 0, and is not started
# again and again; standard output and error, which are the socket too unless the unit
# says otherwise, are pointed at /dev/null.
TITLE="inetd-style activation: StandardInput=socket is served, and fd 0 ends up /dev/null"

scenario() {
  local s=e2e-s52 main fd0
  if [ "$APP_KIND" != jar ]; then info "skipped in self-test mode (needs the Java sample)"; return; fi

  CUR_UNIT=$s.service
  mkdir -p "$WORK/units"
  printf '[Socket]\nListenStream=127.0.0.1:%s\n' "$PORT" >"$WORK/units/$s.socket"
  "$SB" install-unit "$WORK/units/$s.socket" >/dev/null
  U_EXTRA_SERVICE="StandardInput=socket
StandardOutput=journal" app_unit "$s.service" 1
  sbx systemctl start "$s.socket"
  start_unit "$s.service"
  if require_active "$s.service"; then
    check "the app serves on standard input's socket" \
      journal_has "$s.service" "Serving on the listening socket passed as standard input \\(StandardInput=socket\\): fd 0 'stdin' \\(127.0.0.1:$PORT\\)"
    check "the app answers on port $PORT" http_ok "$PORT"
    check "Tomcat reports port $PORT" journal_has "$s.service" "Tomcat started on port $PORT "
    main="$(mainpid "$s.service")"
    fd0="$(sbx readlink "/proc/$main/fd/0" 2>/dev/null)"
    check "the JVM's fd 0 is /dev/null now ($fd0)" test "$fd0" = /dev/null
    child_holds_no_listener "$s.service" "$PORT" "inetd-style"
    check "started once (NRestarts=0)" test "$(prop "$s.service" NRestarts)" = 0
    check "stopped, it stays stopped" stopped_for_good "$s.service"
  fi
  finish_unit "$s.service" "$s.socket"

  # Without StandardOutput=, systemd makes standard output and error the socket too
  CUR_UNIT=$s.service
  U_EXTRA_SERVICE="StandardInput=socket" app_unit "$s.service" 1
  sbx systemctl daemon-reload
  sbx systemctl start "$s.socket"
  start_unit "$s.service"
  if require_active "$s.service"; then
    check "default output: the app answers on port $PORT" http_ok "$PORT"
    main="$(mainpid "$s.service")"
    check "default output: the JVM's fds 0, 1 and 2 are /dev/null, not the socket" \
      test "$(sbx readlink "/proc/$main/fd/0" "/proc/$main/fd/1" "/proc/$main/fd/2" | sort -u)" = /dev/null
    child_holds_no_listener "$s.service" "$PORT" "inetd-style, default output"
  fi
  finish_unit "$s.service" "$s.socket"
}
