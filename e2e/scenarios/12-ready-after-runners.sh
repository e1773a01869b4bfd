# shellcheck shell=bash
# READY=1 waits for the runners, not just for the web server.
TITLE="READY=1 only after the runners (--sample.startup-delay=4s): activating while HTTP already answers"
scenario() {
  local u=e2e-s12-slow.service delay=4 t0 http_at="" st el
  CUR_UNIT=$u
  app_unit "$u" "$PORT" --sample.startup-delay=${delay}s
  t0="$(now)"
  sbx systemctl start --no-block "$u"
  # until the unit is active: note when HTTP first answers and in which state
  while le "$(since "$t0")" "${E2E_START_TIMEOUT:-120}"; do
    st="$(prop "$u" ActiveState)"
    [ "$st" = activating ] || break
    if [ -z "$http_at" ] && http_ok "$PORT"; then
      http_at="$(since "$t0")"
      st="$(prop "$u" ActiveState)"
      info "HTTP answers at ${http_at}s while the unit is '$st' (StatusText '$(prop "$u" StatusText)')"
      [ "$st" = activating ] || http_at="late"
    fi
    sleep 0.1
  done
  wait_until 30 is_active "$u"
  el="$(since "$t0")"
  figure slow_start_to_ready_s "$el"
  check "the unit became active ($(props "$u" ActiveState,SubState))" is_active "$u"
  check "HTTP answered while the unit was still activating (runner sleeping)" \
    test -n "$http_at" -a "$http_at" != late
  if [ -n "$http_at" ] && [ "$http_at" != late ]; then
    check "READY came at least $((delay - 1))s after the web server answered ($(awk -v a="$el" -v b="$http_at" 'BEGIN { printf "%.1f", a - b }')s)" \
      le "$((delay - 1))" "$(awk -v a="$el" -v b="$http_at" 'BEGIN { print a - b }')"
  fi
  finish_unit "$u"
}
