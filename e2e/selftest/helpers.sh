# shellcheck shell=bash
# Self-check of the harness' absence helpers, run by e2e/run.sh before anything boots: an
# absence check that cannot fail passes every scenario that uses it. The first text is an
# /actuator/env body of the kind that made a `bash -c "! grep ... <<<'$body'"` pass on an
# error: its property source name holds single quotes.
helpers_selftest() {
  local body='{"name":"Config resource '\''class path resource [application.properties]'\'' via location '\''optional:classpath:/'\''","properties":{}}'
  local bad=()
  lacks "$body" s3cr3t || bad+=("lacks: a text with quotes that lacks the string")
  ! lacks "$body" "optional:classpath:/" || bad+=("lacks: a text with quotes that holds the string")
  ! lacks "$body" nope "application.properties" || bad+=("lacks: the second of two strings")
  lacks "" s3cr3t || bad+=("lacks: an empty text")
  lacks_re "$body" '^[0-9]{4}-' || bad+=("lacks_re: a regex that does not match")
  ! lacks_re "$body" '"properties":\{\}' || bad+=("lacks_re: a regex that matches")
  ! lacks_re "$body" '[' 2>/dev/null || bad+=("lacks_re: an invalid regex (grep's status 2)")
  if [ ${#bad[@]} -gt 0 ]; then
    printf 'e2e: harness self-check failed: %s\n' "${bad[@]}"
    return 1
  fi
}
