# shellcheck shell=bash
# `systemctl start` returns only after READY=1; the app answers at once.
TITLE="start returns after READY=1; first request succeeds; StatusText 'Started...'"
scenario() {
  local u=e2e-s01-ready.service st body
  CUR_UNIT=$u
  app_unit "$u" "$PORT"
  start_unit "$u"
  # read the state and make the request before anything else
  st="$(prop "$u" ActiveState)"
  http_get "$PORT" /; body="$HTTP_BODY"
  check "systemctl start returned rc=0" test "$START_RC" = 0
  check "ActiveState=active right after systemctl start returned (was '$st')" test "$st" = active
  check "first request right after start: HTTP $HTTP_CODE '$body'" \
    test "$HTTP_CODE" = 200 -a "$body" = "Hello from web-sample"
  figure start_to_ready_s "$START_S"
  local ts; ts="$(prop "$u" StatusText)"
  check "StatusText starts with 'Started' ('$ts')" test "${ts#Started}" != "$ts"
  # the manager measured it too: from exec to READY
  local a b
  a="$(prop "$u" ExecMainStartTimestampMonotonic)"; b="$(prop "$u" ActiveEnterTimestampMonotonic)"
  [ -n "$a" ] && [ -n "$b" ] && figure exec_to_ready_s "$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.1f", (b - a) / 1e6 }')"
  check "systemctl status shows the status text" \
    bash -c "'$SB' exec -- systemctl status --no-pager -n 0 '$u' | grep -q 'Status: \"Started'"
  finish_unit "$u"
}
