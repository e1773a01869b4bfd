#!/usr/bin/env bash
# Install web-sample as a systemd service: ./install.sh [--port PORT] [path/to/web-sample.jar]
# (in any order; without a jar it uses, and first builds if missing, the checkout's own).
# HARDENED=1 installs web-sample-hardened.service (DynamicUser=, noexec but the JDK, ...) instead.
# Run as root on a host that runs systemd. Builds the jar first when none is given.
# PORT (default 8080) is the one setting for the port: it goes to SERVER_PORT in
# web-sample.service and to ListenStream= in web-sample.socket; the management socket
# gets PORT+1. The socket units are installed but not enabled.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
port=8080
jar=""
while [ $# -gt 0 ]; do
	case "$1" in
		--port) [ $# -ge 2 ] || { echo "install.sh: --port needs a value" >&2; exit 2; }
			port="$2"; shift 2 ;;
		--port=*) port="${1#--port=}"; shift ;;
		-*) echo "install.sh: unknown option '$1' (usage: install.sh [--port PORT] [path/to/web-sample.jar])" >&2; exit 2 ;;
		*) [ -z "$jar" ] || { echo "install.sh: one jar only ('$jar' and '$1' given)" >&2; exit 2; }
			jar="$1"; shift ;;
	esac
done
case "$port" in
	'' | *[!0-9]*) echo "install.sh: --port '$port' is not a port number" >&2; exit 2 ;;
esac
if [ "$port" -lt 1 ] || [ "$port" -gt 65534 ]; then
	echo "install.sh: --port $port is not between 1 and 65534 (PORT+1 serves management)" >&2; exit 2
fi
if [ -n "$jar" ] && [ ! -f "$jar" ]; then
	echo "install.sh: no jar at '$jar'" >&2; exit 2
fi
build=0
[ -n "$jar" ] || { jar="$root/samples/web-sample/target/web-sample.jar"; [ -f "$jar" ] || build=1; }

[ "$(id -u)" = 0 ] || { echo "install.sh: run as root (it writes /opt and /etc/systemd/system)" >&2; exit 1; }
[ -d /run/systemd/system ] || { echo "install.sh: this host does not run systemd" >&2; exit 1; }
if [ "$build" = 1 ]; then
	(cd "$root" && ./mvnw -B -q -DskipTests package -pl samples/web-sample -am)
fi
java_bin="$(readlink -f "$(command -v java)")"

id websample >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin websample
install -d -o root -g root -m 0755 /opt/web-sample
install -o root -g root -m 0644 "$jar" /opt/web-sample/web-sample.jar
unit="$here/web-sample.service"
[ "${HARDENED:-0}" = 1 ] && unit="$here/web-sample-hardened.service"
sed -e "s#^ExecStart=/usr/bin/java #ExecStart=$java_bin #" -e "s#^Environment=SERVER_PORT=8080\$#Environment=SERVER_PORT=$port#" \
	"$unit" >/etc/systemd/system/web-sample.service
sed "s#^ListenStream=127.0.0.1:8080\$#ListenStream=127.0.0.1:$port#" "$here/web-sample.socket" \
	>/etc/systemd/system/web-sample.socket
sed "s#^ListenStream=127.0.0.1:8081\$#ListenStream=127.0.0.1:$((port + 1))#" "$here/web-sample-management.socket" \
	>/etc/systemd/system/web-sample-management.socket
systemctl daemon-reload
# A running (or starting, or restarting) service would keep its unit, jar and port:
# `enable --now` leaves it alone, and a restart hands the old socket back from the fd store.
# Stop it (which empties the store) together with the socket units that listen, so that no
# connection starts it again on the old port meanwhile; then start them anew.
state="$(systemctl is-active web-sample.service 2>/dev/null || true)"
case "$state" in
	inactive | failed | unknown | '') ;;
	*) echo "install.sh: web-sample.service is $state: stopping it so that the new unit, jar and port apply" ;;
esac
listening=()
for socket in web-sample.socket web-sample-management.socket; do
	if systemctl is-active --quiet "$socket"; then
		listening+=("$socket")
	fi
done
systemctl stop "${listening[@]}" web-sample.service
if [ ${#listening[@]} -gt 0 ]; then
	echo "install.sh: restarted ${listening[*]} for ListenStream="
	systemctl start "${listening[@]}"
fi
systemctl enable --now web-sample.service
systemctl status --no-pager web-sample.service
