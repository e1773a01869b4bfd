#!/usr/bin/env bash
# e2e/run.sh - end-to-end suite: runs samples/web-sample under a real systemd
# (booted as PID 1 of a throw-away namespace sandbox by e2e/lib/systemd-sandbox.sh)
# and checks what the starter tells the service manager.
#
#   sudo e2e/run.sh            all scenarios
#   sudo e2e/run.sh 1 4 6      a subset
#   e2e/run.sh --list          list the scenarios
#
# Environment:
#   E2E_SKIP_BUILD=1      do not build; use samples/web-sample/target/web-sample.jar
#   E2E_JAR=PATH          use this prebuilt jar (implies E2E_SKIP_BUILD=1)
#   E2E_JAVA=PATH         java binary for the units (default: resolved `java` on PATH)
#   E2E_JAVA_OPTS=...     JVM options for every run of the app (default: -Xmx512m)
#   E2E_PORT_BASE=N       first port (default 18400); scenario N uses BASE+10*N (and +1)...
#   E2E_LOAD_SECONDS=N    duration of scenario 8's load (default 60)
#   E2E_SLACK=S           tolerance added to time bounds (default 2)
#   E2E_KEEP=1            leave the sandbox up after the run (for inspection)
#   E2E_STANDIN=1         self-test of the harness: run e2e/selftest/web-sample-standin.py
#                         instead of the jar (proves the harness, not the Java code)
# Output: PASS:/FAIL: lines, "FIGURE name=value" lines, and last "N passed, N failed".
# Exit status: 0 when every check passed; 1 on a failed check; 2 when the suite
# cannot run here (the reason is printed).
set -uo pipefail

E2E_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$E2E_DIR")"
SB="$E2E_DIR/lib/systemd-sandbox.sh"
export SANDBOX_NAME="${E2E_SANDBOX_NAME:-web-sample-e2e}"
PORT_BASE="${E2E_PORT_BASE:-18400}"
SLACK="${E2E_SLACK:-2}"
APP_DIR=/opt/web-sample       # inside the sandbox

# shellcheck source=lib/common.sh
. "$E2E_DIR/lib/common.sh"
SCENARIOS=()
declare -A TITLE=()
for f in "$E2E_DIR"/scenarios/[0-9][0-9]-*.sh; do
  # shellcheck disable=SC1090
  . "$f"
done

cannot_run() { say "e2e: cannot run: $*"; say "0 passed, 1 failed"; exit 2; }

usage() { sed -n '2,/^set -uo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; }

# ------------------------------------------------------------ arguments --
SELECTED=()
for a in "$@"; do
  case "$a" in
    -h|--help) usage; exit 0;;
    --list) for n in "${SCENARIOS[@]}"; do printf '%2s  %s\n' "$n" "${TITLE[$n]}"; done; exit 0;;
    *[!0-9]*|'') say "e2e: unknown argument '$a' (scenario numbers, --list, --help)"; exit 2;;
    *) [ -n "${TITLE[$((10#$a))]:-}" ] || { say "e2e: no scenario $a (see --list)"; exit 2; }
       SELECTED+=("$((10#$a))");;
  esac
done
[ ${#SELECTED[@]} -gt 0 ] || SELECTED=("${SCENARIOS[@]}")

# ------------------------------------------------------------ preflight --
T_SUITE="$(now)"
[ "$(uname -s)" = Linux ] || cannot_run "needs Linux (this is $(uname -s))"
[ "$(id -u)" = 0 ] || cannot_run "needs root (namespaces, mounts, cgroups): sudo $0 $*"
command -v unshare >/dev/null && command -v nsenter >/dev/null || {
  command -v apt-get >/dev/null || cannot_run "unshare/nsenter (util-linux) missing and no apt-get"
}
[ -e /proc/self/ns/pid ] && [ -e /proc/self/ns/mnt ] && [ -e /proc/self/ns/cgroup ] \
  || cannot_run "the kernel lacks PID/mount/cgroup namespaces"
grep -qw cgroup2 /proc/filesystems || cannot_run "the kernel has no cgroup2 file system"
awk '$9 == "cgroup2" || $0 ~ / - cgroup2 / { f = 1 } END { exit !f }' /proc/self/mountinfo \
  || cannot_run "no cgroup2 hierarchy is mounted (pure v2 or hybrid needed)"
if ! grep -qw overlay /proc/filesystems; then
  modprobe overlay 2>/dev/null || true
  grep -qw overlay /proc/filesystems || cannot_run "overlayfs is not available"
fi
unshare --pid --fork --mount true 2>/dev/null || cannot_run "unshare --pid --mount is not permitted here (nested container without privileges?)"

missing=()
[ -x /lib/systemd/systemd ] && command -v systemctl >/dev/null || missing+=(systemd)
command -v dbus-daemon >/dev/null || missing+=(dbus)
command -v setpriv >/dev/null && command -v flock >/dev/null || missing+=(util-linux)
command -v ps >/dev/null || missing+=(procps)
command -v curl >/dev/null || missing+=(curl)
command -v ss >/dev/null || missing+=(iproute2)
command -v useradd >/dev/null || missing+=(passwd)
if [ ${#missing[@]} -gt 0 ]; then
  command -v apt-get >/dev/null || cannot_run "missing: ${missing[*]} (and no apt-get)"
  say "e2e: installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq </dev/null || true
  apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null >/dev/null \
    || cannot_run "apt-get install ${missing[*]} failed"
fi
sdver="$(systemctl --version 2>/dev/null | awk 'NR == 1 { print $2 }')"
[ "${sdver:-0}" -ge 252 ] 2>/dev/null || cannot_run "systemd >= 252 needed (found '${sdver:-none}')"

for n in "${SELECTED[@]}"; do
  for p in $((PORT_BASE + 10 * n)) $((PORT_BASE + 10 * n + 1)); do
    [ "$p" -le 65535 ] || cannot_run "E2E_PORT_BASE=$PORT_BASE gives port $p for scenario $n"
    if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      cannot_run "127.0.0.1:$p (scenario $n) is already in use; free it or set E2E_PORT_BASE"
    fi
  done
done

JAVA="${E2E_JAVA:-}"
if [ -z "$JAVA" ]; then
  command -v java >/dev/null || cannot_run "no java on PATH (JDK 17+ needed; or set E2E_JAVA)"
  JAVA="$(readlink -f "$(command -v java)")"
fi
[ -x "$JAVA" ] || cannot_run "E2E_JAVA=$JAVA is not executable"
JAVA_OPTS="${E2E_JAVA_OPTS:--Xmx512m}"

WORK="$(mktemp -d /tmp/web-sample-e2e.XXXXXX)"
BG_PIDS=()
cleanup() {
  local p
  if [ ${#BG_PIDS[@]} -gt 0 ]; then   # timeout(1) passes TERM on to its command
    for p in "${BG_PIDS[@]}"; do kill -TERM "$p" 2>/dev/null; done
    sleep 0.3
    for p in "${BG_PIDS[@]}"; do kill -KILL "$p" 2>/dev/null; done
  fi
  if [ "${E2E_KEEP:-0}" = 1 ]; then
    say "e2e: E2E_KEEP=1: sandbox left up; enter it with: SANDBOX_NAME=$SANDBOX_NAME $SB shell"
  else
    "$SB" down --kill >/dev/null 2>&1 || say "e2e: WARNING: sandbox teardown reported a problem"
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'say "e2e: interrupted"; say "$NPASS passed, $((NFAIL + 1)) failed"; exit 130' INT TERM

# ------------------------------------------------------------ the app --
if [ "${E2E_STANDIN:-0}" = 1 ]; then
  APP_KIND=standin
  HOST_APP=("/usr/bin/python3" "$E2E_DIR/selftest/web-sample-standin.py")
  [ -x /usr/bin/python3 ] || cannot_run "E2E_STANDIN=1 needs /usr/bin/python3"
  APP_SRC="$E2E_DIR/selftest/web-sample-standin.py"
  APP_DEST=web-sample-standin.py
  APP_CMD="/usr/bin/python3 $APP_DIR/web-sample-standin.py"
  say "e2e: SELF-TEST MODE: running the stand-in, not the Java sample"
else
  APP_KIND=jar
  JAR="${E2E_JAR:-$ROOT/samples/web-sample/target/web-sample.jar}"
  if [ -z "${E2E_JAR:-}" ] && [ "${E2E_SKIP_BUILD:-0}" != 1 ]; then
    say "e2e: building the sample: ./mvnw -B -q -DskipTests package -pl samples/web-sample -am"
    t0="$(now)"
    (cd "$ROOT" && ./mvnw -B -q -DskipTests package -pl samples/web-sample -am </dev/null) \
      || { say "e2e: the Maven build failed"; say "0 passed, 1 failed"; exit 1; }
    say "e2e: built in $(since "$t0") s"
  fi
  [ -f "$JAR" ] || cannot_run "no jar at $JAR (build it, or set E2E_JAR)"
  APP_SRC="$JAR"
  APP_DEST=web-sample.jar
  APP_CMD="$JAVA $JAVA_OPTS -jar $APP_DIR/web-sample.jar"
  HOST_APP=("$JAVA" $JAVA_OPTS -jar "$WORK/host/web-sample.jar")
  mkdir -p "$WORK/host" && cp "$JAR" "$WORK/host/web-sample.jar"
fi

# ------------------------------------------------------------ sandbox --
say "e2e: booting the systemd sandbox '$SANDBOX_NAME'"
"$SB" up --fresh >"$WORK/up.out" 2>"$WORK/up.err" || {
  sed 's/^/    | /' "$WORK/up.err"
  cannot_run "the systemd sandbox did not boot (see above)"
}
grep -o 'ready in [0-9.]*s' "$WORK/up.err" | sed 's/^/e2e: sandbox /'
sbx test -x "${APP_CMD%% *}" || cannot_run "${APP_CMD%% *} is not visible inside the sandbox (only the host root file system is; set E2E_JAVA)"
sbx mkdir -p "$APP_DIR"
"$SB" copy-in "$APP_SRC" "$APP_DIR/$APP_DEST"
sbx chmod 0755 "$APP_DIR" && sbx chmod 0644 "$APP_DIR/$APP_DEST"
say "e2e: app: $APP_CMD"
say "e2e: systemd $(sbx systemctl --version | awk 'NR == 1 { print $2 }') in the sandbox, $(nproc) cores, scenarios: ${SELECTED[*]}"

# ------------------------------------------------------------ scenarios --
for n in "${SELECTED[@]}"; do
  CUR="$n"; CUR_UNIT=""; DIAG_DONE=""
  PORT=$((PORT_BASE + 10 * n))
  say ""
  say "== scenario $n: ${TITLE[$n]}"
  t0="$(now)"
  "scenario_$n"
  say "   (scenario $n took $(since "$t0") s)"
done

say ""
say "e2e: total wall time $(since "$T_SUITE") s"
say "$NPASS passed, $NFAIL failed"
[ "$NFAIL" = 0 ]
