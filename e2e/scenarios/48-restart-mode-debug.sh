# shellcheck shell=bash
# RestartMode=debug (systemd 257+): the restart after a failure logs at DEBUG until ready.
TITLE="RestartMode=debug: 257 restarts a crash with DEBUG_INVOCATION=1, DEBUG until ready, then back to INFO; 252 ignores the key"
scenario() {
  local u=e2e-s48-restart-debug.service pid0 pid1 ts
  CUR_UNIT=$u
  U_EXTRA_SERVICE='RestartMode=debug' app_unit "$u" "$PORT" --systemd.logging.journal-format=prefix
  start_unit "$u"
  require_active "$u" || { finish_unit "$u"; return; }
  pid0="$(mainpid "$u")"
  check "the first start logs no DEBUG_INVOCATION" journal_lacks "$u" 'DEBUG_INVOCATION'
  http_post "$PORT" /fault/crash >/dev/null
  wait_until 30 nrestarts_ge "$u" 1 || { fail "not restarted within 30 s of the crash"; finish_unit "$u"; return; }
  wait_until 60 is_active "$u" || { fail "not active again after the crash"; finish_unit "$u"; return; }
  pid1="$(mainpid "$u")"
  check "restarted: a new MainPID ($pid0 -> $pid1)" test "$pid1" != "$pid0"
  if systemd_at_least 257; then
    wait_until 10 bash -c "'$SB' exec -- systemctl show -p StatusText --value '$u' | grep -q 'logged at DEBUG'"
    ts="$(prop "$u" StatusText)"
    check "journal: systemd says the restart runs with debug logging" \
      journal_has "$u" 'subsequent restarts will be executed with debug level logging'
    check "the restarted process has DEBUG_INVOCATION=1" \
      sbx /bin/sh -c "tr '\\0' '\\n' </proc/$pid1/environ | grep -qx DEBUG_INVOCATION=1"
    check "journal: the app says it logs this start at DEBUG" \
      journal_has "$u" "^INFO .*systemd asks to debug this start \\(DEBUG_INVOCATION=1, RestartMode=debug\\): root log level DEBUG instead of INFO"
    check "journal: DEBUG lines from the restarted process" \
      bash -c "'$SB' exec -- journalctl --no-pager -o cat _PID=$pid1 | grep -qE '^DEBUG +--- '"
    check "journal: back to INFO once ready" \
      journal_has_soon "$u" "root log level back to INFO \\(it was DEBUG for this start: DEBUG_INVOCATION=1\\)"
    check "StatusText says this start was logged at DEBUG: '$ts'" \
      grep -qE '^Started web-sample in [0-9]+\.[0-9] s; this start was logged at DEBUG \(RestartMode=debug\)$' <<<"$ts"
    # no DEBUG line after the level went back (the journal keeps the order of one process' lines)
    check "journal: no DEBUG line of the restarted process after 'back to INFO'" bash -c "'$SB' exec -- journalctl --no-pager -o cat _PID=$pid1 |
      awk '/root log level back to INFO/ { back = 1; next } back && /^DEBUG +--- / { bad = 1 } END { exit bad || !back }'"
  else
    wait_until 10 bash -c "'$SB' exec -- systemctl show -p StatusText --value '$u' | grep -q '^Started'"
    ts="$(prop "$u" StatusText)"
    check "journal: systemd $SD_VERSION does not know RestartMode=" \
      journal_has_soon "$u" "Unknown key '?RestartMode'? in section \\[Service\\], ignoring"
    check "the restarted process has no DEBUG_INVOCATION" \
      lacks_re "$(sbx /bin/sh -c "tr '\\0' '\\n' </proc/$pid1/environ" 2>/dev/null || echo unreadable)" '^DEBUG_INVOCATION=|^unreadable$'
    check "journal: no DEBUG_INVOCATION line from the app" journal_lacks "$u" 'DEBUG_INVOCATION'
    check "StatusText is the usual one: '$ts'" grep -qE '^Started web-sample in [0-9]+\.[0-9] s$' <<<"$ts"
  fi
  check "answers on 127.0.0.1:$PORT" wait_until 10 http_ok "$PORT"
  finish_unit "$u"
}
