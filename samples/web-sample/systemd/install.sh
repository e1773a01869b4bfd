#!/usr/bin/env bash
# Install web-sample as a systemd service: ./install.sh [path/to/web-sample.jar]
# HARDENED=1 installs web-sample-hardened.service (DynamicUser=, noexec but the JDK, ...) instead.
# Run as root on a host that runs systemd. Builds the jar first when none is given.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
jar="${1:-$root/samples/web-sample/target/web-sample.jar}"

[ "$(id -u)" = 0 ] || { echo "install.sh: run as root (it writes /opt and /etc/systemd/system)" >&2; exit 1; }
[ -d /run/systemd/system ] || { echo "install.sh: this host does not run systemd" >&2; exit 1; }
if [ ! -f "$jar" ]; then
	(cd "$root" && ./mvnw -B -q -DskipTests package -pl samples/web-sample -am)
fi
java_bin="$(readlink -f "$(command -v java)")"

id websample >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin websample
install -d -o root -g root -m 0755 /opt/web-sample
install -o root -g root -m 0644 "$jar" /opt/web-sample/web-sample.jar
unit="$here/web-sample.service"
[ "${HARDENED:-0}" = 1 ] && unit="$here/web-sample-hardened.service"
sed "s#^ExecStart=/usr/bin/java #ExecStart=$java_bin #" "$unit" >/etc/systemd/system/web-sample.service
systemctl daemon-reload
systemctl enable --now web-sample.service
systemctl status --no-pager web-sample.service
