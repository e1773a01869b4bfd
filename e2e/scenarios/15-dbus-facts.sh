# shellcheck shell=bash
# unit facts read over D-Bus: /actuator/systemd, /actuator/info and the
# systemd.unit.restarts meter show NRestarts going from 0 to 1 after a watchdog restart.
TITLE="D-Bus facts: endpoint, info and meter show NRestarts 0 -> 1 across a watchdog restart"
endpoint_has() { http_get "$1" /actuator/systemd; [ "$HTTP_CODE" = 200 ] && grep -qE -- "$2" <<<"$HTTP_BODY"; }
meter_is() {
  http_get "$1" "/actuator/metrics/$2"
  [ "$HTTP_CODE" = 200 ] && grep -qE -- "\"statistic\":\"(VALUE|COUNT)\",\"value\":$3[,}]" <<<"$HTTP_BODY"
}
scenario() {
  local u=e2e-s15-dbus.service inv t0
  CUR_UNIT=$u
  if [ "$APP_KIND" != jar ]; then info "skipped in self-test mode (needs the Java sample)"; return; fi
  U_WATCHDOG=4 app_unit "$u" "$PORT"
  start_unit "$u"
  require_active "$u" || { finish_unit "$u"; return; }
  inv="$(prop "$u" InvocationID)"
  check "endpoint: restarts 0, read over D-Bus once ready" wait_until 15 endpoint_has "$PORT" '"restarts":0'
  info "/actuator/systemd: $(cut -c1-400 <<<"$HTTP_BODY")"
  check "endpoint: unit is $u" endpoint_has "$PORT" "\"unit\":\"$u\""
  check "endpoint: invocationId is the unit's InvocationID ($inv)" endpoint_has "$PORT" "\"invocationId\":\"$inv\""
  check "endpoint: systemdVersion from the manager" endpoint_has "$PORT" '"systemdVersion":"2[0-9][0-9]'
  check "endpoint: watchdog timeout 4s, interval 2s" endpoint_has "$PORT" '"timeout":"4s","interval":"2s"'
  check "endpoint: fdStore max 0 (FileDescriptorStoreMax= not set)" endpoint_has "$PORT" '"fdStore":\{"max":0\}'
  check "endpoint: notifySocket is systemd's" endpoint_has "$PORT" '"notifySocket":"/run/systemd/notify"'
  check "meter: systemd.unit.restarts = 0" meter_is "$PORT" systemd.unit.restarts 0.0
  check "meter: systemd.watchdog.pings{outcome=sent} counts" \
    wait_until 10 meter_is "$PORT" 'systemd.watchdog.pings?tag=outcome:sent' '[1-9][0-9]*\.0'
  t0="$(now)"
  check "POST /fault/down answered 200" test "$(http_post "$PORT" /fault/down)" = 200
  wait_until 60 nrestarts_ge "$u" 1 || fail "not restarted by the watchdog within 60 s"
  wait_until 60 is_active "$u" || fail "not active again within 60 s"
  figure dbus_restart_cycle_s "$(since "$t0")"
  check "endpoint after the restart: restarts 1" wait_until 15 endpoint_has "$PORT" '"restarts":1'
  check "endpoint after the restart: a new invocation" lacks "$HTTP_BODY" "\"invocationId\":\"$inv\""
  check "meter after the restart: systemd.unit.restarts = 1" meter_is "$PORT" systemd.unit.restarts 1.0
  http_get "$PORT" /actuator/info
  check "info: systemd section with restarts 1 ($HTTP_BODY)" grep -qE "\"systemd\":\\{\"unit\":\"$u\",\"invocationId\":\"[0-9a-f]{32}\",\"restarts\":1\\}" <<<"$HTTP_BODY"
  finish_unit "$u"
}
