# shellcheck shell=bash
# the sample's own unit file and install script work as shipped.
TITLE="shipped samples/web-sample/systemd/{install.sh,web-sample.service,*.socket}: install.sh --port installs on that port, starts, moves a running service to another port, stops cleanly"
scenario() {
  local u=web-sample.service src="$ROOT/samples/web-sample/systemd" d=/root/web-sample-install rc ts
  CUR_UNIT=$u
  if [ ! -f "$src/web-sample.service" ] || [ ! -f "$src/install.sh" ]; then
    fail "$src/web-sample.service or install.sh missing"; return
  fi
  if [ "$APP_KIND" != jar ]; then
    info "stand-in mode: the shipped unit runs the jar; skipped"; return
  fi
  local f
  for f in install.sh web-sample.service web-sample.socket web-sample-management.socket; do
    "$SB" copy-in "$src/$f" "$d/samples/web-sample/systemd/$f"
  done
  sbx cp "$APP_DIR/web-sample.jar" "$d/web-sample.jar"
  # the shipped unit, moved off its default port by install.sh's one port setting
  sbx /bin/bash "$d/samples/web-sample/systemd/install.sh" --port "$PORT" "$d/web-sample.jar" >"$WORK/s14.out" 2>&1
  rc=$?
  sed 's/^/      install.sh: /' "$WORK/s14.out" | head -n 20
  check "install.sh --port $PORT exited 0 (rc=$rc)" test "$rc" = 0
  check "the installed units carry the port: SERVER_PORT=$PORT, ListenStream=127.0.0.1:$PORT and :$((PORT + 1))" \
    test "$(sbx grep -hE '^(Environment=SERVER_PORT|ListenStream)=' /etc/systemd/system/web-sample.service \
      /etc/systemd/system/web-sample.socket /etc/systemd/system/web-sample-management.socket | tr '\n' ' ')" \
      = "Environment=SERVER_PORT=$PORT ListenStream=127.0.0.1:$PORT ListenStream=127.0.0.1:$((PORT + 1)) "
  check "systemd-analyze verify accepts the installed unit" sbx systemd-analyze verify "/etc/systemd/system/$u"
  check "enabled ($(sbx systemctl is-enabled "$u" 2>&1))" sbx systemctl is-enabled --quiet "$u"
  check "active after install.sh returned ($(props "$u" ActiveState,SubState,Result))" is_active "$u"
  ts="$(prop "$u" StatusText)"
  check "StatusText starts with 'Started' ('$ts')" test "${ts#Started}" != "$ts"
  check "runs as websample (ps: $(sbx ps -o user= -p "$(mainpid "$u")"))" \
    test "$(sbx ps -o user= -p "$(mainpid "$u")" | tr -d ' ')" = websample
  check "WatchdogUSec is set by the shipped unit ($(prop "$u" WatchdogUSec))" test "$(prop "$u" WatchdogUSec)" = 10s
  check "answers on 127.0.0.1:$PORT" wait_until 10 http_ok "$PORT"
  # run again with another port while it runs (its socket is in the fd store by now): the
  # new port must apply, not the stored socket
  local moved=$((PORT + 2)) pid0
  pid0="$(mainpid "$u")"
  check "journal: the socket went to the fd store" wait_until 10 journal_has "$u" "Stored the .*listening socket \\(port $PORT"
  sbx /bin/bash "$d/samples/web-sample/systemd/install.sh" --port "$moved" "$d/web-sample.jar" >"$WORK/s14.out" 2>&1
  rc=$?
  sed 's/^/      install.sh again: /' "$WORK/s14.out" | head -n 5
  check "install.sh --port $moved on the running service exited 0 (rc=$rc)" test "$rc" = 0
  check "install.sh said it stops the running service" \
    grep -q '^install.sh: web-sample.service is active: stopping it so that the new unit, jar and port apply' "$WORK/s14.out"
  check "active again with a new MainPID ($pid0 -> $(mainpid "$u"))" \
    eval 'is_active "$u" && [ "$(mainpid "$u")" != "$pid0" ]'
  check "answers on the new port 127.0.0.1:$moved" wait_until 10 http_ok "$moved"
  check "no longer answers on 127.0.0.1:$PORT" eval '! http_ok "$PORT"'
  check "journal: no 'server.port=... is not used' (the stored socket of the old port is gone)" \
    journal_lacks "$u" 'server\.port=[0-9]+ is not used'
  sbx systemctl stop "$u"
  check "stopped cleanly: inactive, Result=success ($(props "$u" ActiveState,Result))" \
    test "$(prop "$u" ActiveState)/$(prop "$u" Result)" = inactive/success
  check "journal: no SIGKILL / 'Killing process'" journal_lacks "$u" 'SIGKILL|Killing process|code=killed'
  sbx systemctl disable --quiet "$u" 2>/dev/null
  finish_unit "$u"
}
