# shellcheck shell=bash
# the hardened unit without the two lines JNA needs (RuntimeDirectory=, ExecPaths=/run/...).
# JDK 22+: java.lang.foreign needs nothing extracted: READY=1 as usual.
# JDK 17-21: JNA cannot map its library: ONE ERROR naming the cause, the unit lines to add
# and that READY=1 cannot be sent; systemd ends the start at TimeoutStartSec=.
TITLE="hardened unit without the JNA lines: JDK 22+ ready; JDK 17-21 one ERROR with the fix, start times out"
scenario() {
  local u=e2e-s37-nojna.service feature n errors
  CUR_UNIT=$u
  feature="$("$JAVA" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ { print $2 }')"
  info "java.specification.version=$feature"
  if [ "${feature%%.*}" -ge 22 ] 2>/dev/null; then
    E2E_HARDENED=1 U_NO_JNA_LINES=1 app_unit "$u" "$PORT"
    start_unit "$u"
    check "JDK $feature: active without any JNA lines (rc=$START_RC)" is_active "$u"
    local mapped
    mapped="$(sbx grep -E '/jna[0-9-]*\.tmp|jnidispatch' "/proc/$(mainpid "$u")/maps" | awk '{ print $NF }' | sort -u | tr '\n' ' ')"
    check "no JNA library mapped into the JVM (/proc/PID/maps: '${mapped}')" test -z "$mapped"
    errors="$(starter_errors "$u")"
    check "journal: no ERROR from the starter (${errors:0:300})" test -z "$errors"
    check "journal: no JVM native-access WARNING" journal_lacks "$u" "WARNING: "
  else
    E2E_START_TIMEOUT=25 E2E_HARDENED=1 U_NO_JNA_LINES=1 app_unit "$u" "$PORT"
    start_unit "$u"
    check "JDK $feature: the start fails (rc=$START_RC, $(props "$u" Result))" test "$START_RC" != 0
    check "Result=timeout" test "$(prop "$u" Result)" = timeout
    n="$(journal_lines "$u" "ERROR" | grep -c 'Native access is not available')"
    check "exactly one ERROR about native access (found $n)" test "$n" = 1
    journal_lines "$u" "ERROR" | head -n 1 | cut -c1-600 | sed 's/^/      log: /'
    check "the ERROR names the cause (failed to map segment / noexec)" \
      journal_has "$u" "ERROR.*failed to map segment.*does not allow executable mappings"
    check "the ERROR names the fix: RuntimeDirectory= and ExecPaths=/run/... (or JDK 22+)" \
      journal_has "$u" "ERROR.*run on JDK 22 or newer.*'RuntimeDirectory=e2e-s37-nojna' and 'ExecPaths=/run/e2e-s37-nojna'"
    check "the ERROR says READY=1 cannot be sent" journal_has "$u" "ERROR.*READY=1 cannot be sent"
    check "no misleading 'add net.java.dev.jna:jna' advice" journal_lacks "$u" "add net.java.dev.jna:jna"
  fi
  finish_unit "$u"
}
