# shellcheck shell=bash
# a hanging health check leaves its stack in the journal before the restart.
TITLE="health contributor hangs: the stack of the thread stuck in it (SampleHealthIndicator.hang) is in the journal, then the restart"
scenario() {
  local u=e2e-s18-hang-stack.service stack_line restart_line
  hang_until_restart "$u" restart_after_hang_with_stack_s 0 "POST /fault/hang" || return
  check "journal: the app logged \"Health contributor 'sample' did not answer within 1s; the thread that runs it is at:\"" \
    journal_has "$u" "Health contributor 'sample' did not answer within 1s; the thread that runs it is at:"
  check "journal: the stack names the thread that runs the sample check" journal_has "$u" '"systemd-health-check-[0-9]+" daemon WAITING'
  check "journal: the stack shows where it hangs (SampleHealthIndicator.hang)" \
    journal_has "$u" 'at .*SampleHealthIndicator\.hang\(SampleHealthIndicator\.java:[0-9]+\)'
  # the stack comes before systemd's watchdog timeout
  stack_line="$(sbx journalctl --no-pager -o cat -u "$u" 2>/dev/null | grep -nE 'SampleHealthIndicator\.hang' | head -n 1 | cut -d: -f1)"
  restart_line="$(sbx journalctl --no-pager -o cat -u "$u" 2>/dev/null | grep -nE 'Watchdog (timeout|request)' | head -n 1 | cut -d: -f1)"
  check "journal: the stack (line ${stack_line:-none}) comes before systemd's 'Watchdog request' (line ${restart_line:-none})" \
    test -n "$stack_line" -a -n "$restart_line" -a "${stack_line:-0}" -lt "${restart_line:-0}"
  check "journal: the stack is logged once for the one stuck check" \
    test "$(journal_lines "$u" 'the thread that runs it is at:' | wc -l)" = 1
  journal_lines "$u" 'SampleHealthIndicator\.hang|the thread that runs it' | head -n 2 | cut -c1-160 | sed 's/^/      log: /'
  finish_unit "$u"

  # WatchdogSignal=SIGQUIT: the JVM prints a thread dump and keeps running, so systemd
  # kills it with SIGKILL once TimeoutAbortSec= has passed
  u=e2e-s18-sigquit.service
  # TimeoutAbortSec=3 more before the SIGKILL
  U_EXTRA_SERVICE=$'WatchdogSignal=SIGQUIT\nTimeoutAbortSec=3' hang_until_restart "$u" restart_after_hang_sigquit_s 3 \
    "POST /fault/hang (WatchdogSignal=SIGQUIT)" --systemd.watchdog.health.thread-dump=none || return
  check "journal: SIGQUIT made the JVM print 'Full thread dump'" journal_has_soon "$u" 'Full thread dump'
  check "journal: the JVM's dump shows SampleHealthIndicator.hang" journal_has "$u" 'SampleHealthIndicator\.hang'
  check "journal: the JVM kept running until systemd killed it after TimeoutAbortSec= ('stop-watchdog' timed out)" \
    journal_has "$u" "State 'stop-watchdog' timed out"
  journal_lines "$u" "Killing process .* with signal|stop-watchdog" | head -n 3 | sed 's/^/      log: /'
  finish_unit "$u"
}
