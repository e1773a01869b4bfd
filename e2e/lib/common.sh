# shellcheck shell=bash
# Helpers shared by e2e/run.sh and the scenarios: results, figures, waiting,
# sandbox access, unit files, HTTP, and diagnostics on failure.
#
# Globals expected from run.sh: E2E_DIR SB WORK APP_CMD APP_KIND, and SD_VERSION (the
# version of the systemd the scenario runs under, e.g. 252 or 257; see systemd_at_least)
# with SD_TAG (what the output lines are tagged with: the version, or "off")

NPASS=0
NFAIL=0
CUR=""           # current scenario number
SD_VERSION=""    # systemd version in the sandbox
SD_TAG=""        # [CUR@SD_TAG] on PASS/FAIL lines, name@SD_TAG on FIGURE lines
CUR_UNIT=""      # unit whose status/journal is printed when a check fails
DIAG_DONE=""     # units already dumped in this scenario
CUR_SYS=""       # which systemd the sandbox runs: host or trixie (see runs_here)

# ------------------------------------------------------------- output --
say()  { printf '%s\n' "$*"; }
info() { printf '      %s\n' "$*"; }
pass() { NPASS=$((NPASS + 1)); printf 'PASS: [%s] %s\n' "$CUR${SD_TAG:+@$SD_TAG}" "$*"; }
fail() {
  NFAIL=$((NFAIL + 1)); printf 'FAIL: [%s] %s\n' "$CUR${SD_TAG:+@$SD_TAG}" "$*"
  diag "$CUR_UNIT"
}
# check DESCRIPTION COMMAND... : PASS if the command succeeds
check() { local d="$1"; shift; if "$@"; then pass "$d"; else fail "$d"; fi; }
figure() { printf 'FIGURE %s=%s\n' "$1${SD_TAG:+@$SD_TAG}" "$2"; }
# systemd_at_least N : the sandbox's systemd is version N or later (for checks whose expected
# outcome differs between versions: assert each version's own behaviour)
systemd_at_least() { [ "${SD_VERSION:-0}" -ge "$1" ]; }
# runs_here SYSTEM : SYSTEM (host or trixie) is the systemd the sandbox runs now, or the run
# boots only one systemd (for the costly parts that need to run under one systemd only)
runs_here() { [ "$CUR_SYS" = "$1" ] || [ "${#SYSTEMS[@]}" -le 1 ]; }
# systemd_name SYSTEM : "the host's systemd" or "Debian 13's systemd"
systemd_name() { if [ "$1" = trixie ]; then say "Debian 13's systemd"; else say "the host's systemd"; fi; }

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
# le A B : A <= B (decimals)
le() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a <= b) }'; }

# diag UNIT : print systemctl status and the last journal lines of UNIT (once
# per unit and scenario) so that a CI log explains a failure
diag() {
  local unit="$1"
  [ -n "$unit" ] || return 0
  case " $DIAG_DONE " in *" $unit "*) return 0;; esac
  DIAG_DONE="$DIAG_DONE $unit"
  say "    ---- systemctl status $unit"
  sbx systemctl status --no-pager -l -n 0 "$unit" 2>&1 | sed 's/^/    | /'
  say "    ---- systemctl show $unit (selected)"
  sbx systemctl show -p ActiveState,SubState,Result,NRestarts,MainPID,ExecMainStatus,StatusText "$unit" 2>&1 \
    | sed 's/^/    | /'
  say "    ---- journalctl -u $unit (last ${E2E_DIAG_LINES:-60} lines)"
  sbx journalctl --no-pager -o short-monotonic -n "${E2E_DIAG_LINES:-60}" -u "$unit" 2>&1 | sed 's/^/    | /'
  say "    ----"
}

# ------------------------------------------------------------- waiting --
# wait_until TIMEOUT_S COMMAND... : poll every E2E_POLL (0.1) s until COMMAND
# succeeds; 0 on success, 1 on timeout. WAITED holds the seconds spent.
wait_until() {
  local timeout="$1" t0; shift
  t0="$(now)"
  while :; do
    if "$@"; then WAITED="$(since "$t0")"; return 0; fi
    if ! le "$(since "$t0")" "$timeout"; then WAITED="$(since "$t0")"; return 1; fi
    sleep "${E2E_POLL:-0.1}"
  done
}

# ------------------------------------------------------------- sandbox --
sbx() { "$SB" exec -- "$@"; }
prop() { sbx systemctl show -p "$2" --value "$1" 2>/dev/null; }
props() { sbx systemctl show -p "$2" "$1" 2>/dev/null | tr '\n' ' '; }
is_active() { [ "$(prop "$1" ActiveState)" = active ]; }
is_state() { [ "$(prop "$1" ActiveState)" = "$2" ]; }
nrestarts_ge() { local n; n="$(prop "$1" NRestarts)"; [ "${n:-0}" -ge "$2" ]; }
# journal_has UNIT EXTENDED-REGEX : a journal line of UNIT matches
# (read the whole journal first: `grep -q` would close the pipe early, and under
# pipefail journalctl's SIGPIPE would turn a match into a failure)
journal_has() { local j; j="$(sbx journalctl --no-pager -o cat -u "$1" 2>/dev/null)"; grep -qE -- "$2" <<<"$j"; }
# lacks TEXT STRING... : no line of TEXT holds any of the fixed STRINGs (an empty TEXT holds
# none). An absence is grep's status 1 alone: a bare `! grep` also passes on status 2, an
# error (a missing file; a text pasted into a quoted `bash -c` that holds a quote itself)
lacks() { absent -F "$@"; }
# lacks_re TEXT REGEX... : the same with extended regular expressions
lacks_re() { absent -E "$@"; }
absent() {
  local mode="$1" text="$2" p rc=0 patterns=(); shift 2
  for p in "$@"; do patterns+=(-e "$p"); done
  grep -q "$mode" "${patterns[@]}" <<<"$text" || rc=$?
  [ "$rc" -eq 1 ]
}
# journal_lacks UNIT REGEX : UNIT's journal could be read and no line matches REGEX
journal_lacks() { local j; j="$(sbx journalctl --no-pager -o cat -u "$1" 2>/dev/null)" && [ -n "$j" ] && lacks_re "$j" "$2"; }
# journal_all_lacks STRING... : the whole journal, every unit's, could be read and holds none
journal_all_lacks() { local j; j="$(sbx journalctl --no-pager -o cat 2>/dev/null)" && [ -n "$j" ] && lacks "$j" "$@"; }
# show_lacks UNIT STRING : `systemctl show UNIT` could be read and holds no STRING
show_lacks() { local s; s="$(sbx systemctl show "$1" 2>/dev/null)" && [ -n "$s" ] && lacks "$s" "$2"; }
journal_lines() { sbx journalctl --no-pager -o cat -u "$1" 2>/dev/null | grep -E -- "$2"; }
# journal_has_soon UNIT REGEX : allow the journal a few seconds to catch up
# starter_errors UNIT : the unit's journal entries at priority err or above that the starter
# logged, as native entries (LOGGER_NAME field) or as prefixed console lines (i.g.s. logger)
starter_errors() {
  sbx journalctl --no-pager -o json -p err -u "$1" 2>/dev/null \
    | grep -E '"LOGGER_NAME":"io\.github\.springsystemd\.|i\.g\.s\.'
}
journal_has_soon() { wait_until "${E2E_JOURNAL_WAIT:-5}" journal_has "$1" "$2"; }

# app_unit UNIT PORT [APP ARGS...] : write and install UNIT running the app on
# 127.0.0.1:PORT. Directives come from variables the caller may set (local):
#   U_TYPE (notify)  U_WATCHDOG (4)  U_RESTART (on-failure)  U_RESTART_SEC (0.5)
#   U_USER ()  U_BURST ()  U_BURST_INTERVAL ()  U_EXTRA_SERVICE ()  U_EXTRA_UNIT ()
#   U_STOP_TIMEOUT (30); TimeoutStartSec= comes from E2E_START_TIMEOUT (120)
#   U_SERVER (tomcat): the web server, tomcat (samples/web-sample), jetty (the same sample
#   built with -Pjetty) or netty (samples/webflux-sample, on Reactor Netty)
# With E2E_HARDENED=1 every unit also gets the shipped hardened unit's directives
# (see hardening_lines) and ExecReload= runs outside the sandbox ("+").
app_unit() {
  local unit="$1" port="$2"; shift 2
  local f="$WORK/units/$unit"
  mkdir -p "$WORK/units"
  {
    echo "[Unit]"
    echo "Description=web-sample e2e scenario $CUR ($unit)"
    [ -n "${U_BURST:-}" ] && echo "StartLimitBurst=$U_BURST"
    [ -n "${U_BURST_INTERVAL:-}" ] && echo "StartLimitIntervalSec=$U_BURST_INTERVAL"
    [ -n "${U_EXTRA_UNIT:-}" ] && printf '%s\n' "$U_EXTRA_UNIT"
    echo
    echo "[Service]"
    echo "Type=${U_TYPE:-notify}"
    echo "ExecStart=$(server_cmd "${U_SERVER:-tomcat}") --server.port=$port --server.address=127.0.0.1 $*"
    [ "${U_WATCHDOG:-4}" != 0 ] && echo "WatchdogSec=${U_WATCHDOG:-4}"
    echo "Restart=${U_RESTART:-on-failure}"
    echo "RestartSec=${U_RESTART_SEC:-0.5}"
    echo "SuccessExitStatus=143"
    echo "TimeoutStartSec=${E2E_START_TIMEOUT:-120}"
    echo "TimeoutStopSec=${U_STOP_TIMEOUT:-30}"
    echo "TimeoutAbortSec=10"
    [ -n "${U_USER:-}" ] && echo "User=$U_USER"
    if [ "${E2E_HARDENED:-0}" = 1 ]; then
      [ -n "${U_EXTRA_SERVICE:-}" ] && printf '%s\n' "$U_EXTRA_SERVICE" | sed 's#^ExecReload=/#ExecReload=+/#'
      hardening_lines
    else
      [ -n "${U_EXTRA_SERVICE:-}" ] && printf '%s\n' "$U_EXTRA_SERVICE"
    fi
  } >"$f"
  "$SB" install-unit "$f" >/dev/null
}

# server_cmd SERVER : the command that runs the app on SERVER (tomcat, jetty or netty)
server_cmd() {
  case "$1" in
    tomcat) printf '%s\n' "$APP_CMD" ;;
    *) printf '%s\n' "${APP_CMD% -jar *} -jar $APP_DIR/$1.jar" ;;
  esac
}

# has_server SERVER : whether the jar for SERVER is in the sandbox (a missing one fails)
has_server() {
  [ "$1" = tomcat ] && return 0
  if [ "$APP_KIND" = jar ] && [ -f "${SERVER_JAR[$1]:-}" ]; then return 0; fi
  fail "no jar for the web server '$1' (${SERVER_JAR[$1]:-unknown server}): build it, or do not set E2E_SKIP_BUILD"
  return 1
}

# hardening_lines : the hardening directives of the shipped
# samples/web-sample/systemd/web-sample-hardened.service (between its BEGIN/END
# hardening markers), so the hardened variant tests what ships. U_NO_JNA_LINES=1 drops
# the two lines JNA needs on JDK 17-21 (RuntimeDirectory= and ExecPaths=/run/...).
hardening_lines() {
  sed -n '/^# BEGIN hardening/,/^# END hardening/p' "$ROOT/samples/web-sample/systemd/web-sample-hardened.service" \
    | grep -v '^#' \
    | if [ "${U_NO_JNA_LINES:-0}" = 1 ]; then grep -v -e '^RuntimeDirectory=' -e '^ExecPaths=/run/'; else cat; fi
}

# start_unit UNIT : `systemctl start` (blocks until READY=1 or failure);
# sets START_RC and START_S
start_unit() {
  local t0; t0="$(now)"
  sbx systemctl start "$1" 2>"$WORK/start.err"
  START_RC=$?
  START_S="$(since "$t0")"
  [ "$START_RC" = 0 ] || info "systemctl start $1 -> rc=$START_RC: $(tr '\n' ' ' <"$WORK/start.err")"
}

# start_socket_activated NAME [APP ARGS...] : install NAME.socket (ListenStream=
# 127.0.0.1:$PORT, FileDescriptorName=web) and NAME.service running the app on the socket
# it passes (app_unit's variables apply, such as U_SERVER and E2E_HARDENED), start the
# socket, then the service (START_RC, START_S); CUR_UNIT becomes NAME.service
start_socket_activated() {
  local name="$1"; shift
  CUR_UNIT=$name.service
  mkdir -p "$WORK/units"
  printf '[Socket]\nListenStream=127.0.0.1:%s\nFileDescriptorName=web\n' "$PORT" >"$WORK/units/$name.socket"
  "$SB" install-unit "$WORK/units/$name.socket" >/dev/null
  app_unit "$name.service" 1 "$@"
  sbx systemctl start "$name.socket"
  start_unit "$name.service"
}

# start_storing_unit UNIT LABEL : install and start UNIT, the app on $PORT with
# FileDescriptorStoreMax=1 (app_unit's variables apply), then check, each check's text
# starting with LABEL, that its listening socket is stored; returns 1 when UNIT is not
# active (a failed check does not change what it returns). CUR_UNIT becomes UNIT
start_storing_unit() {
  local u="$1" label="$2"
  CUR_UNIT=$u
  U_EXTRA_SERVICE="FileDescriptorStoreMax=1" app_unit "$u" "$PORT"
  start_unit "$u"
  require_active "$u" || return 1
  check "$label: the listening socket is stored (NFileDescriptorStore=1)" \
    wait_until 15 bash -c "[ \"\$('$SB' exec -- systemctl show -p NFileDescriptorStore --value $u)\" = 1 ]"
  check "$label: the app says it stored the socket" journal_has "$u" "Stored the web server's listening socket"
  return 0
}

# check_start_failed UNIT FIGURE : after start_unit UNIT, which was to fail: its time goes
# to FIGURE, and it checks that systemctl start failed and that the unit ended failed;
# STATUS_TEXT holds the unit's StatusText, which it prints
check_start_failed() {
  figure "$2" "$START_S"
  check "systemctl start failed (rc=$START_RC)" test "$START_RC" != 0
  check "unit ended failed ($(props "$1" ActiveState,Result,ExecMainStatus))" is_state "$1" failed
  STATUS_TEXT="$(prop "$1" StatusText)"
  info "StatusText: '$STATUS_TEXT'"
}

# timed_stop UNIT FIGURE : `systemctl stop UNIT`; how long it took goes to FIGURE and to
# STOP_S
timed_stop() {
  local t0; t0="$(now)"
  sbx systemctl stop "$1"
  STOP_S="$(since "$t0")"
  figure "$2" "$STOP_S"
}

# require_active UNIT : fail and return 1 unless UNIT is active
require_active() {
  if is_active "$1"; then return 0; fi
  fail "$1 is not active ($(props "$1" ActiveState,SubState,Result))"
  return 1
}

# finish_unit UNIT... : stop, reset, free the CPU for the next scenario
finish_unit() {
  local u
  for u in "$@"; do
    sbx systemctl stop "$u" >/dev/null 2>&1
    sbx systemctl reset-failed "$u" >/dev/null 2>&1
  done
  return 0
}

mainpid() { prop "$1" MainPID; }

# hang_until_restart UNIT FIGURE EXTRA_S WHAT [APP ARGS...] : run the app as UNIT with
# WatchdogSec=4 and systemd.watchdog.health.timeout=1s (and APP ARGS), make its health
# check hang (POST /fault/hang) and expect the watchdog restart (WATCHDOG=trigger) within
# what a DOWN takes, plus the health timeout before the first withheld ping, plus EXTRA_S;
# U_EXTRA_SERVICE passes through to app_unit. Returns 1, with UNIT finished, when UNIT did
# not start.
hang_until_restart() {
  local u="$1" fig="$2" extra="$3" what="$4" wd=4 t0 code bound
  shift 4
  CUR_UNIT=$u
  U_WATCHDOG=$wd app_unit "$u" "$PORT" --systemd.watchdog.health.timeout=1s "$@"
  start_unit "$u"
  require_active "$u" || { finish_unit "$u"; return 1; }
  t0="$(now)"
  code="$(http_post "$PORT" /fault/hang)"
  check "POST /fault/hang answered 200 (got $code)" test "$code" = 200
  bound="$(awk -v w=$wd -v e="$extra" -v s="$SLACK" 'BEGIN { print w + w / 2 + 1 + e + s }')"
  WD_MSG='Watchdog request' expect_watchdog_restart "$u" "$t0" "$bound" "$fig" "$what"
}

# expect_watchdog_restart UNIT T0 BOUND_S FIGURE WHAT : the watchdog restarted UNIT
# (NRestarts >= 1) within BOUND_S seconds of T0; records FIGURE and checks the
# journal for systemd's watchdog messages. WHAT names the fault for messages.
# WD_MSG is systemd's message: 'Watchdog timeout' (default: no pings came) or
# 'Watchdog request' (the app sent WATCHDOG=trigger).
expect_watchdog_restart() {
  local u="$1" t0="$2" bound="$3" fig="$4" what="$5" el
  if wait_until 60 nrestarts_ge "$u" 1; then
    el="$(since "$t0")"; figure "$fig" "$el"
    check "restarted by the watchdog within ${bound}s of $what (took ${el}s)" le "$el" "$bound"
  else
    fail "not restarted within 60 s of $what (NRestarts=$(prop "$u" NRestarts))"
  fi
  check "journal: systemd says '${WD_MSG:-Watchdog timeout}'" journal_has_soon "$u" "${WD_MSG:-Watchdog timeout}"
  check "journal: \"Failed with result 'watchdog'\"" journal_has "$u" "Failed with result 'watchdog'"
}

# ---------------------------------------------------------------- HTTP --
# http_get PORT PATH : sets HTTP_CODE (000 when no answer) and HTTP_BODY
http_get() {
  local out
  out="$(curl -sS -m "${E2E_HTTP_TIMEOUT:-10}" -w '\n%{http_code}' "http://127.0.0.1:$1$2" 2>/dev/null)"
  HTTP_CODE="${out##*$'\n'}"
  HTTP_BODY="${out%$'\n'*}"
  HTTP_BODY="${HTTP_BODY%$'\n'}"   # the sample ends its texts with a newline
  [ -n "$HTTP_CODE" ] || HTTP_CODE=000
}
# http_post PORT PATH : prints the status code (000 when no answer)
http_post() {
  curl -s -m "${E2E_HTTP_TIMEOUT:-10}" -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$1$2" 2>/dev/null
  return 0
}
http_ok() { [ "$(curl -s -m 2 -o /dev/null -w '%{http_code}' "http://127.0.0.1:$1/" 2>/dev/null)" = 200 ]; }

# --- load during restarts and handovers (scenarios 22, 23, 51 and 60) ---

# load_start PORT FILE [PATH] : LOAD_CLIENTS (4) clients, each sending LOAD_RATE (25)
# requests a second, one per connection, until load_stop, all in one process
# (lib/load.py), which appends "CODE SECONDS START BODY" per request to FILE. Each request may
# take 30 s: one that waits in the backlog through a JVM start on a busy machine is slow,
# not lost; one with no answer within 30 s counts as failed (CODE 000, as a refused or
# reset connection does). With LOAD_LAG_FILE, the client's own waits for the CPU go there
# too ("START SECONDS" for each 5 ms sleep that took over 20 ms). With LOAD_NICE, the client
# runs in a session of its own at that autogroup nice value (sched(7)), so that on a machine
# it shares with the servers, a JVM's start takes less of the CPU from it.
load_start() {
  LOAD_STOP="$WORK/load.stop"
  rm -f "$LOAD_STOP"
  local load=(python3 "$E2E_DIR/lib/load.py" "$1" "${3:-/}" "$2" "$LOAD_STOP" "${LOAD_CLIENTS:-4}" 30
    "${LOAD_RATE:-25}" ${LOAD_LAG_FILE:+"$LOAD_LAG_FILE"})
  if [ -n "${LOAD_NICE:-}" ]; then
    # a session of its own, so that its autogroup is its own (sched(7)); the value is
    # written from inside that session, once setsid has made it
    setsid sh -c 'echo "$1" >/proc/self/autogroup ||
      echo "load.py: could not set autogroup nice $1: it shares the CPU as it comes" >&2
      shift; exec "$@"' _ "$LOAD_NICE" "${load[@]}" 2>"$WORK/load.err" &
  else
    "${load[@]}" 2>"$WORK/load.err" &
  fi
  LOAD_PID=$!; BG_PIDS+=($!)
}
# load_stop : let every client finish its request and end, so that no connection is left
# half made (a socket unit would start the stopped service again for it)
load_stop() { touch "$LOAD_STOP"; wait "$LOAD_PID" 2>/dev/null; }

# stopped_for_good UNIT : stop UNIT; it must stay stopped although its socket units still
# listen (a connection left in their backlog would start it again)
stopped_for_good() { sbx systemctl stop "$1"; sleep 1; [ "$(prop "$1" ActiveState)" = inactive ]; }

# restarts_under_load NAME UNIT PORT [PATH] : sets R_TOTAL R_FAILED R_WORST (s)
restarts_under_load() {
  local name="$1" u="$2" port="$3" f="$WORK/restarts-$1.codes" k
  : >"$f"
  load_start "$port" "$f" "${4:-/}"
  sleep 2
  for k in 1 2 3; do
    sbx systemctl restart "$u" || info "systemctl restart $u failed"
    wait_until 60 is_active "$u" || fail "$u not active again after restart $k"
    sleep 2
  done
  load_stop
  R_TOTAL="$(wc -l <"$f")"
  R_FAILED="$(awk '$1 != "200"' "$f" | wc -l)"
  R_WORST="$(awk 'BEGIN { m = 0 } $1 == "200" && $2 > m { m = $2 } END { printf "%.2f", m }' "$f")"
  [ "$R_FAILED" = 0 ] || awk '$1 != "200"' "$f" | sort | uniq -c | sort -rn | head -n 5 | sed 's/^/      failed (count, code, seconds, start, answer): /'
  figure "restart_${name}_requests" "$R_TOTAL"
  figure "restart_${name}_failed" "$R_FAILED"
  figure "restart_${name}_worst_latency_s" "$R_WORST"
}
