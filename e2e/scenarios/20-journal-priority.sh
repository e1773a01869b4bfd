# shellcheck shell=bash
# with systemd.logging.journal-format=prefix (native entries, the default, are
# scenario 55), log lines carry syslog priorities (journalctl -p works), without a duplicated
# time stamp or pid; every record of a long line or a line with a NUL keeps the
# priority; a logging.pattern.console of the application's own wins.
TITLE="journald logging, journal-format=prefix: 'journalctl -p warning' shows WARN not INFO, no duplicated time/pid, long and NUL lines keep their priority; user pattern wins"
scenario() {
  local u=e2e-s20-journal.service u2=e2e-s20-pattern.service pid warn info lines
  CUR_UNIT=$u
  # a long watchdog timeout: the DOWN health below must cause a WARN, not a restart
  U_WATCHDOG=60 app_unit "$u" "$PORT" --systemd.watchdog.interval=1s --systemd.logging.journal-format=prefix
  start_unit "$u"
  require_active "$u" || { finish_unit "$u"; return; }
  pid="$(mainpid "$u")"
  http_post "$PORT" /fault/down >/dev/null
  check "journal: the app logged 'Systemd watchdog health gate closed'" \
    wait_until 10 journal_has "$u" 'Systemd watchdog health gate closed'
  warn="$(sbx journalctl --no-pager -o cat -p warning -u "$u" 2>/dev/null)"
  printf '%s\n' "$warn" | grep -E 'health gate closed' | head -n 1 | sed 's/^/      -p warning: /'
  check "journalctl -p warning shows the app's WARN line" grep -qE '^WARN +--- .*Systemd watchdog health gate closed' <<<"$warn"
  check "journalctl -p warning shows none of the app's INFO lines ('Started WebSampleApplication', ' INFO ')" \
    lacks_re "$warn" "Started WebSampleApplication|^INFO "
  info="$(sbx journalctl --no-pager -o cat -p info -u "$u" 2>/dev/null)"
  check "journalctl -p info shows the app's INFO line 'Started WebSampleApplication'" \
    grep -qE '^INFO +--- .*Started WebSampleApplication' <<<"$info"
  check "journal PRIORITY=4 recorded for the WARN line" \
    bash -c "'$SB' exec -- journalctl --no-pager -o verbose -p warning..warning -u '$u' | grep -q 'MESSAGE=WARN .*Systemd watchdog health gate closed'"
  lines="$(journal_lines "$u" ' --- ')"
  info "app lines in the journal: $(wc -l <<<"$lines"); first: $(head -n 1 <<<"$lines")"
  check "no app line starts with a time stamp" lacks_re "$lines" "^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ]"
  check "no app line repeats the pid $pid" lacks_re "$lines" "(^| )$pid --- "
  check "no literal '<N>' prefix reaches the journal" lacks_re "$lines" "^<[0-7]>"

  # journald splits a stream line at LineMax= (48K) and at NUL; each record must keep the priority
  http_post "$PORT" '/log?level=error&text=x&repeat=70000' >/dev/null
  http_post "$PORT" '/log?level=warn&text=before%00after' >/dev/null
  check "journal: the 70,000-character ERROR line arrived" wait_until 10 journal_has "$u" 'x log-end$'
  local err xs
  err="$(sbx journalctl --no-pager -o cat -p err -u "$u" 2>/dev/null | grep -E '^(ERROR .*log-begin x|x+( log-end)?$)')"
  xs="$(sed 's/^ERROR .* : log-begin //; s/ log-end$//' <<<"$err" | tr -cd x | wc -c)"
  info "journalctl -p err: $(wc -l <<<"$err") records of the long line, $xs x characters of 70000"
  check "journalctl -p err shows the start of the long line" grep -qE '^ERROR .* : log-begin x' <<<"$err"
  check "journalctl -p err shows the end of the long line" grep -qE 'x log-end$' <<<"$err"
  check "journalctl -p err shows all 70000 characters of the long line ($xs)" test "$xs" = 70000
  warn="$(sbx journalctl --no-pager -o cat -p warning..warning -u "$u" 2>/dev/null)"
  check "journalctl -p warning shows the line with a NUL as one record (before␀after)" \
    grep -qE 'log-begin before.after log-end$' <<<"$warn"
  finish_unit "$u"

  CUR_UNIT=$u2
  U_WATCHDOG=60 app_unit "$u2" "$PORT" --systemd.watchdog.interval=1s --systemd.logging.journal-format=prefix '"--logging.pattern.console=user-pattern %%-5level %%logger{20} : %%msg%%n"'
  start_unit "$u2"
  require_active "$u2" || { finish_unit "$u2"; return; }
  http_post "$PORT" /fault/down >/dev/null
  check "user pattern: the app logged 'Systemd watchdog health gate closed'" \
    wait_until 10 journal_has "$u2" 'Systemd watchdog health gate closed'
  journal_lines "$u2" 'health gate closed' | head -n 1 | sed 's/^/      log: /'
  check "user pattern: lines are the user's ('user-pattern WARN ...')" \
    journal_has "$u2" '^user-pattern WARN +i\.g\.s\.w\.SystemdWatchdog : Systemd watchdog health gate closed'
  warn="$(sbx journalctl --no-pager -o cat -p warning -u "$u2" 2>/dev/null)"
  check "user pattern: no priority prefix, so journalctl -p warning does not show the WARN line" \
    lacks "$warn" "health gate closed"
  finish_unit "$u2"
}
