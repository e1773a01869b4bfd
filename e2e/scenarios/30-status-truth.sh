# shellcheck shell=bash
# what systemd shows is the truth: a runner failure keeps its cause as the status,
# and without spring.application.name the status names the unit.
TITLE="runner failure after refresh: unit failed, StatusText 'Failed to start: ...'; status names the unit"
scenario() {
  local u=e2e-s30-runner.service n=e2e-s30-named.service ts
  CUR_UNIT=$u
  U_RESTART=no app_unit "$u" "$PORT" --sample.startup-fail=true
  start_unit "$u"
  check_start_failed "$u" runner_failure_s
  ts="$STATUS_TEXT"
  check "StatusText starts with 'Failed to start' (not 'Stopping')" \
    bash -c "grep -q '^Failed to start' <<<\"\$1\"" _ "$ts"
  check "StatusText names the runner's cause (sample.startup-fail)" \
    bash -c "grep -q 'sample.startup-fail is set' <<<\"\$1\"" _ "$ts"
  check "journal: the failure is logged" journal_has_soon "$u" "sample.startup-fail is set"
  finish_unit "$u"

  CUR_UNIT=$n
  app_unit "$n" "$((PORT + 1))" --spring.application.name=
  start_unit "$n"
  if require_active "$n"; then
    ts="$(prop "$n" StatusText)"
    info "StatusText: '$ts'"
    check "without spring.application.name StatusText names the unit ('Started e2e-s30-named in ...')" \
      bash -c "grep -qE '^Started e2e-s30-named in [0-9]+\.[0-9] s' <<<\"\$1\"" _ "$ts"
  fi
  finish_unit "$n"
}
