#!/usr/bin/env bash
# systemd-sandbox.sh - boot a real systemd (the host's, or the one of another
# root file system given with --root) as PID 1 of a throw-away namespace sandbox, so the end-to-end suite (e2e/run.sh) can run the sample
# application under a real service manager (Type=notify, WatchdogSec=, Restart=, NotifyAccess=,
# .socket activation, FileDescriptorStoreMax=, systemctl/busctl/journalctl).
#
# HOW IT WORKS
#   up: a detached `unshare --mount --pid --uts --ipc --fork --kill-child`
#   starts stage 1 as PID 1 of a new PID namespace.  Stage 1 moves itself into
#   a dedicated cgroup-v2 group (<cgroup2 mount>/systemd-sandbox-<name>) and
#   enters a new cgroup namespace rooted there (stage 2).  Stage 2, still PID 1
#   and in a private mount namespace, builds the root file system:
#     * tmpfs (private to the namespace) holding upper/ work/ merged/
#     * overlayfs  lowerdir=/  upperdir=tmpfs  ->  merged/  (copy-on-write view
#       of the host root: every write, delete, tmpfiles run ... stays in RAM);
#       with --root DIR the lower layer is DIR instead of / (for example a
#       Debian root file system built by debootstrap, to boot the systemd of
#       another release); DIR itself is never written to
#     * fresh tmpfs on /tmp /var/tmp /run, minimal tmpfs /dev (null zero full
#       random urandom tty, console -> null, own devpts instance, shm)
#     * fresh procfs for the new PID namespace; /proc/sys, /proc/sysrq-trigger,
#       /proc/irq, /proc/bus read-only; sysfs read-only; cgroup2 (namespaced,
#       rw) on /sys/fs/cgroup -> systemd runs in pure "unified" mode
#     * optional host bind mounts (--bind SRC[:DST[:ro]])
#     * sandbox configuration written into the overlay only: host "enable"
#       symlinks (/etc/systemd/system/*.wants) removed, all generators masked,
#       units that touch host-global state masked (sysctl, binfmt, modules,
#       timesyncd, networkd, udev, random-seed, audit, getty ...), journald
#       volatile + no rate limit, DefaultTimeoutStopSec=10s, DefaultLimitCORE=0,
#       default.target -> sandbox.target (= basic.target + dbus.service
#       + systemd-user-sessions.service, which removes /run/nologin)
#   then pivot_root(2)s into merged/, makes every mount in it shared (as
#   systemd-nspawn does: systemd mounts the credentials of LoadCredential= in
#   a child mount namespace, and they reach /run/credentials/UNIT only by
#   propagation) and execs /lib/systemd/systemd (of the new root) with
#   container=systemd-sandbox in its environment and a reduced capability
#   bounding set (no CAP_SYS_MODULE, SYS_TIME, NET_ADMIN, SYS_RAWIO, SYSLOG,
#   AUDIT_*, MAC_*, BPF, PERFMON ...).  The network namespace is SHARED with
#   the host on purpose: a .socket unit listening on 127.0.0.1:PORT inside is
#   reachable from the host.  Nothing that systemd does inside can write to
#   the host's files (except through --bind mounts you ask for).
#   Only the host's ROOT file system (or the --root DIR) is visible
#   (copy-on-write) inside; other
#   host mounts (e.g. a separate /home or workspace file system) show up as
#   empty directories unless you --bind them.  Files the host changes under
#   / while the sandbox runs are usually, but not reliably, visible inside
#   (overlayfs does not support changing the lower layer): put build outputs
#   into the sandbox with `copy-in` or --bind their directory.
#   The host PID 1 is never contacted; the only host-side objects are the
#   state dir (/run/systemd-sandbox/<name>: state, launcher.pid, launcher.log,
#   an empty rootfs/ mount point) and the cgroup directory, both removed by
#   `down`.
#
# REQUIREMENTS
#   root; Linux with overlayfs (checked via /proc/filesystems, `modprobe
#   overlay` tried), cgroup2 mounted somewhere (pure v2 or hybrid, e.g.
#   /sys/fs/cgroup/unified), PID/mount/cgroup/UTS/IPC namespaces.
#   Debian packages (installed with apt-get if missing): systemd (>= 252; the
#   real /lib/systemd/systemd), util-linux (unshare nsenter setpriv
#   pivot_root flock setsid), mount, dbus (for busctl), procps.
#   The host does NOT need to run systemd.
#
# USAGE
#   systemd-sandbox.sh [--name N] [--root DIR] [--bind SRC[:DST[:ro]]]... COMMAND [ARGS]
#     up [--fresh]       boot (no-op if already up; --fresh: kill and reboot
#                        a running one), wait until
#                        `systemctl is-system-running` says running/degraded,
#                        print the host PID of the sandbox's systemd on stdout
#     exec [-e K=V]... [--] CMD...
#                        run CMD inside (all namespaces except net/user,
#                        clean env: PATH HOME LANG TERM SYSTEMD_PAGER=)
#     shell              interactive bash inside
#     install-unit [--no-reload] FILE...
#                        copy unit files into /etc/systemd/system/ of the
#                        sandbox (a file inside a directory named *.d, e.g.
#                        foo.service.d/x.conf, goes to .../foo.service.d/) and
#                        `systemctl daemon-reload`
#     copy-in SRC DST    copy a host file into the sandbox (keeps mode)
#     journal [ARGS]     journalctl --no-pager ARGS inside
#     pid                print the PID (exit 1 if not up)
#     status             human readable state
#     down [--kill]      stop: SIGRTMIN+4 (clean poweroff, falls back to
#                        SIGKILL after $SANDBOX_STOP_TIMEOUT s) or, with --kill,
#                        SIGKILL to the sandbox PID 1 right away; then verify
#                        nothing is left and remove cgroup + state dir.
#                        Idempotent (no-op when nothing is up).
#   --root DIR (or SANDBOX_ROOT): boot DIR's /lib/systemd/systemd on an overlay
#   of DIR instead of the host's root (used by `up`; DIR needs systemd, dbus,
#   util-linux, procps; the host then needs no systemd).
#   Environment: SANDBOX_NAME (default "default"), SANDBOX_BINDS
#   (space-separated SRC[:DST[:ro]]), SANDBOX_BOOT_TIMEOUT (90),
#   SANDBOX_STOP_TIMEOUT (15), SANDBOX_TMPFS_SIZE (4g, overlay upper),
#   SANDBOX_STATE_BASE (/run/systemd-sandbox), SANDBOX_KEEP_ALL_CAPS=1,
#   SANDBOX_CAPS_ADD (e.g. "net_admin": needed if units use PrivateNetwork=
#   and want their private loopback up; it also lets units reconfigure the
#   host's network, which is shared), SANDBOX_DEBUG=1 (trace stage 1/2 into
#   $STATE/launcher.log),
#   SANDBOX_KEEP_ON_FAILURE=1 (don't tear down when `up` fails),
#   SANDBOX_NO_INSTALL=1 (never run apt-get).
#
# PITFALLS HANDLED
#   * sharing the host's root fs lets systemd-tmpfiles --remove wipe the
#     host's /tmp: the root is an overlay with a tmpfs upper layer and /tmp,
#     /var/tmp, /run are fresh tmpfs instances.
#   * host "enabled" units (postgresql, cron timers, getty, fstrim ...) are not
#     started: *.wants symlinks are removed in the overlay, generators masked
#     (the sysv/postgresql generators would otherwise create units).
#   * host-global kernel state: /proc/sys and /sys are read-only, sysctl,
#     binfmt, modules-load, timesyncd, random-seed, journald-audit masked,
#     CAP_SYS_TIME/SYS_MODULE/NET_ADMIN/AUDIT_* dropped.
#   * a reused PID is never signalled: the PID's start time and PID-namespace
#     inode recorded at `up` are re-checked before every kill.
#   * the sandbox processes live in their own cgroup-v2 group (never in the
#     host's root cgroup), which is emptied and removed by `down`.
#   * `unshare --kill-child`: if the launcher dies, the whole sandbox dies.
#   * bind mounts are only mounted inside the sandbox mount namespace.
#     systemd-tmpfiles never descends into mount points, but do not bind host
#     directories that the sandbox's tmpfiles.d rules manage (/tmp, /run ...)
#     onto the same paths unless you want them shared.
set -euo pipefail

SELF="$(readlink -f "${BASH_SOURCE[0]}")"
NAME="${SANDBOX_NAME:-default}"
STATE_BASE="${SANDBOX_STATE_BASE:-/run/systemd-sandbox}"
BOOT_TIMEOUT="${SANDBOX_BOOT_TIMEOUT:-90}"
STOP_TIMEOUT="${SANDBOX_STOP_TIMEOUT:-15}"
TMPFS_SIZE="${SANDBOX_TMPFS_SIZE:-4g}"
BINDS="${SANDBOX_BINDS:-}"
LOWER="${SANDBOX_ROOT:-/}"
SYSTEMD_BIN=/lib/systemd/systemd
SANE_PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
# capability bounding set for the sandbox (close to systemd-nspawn's default,
# minus AUDIT_*; NET_ADMIN is not granted because the network is shared)
KEEP_CAPS="chown,dac_override,dac_read_search,fowner,fsetid,ipc_lock,ipc_owner,kill,lease,linux_immutable,mknod,net_bind_service,net_broadcast,net_raw,setfcap,setgid,setpcap,setuid,sys_admin,sys_boot,sys_chroot,sys_nice,sys_ptrace,sys_resource,sys_tty_config"
# units masked inside the sandbox (touch host-global state, are slow, or are
# pointless in a container); masking a unit that does not exist is harmless.
MASK_UNITS="
getty@.service serial-getty@.service console-getty.service container-getty@.service
autovt@.service getty-static.service
systemd-timesyncd.service systemd-networkd.service systemd-networkd.socket
systemd-networkd-wait-online.service systemd-resolved.service
systemd-udevd.service systemd-udevd-control.socket systemd-udevd-kernel.socket
systemd-udev-trigger.service systemd-udev-settle.service systemd-hwdb-update.service
systemd-sysctl.service systemd-modules-load.service kmod-static-nodes.service
systemd-binfmt.service proc-sys-fs-binfmt_misc.automount proc-sys-fs-binfmt_misc.mount
sys-fs-fuse-connections.mount sys-kernel-config.mount sys-kernel-debug.mount
sys-kernel-tracing.mount dev-hugepages.mount
systemd-firstboot.service systemd-machine-id-commit.service systemd-random-seed.service
systemd-repart.service systemd-pstore.service systemd-pcrphase.service
systemd-pcrphase-sysinit.service systemd-pcrphase-initrd.service
systemd-journald-audit.socket systemd-remount-fs.service systemd-fsck-root.service
systemd-fsck@.service systemd-boot-update.service systemd-quotacheck.service
ldconfig.service systemd-update-done.service systemd-journal-catalog-update.service
systemd-tmpfiles-clean.timer systemd-tmpfiles-clean.service
systemd-backlight@.service systemd-rfkill.service systemd-rfkill.socket
e2scrub_reap.service e2scrub_all.timer fstrim.timer apt-daily.timer
apt-daily-upgrade.timer man-db.timer dpkg-db-backup.timer logrotate.timer
"

log()  { printf 'systemd-sandbox[%s]: %s\n' "$NAME" "$*" >&2; }
die()  { log "ERROR: $*"; exit 1; }
now()  { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN{printf "%.2f", b-a}'; }

# ----------------------------------------------------------------- helpers --
validate_name() {
  [[ "$NAME" =~ ^[A-Za-z0-9_.-]{1,40}$ && "$NAME" != "." && "$NAME" != ".." ]] \
    || die "invalid sandbox name '$NAME' (allowed: [A-Za-z0-9_.-]{1,40})"
  [[ "$STATE_BASE" =~ ^/[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*$ ]] \
    || die "SANDBOX_STATE_BASE must be an absolute path below / (got '$STATE_BASE')"
  STATE="$STATE_BASE/$NAME"
}

need_root() { [ "$(id -u)" = 0 ] || die "must run as root"; }

ensure_deps() {
  local pkgs=() b
  if [ "$LOWER" = / ]; then
    [ -x "$SYSTEMD_BIN" ] && command -v systemctl >/dev/null && command -v systemd-notify >/dev/null \
      || pkgs+=(systemd)
  fi
  for b in unshare nsenter setpriv pivot_root flock setsid; do
    command -v "$b" >/dev/null || { pkgs+=(util-linux); break; }
  done
  command -v mount >/dev/null && command -v umount >/dev/null && command -v mountpoint >/dev/null \
    || pkgs+=(mount)
  if [ "$LOWER" = / ]; then
    command -v dbus-daemon >/dev/null || pkgs+=(dbus)
    command -v ps >/dev/null || pkgs+=(procps)
  fi
  [ ${#pkgs[@]} -eq 0 ] && return 0
  [ "${SANDBOX_NO_INSTALL:-0}" = 1 ] && die "missing packages: ${pkgs[*]} (SANDBOX_NO_INSTALL=1)"
  command -v apt-get >/dev/null || die "missing packages: ${pkgs[*]} and no apt-get"
  log "installing missing Debian packages: ${pkgs[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2 || log "apt-get update failed (continuing)"
  apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >&2 || die "apt-get install ${pkgs[*]} failed"
}

cg2_mountpoint() {  # first cgroup2 mount of the host
  awk '{ for (i = 7; i <= NF; i++) if ($i == "-") { if ($(i+1) == "cgroup2") { print $5; exit } break } }' /proc/self/mountinfo
}

check_kernel() {
  if ! grep -qw overlay /proc/filesystems; then
    modprobe overlay 2>/dev/null || true
    grep -qw overlay /proc/filesystems || die "overlayfs not available (grep overlay /proc/filesystems)"
  fi
  [ -e /proc/self/ns/cgroup ] || die "kernel without cgroup namespaces"
  CG2="$(cg2_mountpoint)"
  [ -n "$CG2" ] || die "no cgroup2 file system mounted on the host (need pure v2 or hybrid)"
  [[ "$LOWER" == /* && -d "$LOWER" && "$LOWER" != *[,:]* ]] \
    || die "--root must be an existing absolute directory without ',' or ':' (got '$LOWER')"
  [ -x "${LOWER%/}$SYSTEMD_BIN" ] || die "${LOWER%/}$SYSTEMD_BIN not found"
}

proc_starttime() {  # field 22 of /proc/PID/stat (comm may contain spaces);
  local s                # fails for zombies (dead, only waiting to be reaped)
  s="$(cat "/proc/$1/stat" 2>/dev/null)" || return 1
  s="${s##*) }"; set -- $s
  case "$1" in Z|X|x) return 1;; esac
  echo "${20}"
}

read_state() {  # sets PID PIDNS MNTNS START LAUNCHER LSTART CGDIR; 1 if no state
  [ -f "$STATE/state" ] || return 1
  PID='' PIDNS='' MNTNS='' START='' LAUNCHER='' LSTART='' CGDIR=''
  local k v
  while IFS='=' read -r k v; do
    case "$k" in
      PID|PIDNS|MNTNS|START|LAUNCHER|LSTART|CGDIR) printf -v "$k" '%s' "$v";;
    esac
  done <"$STATE/state"
  [[ "$PID" =~ ^[0-9]+$ && "$LAUNCHER" =~ ^[0-9]+$ ]] || return 1
}

pid_is_ours() {  # the recorded sandbox PID 1 is still the same process
  [ -n "${PID:-}" ] && [ -d "/proc/$PID" ] || return 1
  [ "$(proc_starttime "$PID" || true)" = "$START" ] || return 1
  [ "$(readlink "/proc/$PID/ns/pid" 2>/dev/null)" = "$PIDNS" ] || return 1
}

launcher_is_ours() {
  [ -n "${LAUNCHER:-}" ] && [ -d "/proc/$LAUNCHER" ] || return 1
  [ "$(proc_starttime "$LAUNCHER" || true)" = "$LSTART" ] || return 1
}

ns_members() {  # PIDs of host processes in the recorded pid or mount namespace
  local pi="${PIDNS//[^0-9]/}" mi="${MNTNS//[^0-9]/}"
  [ -n "$pi$mi" ] || return 0
  stat -L -c '%n %i' /proc/[0-9]*/ns/pid /proc/[0-9]*/ns/mnt 2>/dev/null |
    awk -v pi="${pi:-x}" -v mi="${mi:-x}" '
      ($1 ~ /\/ns\/pid$/ && $2 == pi) || ($1 ~ /\/ns\/mnt$/ && $2 == mi) {
        split($1, a, "/"); if (!seen[a[3]]++) print a[3] }'
}

lock() {  # serialise up/down of all sandboxes (lock on this script file)
  exec 9<"$SELF"
  flock -w 120 9 || die "could not get lock on $SELF"
}

sb_env=()
sb_nsenter() {  # run "$@" inside the sandbox
  nsenter --target "$PID" --mount --uts --ipc --pid --cgroup --root --wd -- \
    /usr/bin/env -i PATH="$SANE_PATH" HOME=/root LANG=C.UTF-8 TERM="${TERM:-dumb}" \
    SYSTEMD_PAGER= SYSTEMD_COLORS=0 "${sb_env[@]}" "$@"
}

require_up() {
  read_state && pid_is_ours || die "sandbox '$NAME' is not up (run: $0 up)"
}

# -------------------------------------------------------------------- up --
cmd_up() {
  local fresh=0
  [ "${1:-}" = --fresh ] && fresh=1
  need_root; ensure_deps; check_kernel
  lock
  if [ "$fresh" = 1 ] && read_state && pid_is_ours; then
    log "--fresh: tearing down the running sandbox (pid $PID) first"
    do_down 1
  fi
  if read_state && pid_is_ours; then
    log "already up (pid $PID)"
    wait_ready || die "sandbox is up but not ready"
    echo "$PID"; return 0
  fi
  local spec src dst
  for spec in $BINDS; do
    IFS=: read -r src dst _ <<<"$spec"
    [[ "$src" == /* && "${dst:-/}" == /* ]] || die "--bind needs absolute paths: '$spec'"
    [ -e "$src" ] || die "--bind source does not exist: $src"
  done
  cleanup_state quiet
  mkdir -p "$STATE/rootfs"
  chmod 700 "$STATE_BASE" "$STATE" 2>/dev/null || true
  CGDIR="$CG2/systemd-sandbox-$NAME"
  [ -d "$CGDIR" ] && { find "$CGDIR" -depth -type d -exec rmdir {} + 2>/dev/null || true; }
  [ -d "$CGDIR" ] && die "stale cgroup $CGDIR still has processes; run: $0 down"
  mkdir "$CGDIR"
  : >"$STATE/launcher.log"

  local t0; t0="$(now)"
  # the launcher writes its own PID (robust even if setsid has to fork)
  setsid /bin/bash -c 'echo $$ >"$1"; shift; exec "$@"' launcher "$STATE/launcher.pid" \
    /usr/bin/env -i PATH="$SANE_PATH" \
      SB_NAME="$NAME" SB_STATE="$STATE" SB_CGDIR="$CGDIR" SB_TMPFS_SIZE="$TMPFS_SIZE" \
      SB_BINDS="$BINDS" SB_LOWER="$LOWER" SB_KEEP_ALL_CAPS="${SANDBOX_KEEP_ALL_CAPS:-0}" \
      SB_KEEP_CAPS="$KEEP_CAPS${SANDBOX_CAPS_ADD:+,$SANDBOX_CAPS_ADD}" SB_MASK_UNITS="$MASK_UNITS" SB_DEBUG="${SANDBOX_DEBUG:-0}" \
    unshare --mount --pid --uts --ipc --fork --kill-child --propagation private \
      -- /bin/bash "$SELF" __stage1 </dev/null >>"$STATE/launcher.log" 2>&1 9<&- &
  local _ child='' bgpid=$!
  LAUNCHER=
  for _ in $(seq 1 200); do
    LAUNCHER="$(cat "$STATE/launcher.pid" 2>/dev/null)" || true
    [[ "$LAUNCHER" =~ ^[0-9]+$ ]] && break
    kill -0 "$bgpid" 2>/dev/null || [ -s "$STATE/launcher.pid" ] || break
    sleep 0.02
  done
  [[ "$LAUNCHER" =~ ^[0-9]+$ ]] || { cat "$STATE/launcher.log" >&2; cleanup_state quiet; die "launcher did not start"; }
  LSTART="$(proc_starttime "$LAUNCHER" || true)"
  # the sandbox PID 1 is the only child of the launcher (unshare --fork)
  for _ in $(seq 1 200); do
    if [ -r "/proc/$LAUNCHER/task/$LAUNCHER/children" ]; then
      child="$(awk '{print $1}' "/proc/$LAUNCHER/task/$LAUNCHER/children" 2>/dev/null)" || true
    else
      child="$(ps -o pid= --ppid "$LAUNCHER" 2>/dev/null | awk 'NR==1{print $1}')" || true
    fi
    [ -n "$child" ] && break
    [ -d "/proc/$LAUNCHER" ] || break
    sleep 0.02
  done
  [ -n "$child" ] || { cat "$STATE/launcher.log" >&2; cleanup_state quiet; die "launcher failed"; }
  PID="$child"
  START="$(proc_starttime "$PID")"
  PIDNS="$(readlink "/proc/$PID/ns/pid")"
  MNTNS="$(readlink "/proc/$PID/ns/mnt")"   # created by unshare before the fork: final
  [ "$PIDNS" != "$(readlink /proc/self/ns/pid)" ] || die "child not in a new pid namespace"
  printf 'PID=%s\nSTART=%s\nPIDNS=%s\nMNTNS=%s\nLAUNCHER=%s\nLSTART=%s\nCGDIR=%s\n' \
    "$PID" "$START" "$PIDNS" "$MNTNS" "$LAUNCHER" "$LSTART" "$CGDIR" >"$STATE/state.tmp"
  mv "$STATE/state.tmp" "$STATE/state"

  if ! wait_ready; then
    log "boot failed; launcher log:"; sed 's/^/  | /' "$STATE/launcher.log" >&2 || true
    if pid_is_ours && [ -d "/proc/$PID/root/run/systemd/system" ]; then
      log "journal (last 60 lines):"
      sb_nsenter journalctl --no-pager -n 60 2>&1 | sed 's/^/  | /' >&2 || true
      sb_nsenter systemctl --no-pager --failed 2>&1 | sed 's/^/  | /' >&2 || true
    fi
    if [ "${SANDBOX_KEEP_ON_FAILURE:-0}" != 1 ]; then do_down 1; fi
    die "sandbox did not become ready (timeout ${BOOT_TIMEOUT}s; see above)"
  fi
  log "ready in $(elapsed "$t0")s (systemd pid $PID on the host; $(cat "$STATE/ready-state"))"
  echo "$PID"
}

wait_ready() {
  local deadline st
  deadline=$(( $(date +%s) + BOOT_TIMEOUT ))
  while :; do
    pid_is_ours || { log "sandbox PID 1 died during boot"; return 1; }
    st="$(sb_nsenter systemctl is-system-running 2>/dev/null)" || true
    case "$st" in
      running) echo "$st" >"$STATE/ready-state"; return 0;;
      degraded)
        echo "$st" >"$STATE/ready-state"
        log "WARNING: system is degraded; failed units:"
        sb_nsenter systemctl --no-pager --no-legend --failed >&2 || true
        return 0;;
      maintenance|stopping)
        log "system state is '$st'"; return 1;;
      # "offline": /run/systemd/system not there yet (stage 2 still running);
      # "initializing"/"starting"/"": still booting
    esac
    [ "$(date +%s)" -lt "$deadline" ] || { log "timeout, last state '${st:-<no answer>}'"; return 1; }
    sleep 0.1
  done
}

# -------------------------------------------------- inside the namespaces --
stage1() {
  # PID 1 of the new PID ns, private mount/UTS/IPC ns, still the host cgroup
  # ns: join the sandbox cgroup, then get a cgroup namespace rooted there.
  echo 0 >"$SB_CGDIR/cgroup.procs"
  exec unshare --cgroup -- /bin/bash "$SELF" __stage2
}

stage2() {
  set -euo pipefail
  local R="$SB_STATE/rootfs" M E u g spec src dst mode
  M="$R/merged"; E="$M/etc/systemd/system"
  [ "$$" = 1 ] || { echo "stage2: not PID 1" >&2; exit 1; }
  [ "${SB_DEBUG:-0}" = 1 ] && set -x
  echo "sandbox-$SB_NAME" >/proc/sys/kernel/hostname   # our own UTS namespace
  # private tmpfs holding the overlay's upper and work directories
  mount -t tmpfs -o "mode=755,size=$SB_TMPFS_SIZE" systemd-sandbox "$R"
  mkdir -p "$R/upper" "$R/work" "$M"
  mount -t overlay -o "lowerdir=$SB_LOWER,upperdir=$R/upper,workdir=$R/work" systemd-sandbox-root "$M"
  # SAFETY: never modify anything below unless $M really is our overlay
  [ "$(stat -f -c %T "$M")" = overlayfs ] || { echo "stage2: $M is not an overlay" >&2; exit 1; }
  mountpoint -q "$M" || { echo "stage2: $M not a mount point" >&2; exit 1; }

  # API file systems
  mount -t proc -o nosuid,nodev,noexec proc "$M/proc"
  for u in sys sysrq-trigger irq bus; do
    [ -e "$M/proc/$u" ] || continue
    mount --bind "$M/proc/$u" "$M/proc/$u"
    mount -o remount,bind,ro,nosuid,nodev,noexec "$M/proc/$u"
  done
  mount -t sysfs -o ro,nosuid,nodev,noexec sysfs "$M/sys"
  mount -t cgroup2 -o nosuid,nodev,noexec cgroup2 "$M/sys/fs/cgroup"
  mount -t tmpfs -o mode=755,nosuid,size=64m,nr_inodes=64k dev "$M/dev"
  mknod -m 666 "$M/dev/null" c 1 3
  mknod -m 666 "$M/dev/zero" c 1 5
  mknod -m 666 "$M/dev/full" c 1 7
  mknod -m 666 "$M/dev/random" c 1 8
  mknod -m 666 "$M/dev/urandom" c 1 9
  mknod -m 666 "$M/dev/tty" c 5 0
  mknod -m 600 "$M/dev/console" c 1 3      # console output is discarded
  mkdir -m 755 "$M/dev/pts" "$M/dev/mqueue"
  mkdir -m 1777 "$M/dev/shm"
  mount -t devpts -o newinstance,ptmxmode=0666,mode=620,gid=5,nosuid,noexec devpts "$M/dev/pts"
  ln -s pts/ptmx "$M/dev/ptmx"
  mount -t tmpfs -o mode=1777,nosuid,nodev shm "$M/dev/shm"
  ln -s /proc/self/fd "$M/dev/fd"
  ln -s /proc/self/fd/0 "$M/dev/stdin"
  ln -s /proc/self/fd/1 "$M/dev/stdout"
  ln -s /proc/self/fd/2 "$M/dev/stderr"
  mount -t tmpfs -o mode=755,nosuid,nodev,size=1g run "$M/run"
  mount -t tmpfs -o mode=1777,nosuid,nodev,size=2g tmp "$M/tmp"
  mount -t tmpfs -o mode=1777,nosuid,nodev,size=2g vartmp "$M/var/tmp"

  # optional host bind mounts (only visible in this mount namespace)
  for spec in $SB_BINDS; do
    IFS=: read -r src dst mode <<<"$spec"
    dst="${dst:-$src}"
    if [ -d "$src" ]; then mkdir -p "$M$dst"; else mkdir -p "$(dirname "$M$dst")"; touch "$M$dst"; fi
    mount --rbind "$src" "$M$dst"
    [ "${mode:-}" = ro ] && mount -o remount,bind,ro "$M$dst"
  done

  # sandbox configuration (written to the overlay's tmpfs upper layer only)
  rm -rf "$E"/*.wants "$E"/*.requires "$E"/*.upholds "$E/default.target"
  for u in $SB_MASK_UNITS; do rm -rf "${E:?}/$u"; ln -s /dev/null "$E/$u"; done
  mkdir -p "$M/etc/systemd/system-generators"
  for g in "$M"/lib/systemd/system-generators/* "$M"/usr/local/lib/systemd/system-generators/* \
           "$M"/etc/systemd/system-generators/*; do
    [ -e "$g" ] || [ -L "$g" ] || continue
    ln -sfn /dev/null "$M/etc/systemd/system-generators/${g##*/}"
  done
  cat >"$E/sandbox.target" <<'EOF'
[Unit]
Description=systemd-sandbox is ready
Requires=basic.target
Wants=dbus.service systemd-user-sessions.service
After=basic.target dbus.service systemd-user-sessions.service
AllowIsolate=yes
EOF
  ln -sfn sandbox.target "$E/default.target"
  mkdir -p "$M/etc/systemd/system.conf.d" "$M/etc/systemd/journald.conf.d"
  cat >"$M/etc/systemd/system.conf.d/zz-sandbox.conf" <<'EOF'
[Manager]
ShowStatus=no
LogColor=no
DefaultTimeoutStopSec=10s
DefaultLimitCORE=0
EOF
  cat >"$M/etc/systemd/journald.conf.d/zz-sandbox.conf" <<'EOF'
[Journal]
Storage=volatile
RateLimitIntervalSec=0
ForwardToSyslog=no
ForwardToKMsg=no
ForwardToConsole=no
ForwardToWall=no
EOF
  tr -d '-' </proc/sys/kernel/random/uuid >"$M/etc/machine-id"
  echo "sandbox-$SB_NAME" >"$M/etc/hostname"

  # switch root; the old root is detached from this mount namespace
  mkdir -p "$M/.sandbox-oldroot"
  cd "$M"
  pivot_root . .sandbox-oldroot
  cd /
  umount -l /.sandbox-oldroot
  rmdir /.sandbox-oldroot
  # shared propagation inside, as systemd-nspawn arranges (unshare made every mount private
  # towards the host, so the peer groups formed here are the sandbox's own): mounts that a
  # service's helper makes in a child namespace must propagate back, e.g. the credentials
  # that systemd moves to /run/credentials/UNIT for LoadCredential=
  mount --make-rshared /
  local bset="-all,+${SB_KEEP_CAPS//,/,+}"
  [ "$SB_KEEP_ALL_CAPS" = 1 ] && bset="+all"
  exec /usr/bin/env -i container=systemd-sandbox PATH="$SANE_PATH" \
    /usr/bin/setpriv --bounding-set "$bset" -- /lib/systemd/systemd
}

# ------------------------------------------------------------------ down --
cleanup_state() {  # remove cgroup + state dir of a sandbox that is not running
  local quiet="${1:-}" cg2
  read_state || true
  if [ -z "${CGDIR:-}" ] && cg2="$(cg2_mountpoint)" && [ -n "$cg2" ]; then
    CGDIR="$cg2/systemd-sandbox-$NAME"
  fi
  if [ -n "${CGDIR:-}" ] && [ -d "$CGDIR" ]; then
    find "$CGDIR" -depth -type d -exec rmdir {} + 2>/dev/null || true
    [ -d "$CGDIR" ] && log "WARNING: could not remove cgroup $CGDIR"
  fi
  if [ -d "$STATE" ]; then
    if grep -qF " $STATE/" /proc/self/mountinfo; then
      log "WARNING: something is mounted below $STATE on the host; not removing it"
    else  # only the files `up` creates; no rm -rf
      rm -f -- "$STATE/state" "$STATE/state.tmp" "$STATE/ready-state" \
               "$STATE/launcher.log" "$STATE/launcher.pid"
      rmdir -- "$STATE/rootfs" 2>/dev/null || true
      rmdir -- "$STATE" 2>/dev/null || log "WARNING: $STATE not empty, left in place"
    fi
  fi
  rmdir "$STATE_BASE" 2>/dev/null || true
  [ -n "$quiet" ] || true
}

wait_gone() {  # wait_gone SECONDS CHECK-FUNCTION
  local n=$(( $1 * 20 ))
  while [ "$n" -gt 0 ]; do "$2" || return 0; sleep 0.05; n=$((n - 1)); done
  return 1
}

do_down() {
  local force="${1:-0}" p left=0
  read_state || { cleanup_state quiet; return 0; }
  if pid_is_ours; then
    if [ "$force" != 1 ]; then
      kill -s RTMIN+4 "$PID" 2>/dev/null || true          # orderly poweroff
      wait_gone "$STOP_TIMEOUT" pid_is_ours || log "no clean poweroff in ${STOP_TIMEOUT}s, sending SIGKILL"
    fi
    if pid_is_ours; then
      kill -s KILL "$PID" 2>/dev/null || true
      wait_gone 10 pid_is_ours || die "pid $PID did not die"
    fi
  fi
  if launcher_is_ours; then
    wait_gone 5 launcher_is_ours || { kill -s KILL "$LAUNCHER" 2>/dev/null || true; wait_gone 5 launcher_is_ours || true; }
  fi
  # the kernel kills every process of a PID namespace when its PID 1 dies;
  # verify, and report holders of the sandbox mount namespace
  for p in $(ns_members); do log "leftover process $p in the sandbox pid/mount namespace"; left=1; done
  if [ -n "${CGDIR:-}" ] && [ -f "$CGDIR/cgroup.procs" ]; then
    if [ -n "$(find "$CGDIR" -name cgroup.procs -exec cat {} + 2>/dev/null)" ]; then
      log "processes left in $CGDIR; killing via cgroup.kill"
      [ -f "$CGDIR/cgroup.kill" ] && echo 1 >"$CGDIR/cgroup.kill"
      sleep 0.5
    fi
  fi
  cleanup_state
  [ "$left" = 0 ] || log "WARNING: leftovers reported above"
  return 0
}

cmd_down() {
  local force=0
  [ "${1:-}" = --kill ] && force=1
  need_root; lock
  if read_state && pid_is_ours; then
    local t0; t0="$(now)"
    do_down "$force"
    log "down in $(elapsed "$t0")s"
  else
    do_down "$force"
    log "not running (state cleaned)"
  fi
}

# --------------------------------------------------------------- others --
cmd_exec() {
  need_root
  sb_env=()
  while [ $# -gt 0 ]; do
    case "$1" in
      -e|--env) sb_env+=("$2"); shift 2;;
      --) shift; break;;
      *) break;;
    esac
  done
  [ $# -gt 0 ] || die "usage: exec [-e K=V]... -- CMD [ARGS]"
  require_up
  sb_nsenter "$@"
}

cmd_install_unit() {
  local reload=1 f
  [ "${1:-}" = --no-reload ] && { reload=0; shift; }
  [ $# -gt 0 ] || die "usage: install-unit [--no-reload] FILE..."
  need_root; require_up
  for f in "$@"; do
    [ -f "$f" ] || die "no such file: $f"
    local base="${f##*/}" dir="" parent
    parent="$(basename "$(dirname "$(readlink -f "$f")")")"
    case "$parent" in *.d) dir="$parent";; esac     # drop-in: foo.service.d/x.conf
    sb_nsenter /bin/sh -c 'umask 022; d="/etc/systemd/system${2:+/$2}"; mkdir -p "$d" &&
      cat >"$d/.$1.tmp" && mv -f "$d/.$1.tmp" "$d/$1"' sh "$base" "$dir" <"$f"
  done
  [ "$reload" = 1 ] && sb_nsenter systemctl daemon-reload
  return 0
}

cmd_copy_in() {
  [ $# -eq 2 ] || die "usage: copy-in SRC DST"
  local src="$1" dst="$2" m
  need_root; require_up
  [ -f "$src" ] || die "no such file: $src"
  m="$(stat -c %a "$src")"
  sb_nsenter /bin/sh -c 'mkdir -p "$(dirname "$1")" && cat >"$1" && chmod "$2" "$1"' sh "$dst" "$m" <"$src"
}

cmd_status() {
  if read_state && pid_is_ours; then
    echo "sandbox '$NAME': up, pid $PID (launcher $LAUNCHER), cgroup $CGDIR"
    echo "system state: $(sb_nsenter systemctl is-system-running 2>/dev/null || true)"
  else
    echo "sandbox '$NAME': down"; return 1
  fi
}

usage() { sed -n '2,/^set -euo/p' "$SELF" | sed '$d; s/^# \{0,1\}//'; }

main() {
  while [ $# -gt 0 ]; do
    case "$1" in
      --name) NAME="$2"; shift 2;;
      --name=*) NAME="${1#*=}"; shift;;
      --bind) BINDS="$BINDS $2"; shift 2;;
      --bind=*) BINDS="$BINDS ${1#*=}"; shift;;
      --root) LOWER="$2"; shift 2;;
      --root=*) LOWER="${1#*=}"; shift;;
      *) break;;
    esac
  done
  local cmd="${1:-help}"; shift || true
  case "$cmd" in
    __stage1) stage1;;
    __stage2) stage2;;
  esac
  validate_name
  case "$cmd" in
    up) cmd_up "$@";;
    down) cmd_down "$@";;
    exec) cmd_exec "$@";;
    shell) cmd_exec -- /bin/bash -l;;
    install-unit) cmd_install_unit "$@";;
    copy-in) cmd_copy_in "$@";;
    journal) cmd_exec -- journalctl --no-pager "$@";;
    pid) require_up; echo "$PID";;
    status) cmd_status;;
    help|-h|--help) usage;;
    *) usage >&2; exit 2;;
  esac
}

main "$@"
