# shellcheck shell=bash
# a child process started with ProcessBuilder.inheritIO() holds no listening socket of
# the service, whether the socket came from a socket unit or from the fd store, on Tomcat,
# Jetty and Reactor Netty.
# whether a child inherits the socket is the JVM's and the starter's doing
ONE_SYSTEMD=host
TITLE="children do not inherit the served socket: an inheritIO() child of a socket-activated and an fd-store unit (Tomcat, Jetty, Reactor Netty)"

# child_holds_no_listener UNIT PORT WHAT : POST /child starts `sleep 30` with inheritIO();
# its fd 0 must not be a socket and `ss -ltnp` must list only the JVM on PORT
child_holds_no_listener() {
  local u="$1" port="$2" what="$3" main child fd0 listeners
  main="$(mainpid "$u")"
  child="$(curl -s -m 10 -X POST "http://127.0.0.1:$port/child" 2>/dev/null | tr -dc 0-9)"
  if [ -z "$child" ]; then fail "$what: POST /child answered no pid"; return; fi
  fd0="$(sbx readlink "/proc/$child/fd/0" 2>/dev/null)"
  listeners="$(sbx ss -Hltnp "sport = :$port" 2>/dev/null | tr '\n' ' ')"
  info "child $child: fd 0 -> ${fd0:-?}; ss -ltnp on :$port: $listeners"
  check "$what: the child ($child) runs and its fd 0 is readable" test -n "$fd0"
  check "$what: the child's fd 0 is not a socket ($fd0)" bash -c "[[ '$fd0' != socket:* ]]"
  check "$what: ss -ltnp lists the JVM ($main) on port $port" bash -c "[[ '$listeners' == *pid=$main,* ]]"
  check "$what: ss -ltnp does not list the child ($child) on port $port" bash -c "[[ '$listeners' != *pid=$child,* ]]"
  check "$what: the service still serves" http_ok "$port"
}

scenario() {
  local server
  if [ "$APP_KIND" != jar ]; then info "skipped in self-test mode (needs the Java sample)"; return; fi
  for server in tomcat jetty netty; do
    has_server "$server" && s50_server "$server"
  done
}

# s50_server SERVER : the socket unit, then the fd store before and after a restart
s50_server() {
  local U_SERVER="$1" sock="e2e-s50-$1-sock" fdstore="e2e-s50-$1-fdstore.service"

  start_socket_activated "$sock"
  if require_active "$sock.service"; then
    child_holds_no_listener "$sock.service" "$PORT" "$U_SERVER, socket unit"
  fi
  finish_unit "$sock.service" "$sock.socket"

  CUR_UNIT=$fdstore
  U_EXTRA_SERVICE="FileDescriptorStoreMax=1" app_unit "$fdstore" "$PORT"
  start_unit "$fdstore"
  if require_active "$fdstore"; then
    check "$U_SERVER, fd store: the listening socket is stored (NFileDescriptorStore=1)" \
      wait_until 15 bash -c "[ \"\$('$SB' exec -- systemctl show -p NFileDescriptorStore --value $fdstore)\" = 1 ]"
    child_holds_no_listener "$fdstore" "$PORT" "$U_SERVER, fd store, first start (own socket)"
    sbx systemctl restart "$fdstore"
    if wait_until 60 is_active "$fdstore"; then
      check "$U_SERVER, fd store: the restarted app serves on the stored socket" \
        journal_has "$fdstore" "Serving on the socket passed by systemd: fd 3 'server'"
      child_holds_no_listener "$fdstore" "$PORT" "$U_SERVER, fd store, after a restart (stored socket)"
    else
      fail "$U_SERVER: $fdstore not active again after the restart"
    fi
  fi
  finish_unit "$fdstore"
}
