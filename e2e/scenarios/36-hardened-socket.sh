# shellcheck shell=bash
# socket activation under the hardened unit's directives (whatever E2E_HARDENED says):
# the passed socket is inspected and served through the native layer; a system bus that
# closes the unit's connection is said once, by the starter.
TITLE="hardened unit + .socket: serves on the passed socket, READY=1, clean stop"
scenario() {
  local sock=e2e-s36-socket st errors
  E2E_HARDENED=1 start_socket_activated "$sock"
  if require_active "$sock.service"; then
    check "the app serves on the passed socket" \
      journal_has "$sock.service" "Serving on the socket passed by systemd: fd 3 'web' \\(127.0.0.1:$PORT\\)"
    http_get "$PORT" /
    check "request on the passed socket: HTTP $HTTP_CODE" test "$HTTP_CODE" = 200
    # the system bus may refuse the unit's dynamic user: the starter says so once, and
    # dbus-java's own line on the call it could not send stays below INFO
    if journal_has_soon "$sock.service" "closed the connection; facts about the systemd unit are not available"; then
      check "the bus closed the connection: said once by the starter, no dbus-java line ('Setting reply to')" \
        journal_lacks "$sock.service" "Setting reply to"
    else
      info "the system bus did not close the hardened unit's connection here"
    fi
    sbx systemctl stop "$sock.service"
    st="$(props "$sock.service" ActiveState,Result)"
    check "stopped cleanly ($st)" test "$(prop "$sock.service" ActiveState)" = inactive -a "$(prop "$sock.service" Result)" = success
  fi
  errors="$(starter_errors "$sock.service")"
  check "journal: no ERROR from the starter (${errors:0:300})" test -z "$errors"
  check "journal: no JVM native-access WARNING" journal_lacks "$sock.service" "WARNING: "
  local exposure
  exposure="$(sbx systemd-analyze security --no-pager "$sock.service" 2>/dev/null | sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p')"
  figure hardened_unit_exposure "${exposure:-unknown}"
  finish_unit "$sock.service" "$sock.socket"
}
