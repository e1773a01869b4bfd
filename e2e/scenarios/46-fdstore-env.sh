# shellcheck shell=bash
# the fd store found from $FDSTORE (systemd 254+), with D-Bus out of reach.
TITLE="FileDescriptorStoreMax=1 without D-Bus: 254+ stores the socket on \$FDSTORE alone and restarts serve on it; 252 stores nothing"
scenario() {
  local u=e2e-s46-fdstore-env.service pid0 fdstore
  CUR_UNIT=$u
  # D-Bus out of reach: the unit's FileDescriptorStoreMax= cannot be read over the bus
  U_EXTRA_SERVICE='FileDescriptorStoreMax=1
Environment=DBUS_SYSTEM_BUS_ADDRESS=unix:path=/run/e2e-s46-no-such-bus' app_unit "$u" "$PORT"
  start_unit "$u"
  require_active "$u" || { finish_unit "$u"; return; }
  check "answers on 127.0.0.1:$PORT" wait_until 10 http_ok "$PORT"
  fdstore="$(sbx /bin/sh -c "tr '\\0' '\\n' </proc/$(mainpid "$u")/environ | grep '^FDSTORE=' || true")"
  if systemd_at_least 254; then
    check "systemd $SD_VERSION passes FDSTORE=1 ('$fdstore')" grep -qx 'FDSTORE=1' <<<"$fdstore"
    check "the app stored its listening socket (NFileDescriptorStore=1)" \
      wait_until 15 bash -c "[ \"\$('$SB' exec -- systemctl show -p NFileDescriptorStore --value $u)\" = 1 ]"
    check "journal: 'Stored the web server's listening socket'" journal_has "$u" "Stored the web server's listening socket"
    pid0="$(mainpid "$u")"
    sbx systemctl restart "$u"
    require_active "$u" || { finish_unit "$u"; return; }
    check "after restart: a new process ($pid0 -> $(mainpid "$u")) serves on the stored socket" \
      journal_has_soon "$u" "Serving on the socket passed by systemd: fd 3 'server'"
    check "after restart: answers on 127.0.0.1:$PORT" wait_until 10 http_ok "$PORT"
  else
    check "systemd $SD_VERSION passes no FDSTORE= ('$fdstore')" test -z "$fdstore"
    sleep 6   # the app waits up to 5 s for the unit's facts over D-Bus before it gives up
    check "nothing stored without D-Bus (NFileDescriptorStore=$(prop "$u" NFileDescriptorStore))" \
      test "$(prop "$u" NFileDescriptorStore)" = 0
    check "journal: no 'Stored the web server's listening socket'" journal_lacks "$u" "Stored the web server's listening socket"
    check "journal: systemd logged no fd store error" journal_lacks "$u" 'Failed to add fd|Too many file descriptors'
    check "still serves HTTP" http_ok "$PORT"
  fi
  finish_unit "$u"
}
