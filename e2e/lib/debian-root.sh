#!/usr/bin/env bash
# debian-root.sh - a Debian root file system for the e2e sandbox, built from Debian's
# packages with debootstrap and cached, so that the suite can boot the systemd of another
# Debian release than the host's (Debian 13 "trixie": systemd 257).
#
#   e2e/lib/debian-root.sh [SUITE]     print the root's directory on stdout; build it
#                                      first when it is not in the cache (default: trixie)
#
# The root holds only what the sandbox and the scenarios run inside: systemd, dbus,
# util-linux, procps, curl, passwd (minbase variant). The JDKs are not in it: e2e/run.sh
# binds the host's /usr/lib/jvm into the sandbox (read-only). The root is never written
# to after the build: systemd-sandbox.sh --root uses it as the lower layer of an overlay.
#
# Cache: $E2E_ROOT_CACHE (default /var/cache/systemd-spring-boot-starter-e2e), one directory
# debian-SUITE-HASH per root, HASH taken over the suite, the mirror, the package list and
# the recipe version below, so that a change to any of them builds a new root (older roots
# of the same suite are then removed). A build is made in a temporary directory and moved
# into place only when complete; concurrent callers wait for it (flock). A fresh machine
# builds it once (about 1-3 minutes, mostly downloads).
#
# Environment: E2E_ROOT_CACHE, E2E_DEBIAN_MIRROR (default http://deb.debian.org/debian).
# Needs root, and debootstrap plus debian-archive-keyring (installed with apt-get if
# missing). Exit status 0 with the directory on stdout, 1 with the reason on stderr.
set -euo pipefail

SUITE="${1:-trixie}"
CACHE="${E2E_ROOT_CACHE:-/var/cache/systemd-spring-boot-starter-e2e}"
MIRROR="${E2E_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
PACKAGES="systemd,dbus,util-linux,procps,curl,passwd,iproute2"
RECIPE=1   # raise when the build steps below change what ends up in the root

log() { printf 'debian-root: %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

[[ "$SUITE" =~ ^[a-z]+$ ]] || die "invalid suite name '$SUITE'"
[ "$(id -u)" = 0 ] || die "must run as root (debootstrap)"
[[ "$CACHE" == /* && "$CACHE" != *[,:]* ]] \
  || die "E2E_ROOT_CACHE must be an absolute path without ',' or ':' (got '$CACHE')"

key="$(printf '%s\n' "$SUITE" "$MIRROR" "$PACKAGES" "$RECIPE" | sha256sum | cut -c1-12)"
DIR="$CACHE/debian-$SUITE-$key"

mkdir -p "$CACHE"
exec 8>"$CACHE/.lock"
flock -w 900 8 || die "could not lock $CACHE/.lock within 15 minutes"
if [ -f "$DIR/.e2e-root" ]; then
  printf '%s\n' "$DIR"
  exit 0
fi

if ! command -v debootstrap >/dev/null; then
  command -v apt-get >/dev/null || die "debootstrap is missing and there is no apt-get"
  log "installing debootstrap and debian-archive-keyring"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq </dev/null >&2 || log "apt-get update failed (continuing)"
  apt-get install -y -qq --no-install-recommends debootstrap debian-archive-keyring </dev/null >&2 \
    || die "apt-get install debootstrap failed"
fi

t0="$(date +%s)"
tmp="$(mktemp -d "$CACHE/.build-$SUITE.XXXXXX")"
trap 'rm -rf --one-file-system "$tmp"' EXIT
log "building a Debian $SUITE root in $DIR (debootstrap --variant=minbase, packages $PACKAGES)"
if ! debootstrap --variant=minbase --include="$PACKAGES" "$SUITE" "$tmp/root" "$MIRROR" \
    >"$tmp/debootstrap.log" 2>&1; then
  tail -n 30 "$tmp/debootstrap.log" | sed 's/^/  | /' >&2
  die "debootstrap $SUITE failed (see above)"
fi
rm -f "$tmp"/root/var/cache/apt/archives/*.deb
version="$(chroot "$tmp/root" /lib/systemd/systemd --version | awk 'NR == 1 { print $2 }')"
[[ "$version" =~ ^[0-9]+$ ]] || die "the $SUITE root has no working /lib/systemd/systemd"
# the overlay's lower layer is the root itself: move it up, keep the build log beside it
mv "$tmp/root" "$tmp/final"
mv "$tmp/debootstrap.log" "$tmp/final/.e2e-debootstrap.log"
printf 'suite=%s\nmirror=%s\npackages=%s\nrecipe=%s\nsystemd=%s\nbuilt=%s\n' \
  "$SUITE" "$MIRROR" "$PACKAGES" "$RECIPE" "$version" "$(date -u +%FT%TZ)" >"$tmp/final/.e2e-root"
for old in "$CACHE/debian-$SUITE-"*; do
  [ "$old" != "$DIR" ] && [ -d "$old" ] && rm -rf --one-file-system "$old"
done
mv "$tmp/final" "$DIR"
rmdir "$tmp"
trap - EXIT
log "built in $(( $(date +%s) - t0 )) s: systemd $version, $(du -sh "$DIR" | cut -f1)"
printf '%s\n' "$DIR"
