# shellcheck shell=bash
# the fd store works with the starter alone: the sample declares no dbus-java (the
# starter brings it), and FileDescriptorStoreMax=1 keeps every request over three restarts
# under load, on Tomcat (under 252, where the starter learns the store's size over D-Bus,
# and 257, where $FDSTORE says it), Jetty and Reactor Netty. Without a reachable bus the
# starter says so once at WARN under 252 and stores all the same under 254+.
TITLE="fd store with the starter alone: FileDescriptorStoreMax=1, 3 restarts under load (Tomcat, Jetty, Reactor Netty); an unreachable bus is said"

scenario() {
  local nobus=e2e-s51-nobus.service
  if [ "$APP_KIND" != jar ]; then info "skipped in self-test mode (needs the Java sample)"; return; fi

  check "the sample declares no dbus-java dependency of its own" \
    lacks "$(cat "$ROOT/samples/web-sample/pom.xml")" dbus-java
  check "the jar has dbus-java's native-unixsocket transport, brought by the starter" \
    grep -qa 'BOOT-INF/lib/dbus-java-transport-native-unixsocket' "$JAR"

  # how the starter learns the store's size differs by version (D-Bus on 252, $FDSTORE on
  # 254+), so Tomcat runs under both; Jetty and Reactor Netty hand the store the same socket
  # under any systemd and run under Debian 13's only when the run boots both
  local server
  for server in tomcat jetty netty; do
    if [ "$server" = tomcat ] || runs_here trixie; then
      has_server "$server" && s51_server "$server"
    fi
  done

  CUR_UNIT=$nobus
  U_EXTRA_SERVICE="FileDescriptorStoreMax=1
Environment=DBUS_SYSTEM_BUS_ADDRESS=unix:path=/run/e2e-s51-no-bus" app_unit "$nobus" "$PORT"
  start_unit "$nobus"
  if require_active "$nobus" && systemd_at_least 254; then
    # $FDSTORE tells the store's size: no D-Bus needed
    check "no bus, systemd 254+: the socket is stored all the same (NFileDescriptorStore=1)" \
      wait_until 20 bash -c "[ \"\$('$SB' exec -- systemctl show -p NFileDescriptorStore --value $nobus)\" = 1 ]"
    check "no bus, systemd 254+: no WARN about an unknown store size" \
      journal_lacks "$nobus" "Could not learn the unit's FileDescriptorStoreMax="
  elif is_active "$nobus"; then
    check "no bus: the starter says once that it cannot learn the store size" \
      wait_until 20 bash -c "[ \"\$('$SB' exec -- journalctl --no-pager -o cat -u $nobus | grep -c \"Could not learn the unit's FileDescriptorStoreMax=\")\" = 1 ]"
    check "no bus: the WARN names the setting that forces the store" \
      journal_has "$nobus" "Set systemd.fd-store.mode=always when the unit sets FileDescriptorStoreMax="
    check "no bus: nothing is stored (NFileDescriptorStore=0)" test "$(prop "$nobus" NFileDescriptorStore)" = 0
  fi
  finish_unit "$nobus"
}

# s51_server SERVER : FileDescriptorStoreMax=1 and three restarts under load
s51_server() {
  local U_SERVER="$1" u="e2e-s51-$1.service"
  if start_storing_unit "$u" "$U_SERVER"; then
    restarts_under_load "fdstore_starter_alone_$U_SERVER" "$u" "$PORT"
    check "$U_SERVER: no request refused over 3 restarts ($R_FAILED of $R_TOTAL failed, worst ${R_WORST}s)" test "$R_FAILED" = 0
    check "$U_SERVER: requests were served ($R_TOTAL)" test "$R_TOTAL" -gt 100
    check "$U_SERVER: the restarted app serves on the stored socket" \
      journal_has "$u" "Serving on the socket passed by systemd: fd 3 'server'"
    check "$U_SERVER: no WARN about an unknown store size" journal_lacks "$u" "Could not learn the unit's FileDescriptorStoreMax="
  fi
  finish_unit "$u"
}
