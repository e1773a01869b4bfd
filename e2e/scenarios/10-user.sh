# shellcheck shell=bash
# User= a non-root user, default NotifyAccess: READY and pings accepted.
TITLE="User=websample (non-root), default NotifyAccess: active, watchdog satisfied for ~10s"
scenario() {
  local u=e2e-s10-user.service secs="${E2E_USER_SECONDS:-10}" pid user t0 bad=0 n=0
  CUR_UNIT=$u
  sbx /bin/sh -c 'id websample >/dev/null 2>&1 || useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin websample'
  check "user websample exists in the sandbox" sbx /bin/sh -c 'id websample >/dev/null'
  check "websample can read the app" sbx setpriv --reuid=websample --regid=websample --clear-groups \
    test -r "$APP_DIR/$APP_DEST"
  U_USER=websample U_WATCHDOG=4 app_unit "$u" "$PORT"
  start_unit "$u"
  figure start_to_ready_user_s "$START_S"
  require_active "$u" || { finish_unit "$u"; return; }
  pid="$(mainpid "$u")"
  user="$(sbx ps -o user= -p "$pid" | tr -d ' ')"
  check "main process $pid runs as websample (ps: '$user')" test "$user" = websample
  check "NotifyAccess is the default 'main' ($(prop "$u" NotifyAccess))" test "$(prop "$u" NotifyAccess)" = main
  t0="$(now)"
  while le "$(since "$t0")" "$secs"; do
    n=$((n + 1))
    [ "$(prop "$u" ActiveState)/$(prop "$u" NRestarts)" = active/0 ] || bad=$((bad + 1))
    sleep 0.5
  done
  check "active with NRestarts=0 over ${secs}s with WatchdogSec=4 ($n samples, $bad bad)" test "$bad" = 0
  check "same MainPID after ${secs}s ($pid -> $(mainpid "$u"))" test "$(mainpid "$u")" = "$pid"
  check "journal: no 'Watchdog timeout' and no rejected notifications" \
    journal_lacks "$u" 'Watchdog timeout|reception only permitted|Got notification message from PID'
  check "answers HTTP" http_ok "$PORT"
  finish_unit "$u"
}
