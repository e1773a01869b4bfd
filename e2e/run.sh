#!/usr/bin/env bash
# e2e/run.sh - end-to-end suite: runs samples/web-sample under a real systemd
# (booted as PID 1 of a throw-away namespace sandbox by e2e/lib/systemd-sandbox.sh)
# and checks what the starter tells the service manager. Every selected scenario runs
# under the host's systemd (252 on Debian 12) and then under Debian 13's (257), booted
# from a Debian root file system that e2e/lib/debian-root.sh builds once and caches.
#
#   sudo e2e/run.sh            all scenarios
#   sudo e2e/run.sh 1 4 6      a subset
#   e2e/run.sh --list          list the scenarios
#
# A scenario is one file, e2e/scenarios/NN-name.sh; its number NN is in the file name only
# (e2e/README.md says what the file sets).
#
# Environment:
#   E2E_SYSTEMD=WHICH     both (default): the host's systemd, then Debian 13's (a
#                         scenario whose file sets ONE_SYSTEMD runs under the one it names);
#                         host (or the host's version, e.g. 252): the host's only;
#                         257 (or trixie): Debian 13's only
#   E2E_ROOT_CACHE=DIR    where the Debian 13 root is cached
#                         (default /var/cache/systemd-spring-boot-starter-e2e)
#   E2E_DEBIAN_MIRROR=URL the mirror that builds it (default http://deb.debian.org/debian)
#   E2E_SKIP_BUILD=1      do not build; use samples/web-sample/target/web-sample.jar (and,
#                         for the scenarios that run every web server, web-sample-jetty.jar
#                         and samples/webflux-sample/target/webflux-sample.jar)
#   E2E_JAR=PATH          use this prebuilt jar (implies E2E_SKIP_BUILD=1)
#   E2E_JAR_JETTY=PATH, E2E_JAR_NETTY=PATH  the Jetty and Reactor Netty jars (defaults above)
#   E2E_BUILD_JAVA_HOME=D JDK that builds the sample (default: Temurin 25 under /usr/lib/jvm when
#                         present, so the jar carries the java.lang.foreign path; else JAVA_HOME)
#   E2E_HARDENED=1        every scenario's unit also gets the hardening directives of
#                         samples/web-sample/systemd/web-sample-hardened.service
#   E2E_JAVA=PATH         java binary for the units (default: resolved `java` on PATH)
#   E2E_JAVA_OPTS=...     JVM options for every run of the app (default: -Xmx512m)
#   E2E_PORT_BASE=N       first port (default 18400); scenario N uses BASE+10*N (and +1)...
#   E2E_LOAD_SECONDS=N    duration of scenario 8's load (default 60)
#   E2E_SLACK=S           tolerance added to time bounds (default 2)
#   E2E_KEEP=1            leave the sandbox up after the run (for inspection)
#   E2E_STANDIN=1         self-test of the harness: run e2e/selftest/web-sample-standin.py
#                         instead of the jar (proves the harness, not the Java code)
# Output: PASS:/FAIL: lines tagged [SCENARIO@SYSTEMD-VERSION], "FIGURE name@VERSION=value"
# lines, a summary per systemd, and last "N passed, N failed" (all systemds together).
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
# shellcheck source=lib/postgres.sh
. "$E2E_DIR/lib/postgres.sh"
# shellcheck source=selftest/helpers.sh
. "$E2E_DIR/selftest/helpers.sh"
declare -A SERVER_JAR=()    # web server -> jar, besides the sample on Tomcat
cannot_run() { say "e2e: cannot run: $*"; say "0 passed, 1 failed"; exit 2; }

# A scenario is one file, scenarios/NN-name.sh. NN, its number, is in the file name only;
# the file sets TITLE (its one line for --list and the log), ONE_SYSTEMD=host or trixie or
# OFF_SYSTEMD=1 when it needs them (see below), and defines scenario(). Each file is
# sourced in turn and entered in these tables under NN; its scenario() becomes scenario_NN.
SCENARIOS=()                        # the numbers, in file name order
declare -A SCENARIO_FILE=()         # number -> file name
declare -A SCENARIO_TITLE=()
# number -> 1: a scenario that runs no systemd, so it runs once, tagged @off
declare -A SCENARIO_OFF_SYSTEMD=()
# number -> host or trixie: a costly scenario whose checks do not depend on the systemd
# version runs, when the run boots both, under the one named here only
declare -A SCENARIO_ONE_SYSTEMD=()
for f in "$E2E_DIR"/scenarios/*; do
  [[ "${f##*/}" =~ ^[0-9][0-9]-[^/]+\.sh$ ]] \
    || cannot_run "scenarios/${f##*/} is not named NN-name.sh (two digits, a dash, a name, .sh)"
done
for f in "$E2E_DIR"/scenarios/[0-9][0-9]-*.sh; do
  [ -e "$f" ] || cannot_run "no scenario file (NN-name.sh) in $E2E_DIR/scenarios"
  b="${f##*/}"; n=$((10#${b:0:2}))
  [ -z "${SCENARIO_FILE[$n]:-}" ] \
    || cannot_run "scenarios/${SCENARIO_FILE[$n]} and scenarios/$b both carry the number $n"
  TITLE="" ONE_SYSTEMD="" OFF_SYSTEMD=""
  unset -f scenario
  # loaded in a subshell first: under set -u an unset variable at a file's top level would
  # end this shell without saying which file
  # shellcheck disable=SC1090
  (. "$f") || cannot_run "scenarios/$b could not be loaded (see above)"
  # shellcheck disable=SC1090
  . "$f" || cannot_run "scenarios/$b could not be loaded (see above)"
  [ -n "$TITLE" ] || cannot_run "scenarios/$b sets no TITLE"
  declare -F scenario >/dev/null || cannot_run "scenarios/$b defines no function scenario()"
  case "$ONE_SYSTEMD" in ''|host|trixie) ;;
    *) cannot_run "scenarios/$b: ONE_SYSTEMD='$ONE_SYSTEMD' is neither host nor trixie";; esac
  SCENARIOS+=("$n"); SCENARIO_FILE[$n]="$b"; SCENARIO_TITLE[$n]="$TITLE"
  [ -z "$ONE_SYSTEMD" ] || SCENARIO_ONE_SYSTEMD[$n]="$ONE_SYSTEMD"
  [ -z "$OFF_SYSTEMD" ] || SCENARIO_OFF_SYSTEMD[$n]="$OFF_SYSTEMD"
  # scenario() becomes scenario_NN: bash 5.2's `declare -f` prints "scenario () " first
  eval "$(declare -f scenario | sed "1s/^scenario /scenario_$n /")"
  declare -F "scenario_$n" >/dev/null || cannot_run "scenario() of scenarios/$b could not be renamed scenario_$n"
  unset -f scenario
done
unset TITLE ONE_SYSTEMD OFF_SYSTEMD f b n

usage() { sed -n '2,/^set -uo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; }

# ------------------------------------------------------------ arguments --
SELECTED=()
for a in "$@"; do
  case "$a" in
    -h|--help) usage; exit 0;;
    --list) for n in "${SCENARIOS[@]}"; do
              printf '%2s  %s%s\n' "$n" "${SCENARIO_TITLE[$n]}" "${SCENARIO_ONE_SYSTEMD[$n]:+ [under both: $(systemd_name "${SCENARIO_ONE_SYSTEMD[$n]}") only]}"
            done; exit 0;;
    *[!0-9]*|'') say "e2e: unknown argument '$a' (scenario numbers, --list, --help)"; exit 2;;
    *) [ -n "${SCENARIO_TITLE[$((10#$a))]:-}" ] || { say "e2e: no scenario $a (see --list)"; exit 2; }
       SELECTED+=("$((10#$a))");;
  esac
done
[ ${#SELECTED[@]} -gt 0 ] || SELECTED=("${SCENARIOS[@]}")
SYSTEMS=()
host_sdver() { systemctl --version 2>/dev/null | awk 'NR == 1 { print $2 }'; }
case "${E2E_SYSTEMD:-both}" in
  both) SYSTEMS=(host trixie);;
  host) SYSTEMS=(host);;
  257|trixie) SYSTEMS=(trixie);;
  *[!0-9]*|'') say "e2e: E2E_SYSTEMD='${E2E_SYSTEMD}' is not one of both, host, 257, trixie or the host's version"; exit 2;;
  *) [ "$E2E_SYSTEMD" = "$(host_sdver)" ] \
       || { say "e2e: E2E_SYSTEMD=$E2E_SYSTEMD: the host's systemd is '$(host_sdver)'; the suite boots the host's or 257"; exit 2; }
     SYSTEMS=(host);;
esac

# ------------------------------------------------------------ preflight --
T_SUITE="$(now)"
helpers_selftest || cannot_run "the harness' own helpers do not work (see above)"
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
on_host() { [ "${SYSTEMS[0]}" = host ]; }
if on_host; then [ -x /lib/systemd/systemd ] && command -v systemctl >/dev/null || missing+=(systemd); fi
command -v dbus-daemon >/dev/null || missing+=(dbus)
command -v setpriv >/dev/null && command -v flock >/dev/null || missing+=(util-linux)
command -v ps >/dev/null || missing+=(procps)
command -v curl >/dev/null || missing+=(curl)
command -v python3 >/dev/null || missing+=(python3)
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
if on_host; then
  sdver="$(host_sdver)"
  [ "${sdver:-0}" -ge 252 ] 2>/dev/null || cannot_run "systemd >= 252 needed on the host (found '${sdver:-none}'; E2E_SYSTEMD=257 boots Debian 13's only)"
fi

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
  pg_cleanup
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
  JAR_JETTY="${E2E_JAR_JETTY:-$ROOT/samples/web-sample/target/web-sample-jetty.jar}"
  JAR_NETTY="${E2E_JAR_NETTY:-$ROOT/samples/webflux-sample/target/webflux-sample.jar}"
  if [ -z "${E2E_JAR:-}" ] && [ "${E2E_SKIP_BUILD:-0}" != 1 ]; then
    # A JDK 22+ build puts the java.lang.foreign implementation into the jar too (multi-release):
    # then java 17 runs the JNA path and java 22+ the java.lang.foreign path.
    BUILD_JAVA_HOME="${E2E_BUILD_JAVA_HOME:-}"
    [ -z "$BUILD_JAVA_HOME" ] && [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/javac ] && BUILD_JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
    say "e2e: building the sample: ./mvnw -B -q -DskipTests package -pl samples/web-sample -am (JDK: ${BUILD_JAVA_HOME:-${JAVA_HOME:-default}})"
    t0="$(now)"
    # the jar plugin keeps a jar whose own classes did not change, with the old library in it
    rm -f "$JAR" "$JAR_JETTY" "$JAR_NETTY"
    (cd "$ROOT" && if [ -n "$BUILD_JAVA_HOME" ]; then export JAVA_HOME="$BUILD_JAVA_HOME"; fi \
      && ./mvnw -B -q -DskipTests package -pl samples/web-sample,samples/webflux-sample -am </dev/null \
      && ./mvnw -B -q -DskipTests package -pl samples/web-sample -am -Pjetty </dev/null) \
      || { say "e2e: the Maven build failed"; say "0 passed, 1 failed"; exit 1; }
    say "e2e: built in $(since "$t0") s (the sample on Tomcat and on Jetty, the WebFlux sample on Reactor Netty)"
  fi
  [ -f "$JAR" ] || cannot_run "no jar at $JAR (build it, or set E2E_JAR)"
  APP_SRC="$JAR"
  APP_DEST=web-sample.jar
  APP_CMD="$JAVA $JAVA_OPTS -jar $APP_DIR/web-sample.jar"
  # the other web servers, for the scenarios that run each (app_unit's U_SERVER); a jar
  # that is missing fails those scenarios, it does not skip them
  SERVER_JAR=([jetty]="$JAR_JETTY" [netty]="$JAR_NETTY")
  HOST_APP=("$JAVA" $JAVA_OPTS -jar "$WORK/host/web-sample.jar")
  mkdir -p "$WORK/host" && cp "$JAR" "$WORK/host/web-sample.jar"
fi

# ------------------------------------------------------------ Debian 13 --
TRIXIE_ROOT=""
if [[ " ${SYSTEMS[*]} " == *" trixie "* ]]; then
  t0="$(now)"
  if TRIXIE_ROOT="$(bash "$E2E_DIR/lib/debian-root.sh" trixie 2>"$WORK/root.err")"; then
    sed 's/^/e2e: /' "$WORK/root.err"
    say "e2e: Debian 13 root: $TRIXIE_ROOT (systemd $(awk -F= '$1 == "systemd" { print $2 }' "$TRIXIE_ROOT/.e2e-root"), ready in $(since "$t0") s)"
  else   # the scenarios under 257 then count as one failure; the host's still run
    TRIXIE_ROOT=""
    sed 's/^/    | /' "$WORK/root.err"
    say "e2e: the Debian 13 root file system could not be built (see above)"
  fi
fi

# jdk_binds : the host's JDKs for a sandbox booted from another root, read-only: /usr/lib/jvm
# (and the home of E2E_JAVA when it lives elsewhere), with the /etc directories that the
# Debian JDKs' configuration symlinks point into
jdk_binds() {
  local b="" d home
  home="$(dirname "$(dirname "$JAVA")")"
  [ -d /usr/lib/jvm ] && b="/usr/lib/jvm:/usr/lib/jvm:ro"
  case "$home/" in /usr/lib/jvm/*) ;; *) b="$b $home:$home:ro";; esac
  for d in /etc/java-* /etc/ssl/certs/java; do [ -d "$d" ] && b="$b $d:$d:ro"; done
  printf '%s\n' "$b"
}

# ------------------------------------------------------------ sandbox --
HOST_BINDS="${SANDBOX_BINDS:-}"
# boot SYSTEM : a fresh sandbox with the host's systemd (host) or Debian 13's (trixie), the
# app copied in; sets SD_VERSION. 1 (with the reason printed) when it cannot be used.
boot() {
  local what
  if [ "$1" = trixie ]; then
    [ -n "$TRIXIE_ROOT" ] || { say "e2e: no Debian 13 root file system (its build failed, see above)"; return 1; }
    export SANDBOX_ROOT="$TRIXIE_ROOT" SANDBOX_BINDS="$HOST_BINDS $(jdk_binds)"
    what="Debian 13's systemd"
  else
    unset SANDBOX_ROOT; export SANDBOX_BINDS="$HOST_BINDS"
    what="the host's systemd"
  fi
  say "e2e: booting the systemd sandbox '$SANDBOX_NAME' with $what"
  "$SB" up --fresh >"$WORK/up.out" 2>"$WORK/up.err" || {
    sed 's/^/    | /' "$WORK/up.err"
    say "e2e: the systemd sandbox did not boot (see above)"; return 1
  }
  grep -o 'ready in [0-9.]*s' "$WORK/up.err" | sed 's/^/e2e: sandbox /'
  SD_VERSION="$(sbx systemctl --version | awk 'NR == 1 { print $2 }')"
  sbx test -x "${APP_CMD%% *}" || {
    say "e2e: ${APP_CMD%% *} is not visible inside the sandbox (the host's /usr/lib/jvm and root file system are; set E2E_JAVA)"
    return 1
  }
  # `java` on the PATH inside, as the shipped install.sh expects (a Debian 13 root has none)
  sbx /bin/sh -c 'command -v java >/dev/null' || sbx ln -s "$JAVA" /usr/local/bin/java
  sbx mkdir -p "$APP_DIR"
  "$SB" copy-in "$APP_SRC" "$APP_DIR/$APP_DEST"
  sbx chmod 0755 "$APP_DIR" && sbx chmod 0644 "$APP_DIR/$APP_DEST"
  local server
  for server in "${!SERVER_JAR[@]}"; do
    if [ -f "${SERVER_JAR[$server]}" ]; then
      "$SB" copy-in "${SERVER_JAR[$server]}" "$APP_DIR/$server.jar"
      sbx chmod 0644 "$APP_DIR/$server.jar"
    fi
  done
  say "e2e: app: $APP_CMD"
  say "e2e: systemd $SD_VERSION in the sandbox, $(nproc) cores, scenarios: ${SELECTED[*]}"
}

# ------------------------------------------------------------ scenarios --
SUMMARY=()
first=1
for sys in "${SYSTEMS[@]}"; do
  p0="$NPASS"; f0="$NFAIL"; t_sys="$(now)"
  say ""
  SD_TAG="$sys"; CUR_SYS="$sys"
  if ! boot "$sys"; then
    what="$(systemd_name "$sys")"
    CUR=-; fail "the sandbox with $what could not be used: no scenario ran under it"
    SUMMARY+=("$what: no scenario ran (the sandbox could not be used)")
    first=0; continue
  fi
  SD_TAG="$SD_VERSION"
  for n in "${SELECTED[@]}"; do
    CUR="$n"; CUR_UNIT=""; DIAG_DONE=""
    PORT=$((PORT_BASE + 10 * n))
    say ""
    if [ -n "${SCENARIO_ONE_SYSTEMD[$n]:-}" ] && ! runs_here "${SCENARIO_ONE_SYSTEMD[$n]}"; then
      say "== scenario $n: runs under $(systemd_name "${SCENARIO_ONE_SYSTEMD[$n]}") only: its checks do not depend on the version"
      continue
    fi
    if [ -n "${SCENARIO_OFF_SYSTEMD[$n]:-}" ]; then
      [ "$first" = 1 ] || { say "== scenario $n: runs once, off systemd (see [$n@off] above)"; continue; }
      SD_TAG=off
    fi
    say "== scenario $n on systemd $SD_TAG: ${SCENARIO_TITLE[$n]}"
    t0="$(now)"
    "scenario_$n"
    say "   (scenario $n on systemd $SD_TAG took $(since "$t0") s)"
    SD_TAG="$SD_VERSION"
  done
  SUMMARY+=("systemd $SD_VERSION: $((NPASS - p0)) passed, $((NFAIL - f0)) failed in $(since "$t_sys") s")
  first=0
  if [ "$sys" != "${SYSTEMS[-1]}" ] || [ "${E2E_KEEP:-0}" != 1 ]; then
    "$SB" down --kill >/dev/null 2>&1 || say "e2e: WARNING: sandbox teardown reported a problem"
  fi
done

say ""
for l in "${SUMMARY[@]}"; do say "e2e: $l"; done
say "e2e: total wall time $(since "$T_SUITE") s"
say "$NPASS passed, $NFAIL failed"
[ "$NFAIL" = 0 ]
