#!/usr/bin/env bash
# Hand web-sample over to a fresh JVM without a stalled or refused request:
#   ./handover.sh [--template NAME] [--instances "A B"] [--timeout SECONDS]
#                 [--serving-nice NICE|keep] [--settle SECONDS]
# Starts the instance of NAME@.service that is not running, waits until it is active
# (READY=1: it takes connections from the shared socket only from then on; its health
# endpoint is asked meanwhile, to warm it up) and healthy (its own management server
# answers /actuator/health with UP), lets both serve for SECONDS (2 unless --settle says
# otherwise, 0 for none, at most 999.999), so that the new JVM takes a share of the
# connections before it takes them all, then stops the instance that was serving, which
# finishes the requests it has taken. While the new JVM starts, and for 0.5 s after its
# READY=1, the serving JVM's session runs at the autogroup nice value NICE (sched(7); -10
# unless --serving-nice says otherwise, keep: unchanged), so that it keeps the CPU it
# needs to serve. When the new instance fails to start or to become healthy, or is not
# still active, healthy and the same process after both served, it is stopped again, the
# serving instance is left alone (its priority as before), and the command exits with 1.
# A signal (HUP, INT, TERM) before the old instance is told to stop calls the handover off
# the same way, with exit 128 + the signal's number. Exit 2: bad arguments or both
# instances already running.
# A deploy: move the new jar into place (a rename, so that the running JVM keeps its own
# file), then run this command.
# Defaults: --template web-sample --instances "8082 8083" (the instance name is the port of
# its management server) --timeout 90 --serving-nice -10 --settle 2. Run as root on the
# host that runs the units.
set -euo pipefail

template=web-sample
instances="8082 8083"
timeout=90
serving_nice_during=-10
settle=2
while [ $# -gt 0 ]; do
	case "$1" in
		--template | --instances | --timeout | --serving-nice | --settle)
			[ $# -ge 2 ] || { echo "handover.sh: $1 needs a value" >&2; exit 2; } ;;
	esac
	case "$1" in
		--template) template="${2:-}"; shift 2 ;;
		--instances) instances="${2:-}"; shift 2 ;;
		--timeout) timeout="${2:-}"; shift 2 ;;
		--serving-nice) serving_nice_during="${2:-}"; shift 2 ;;
		--settle) settle="${2:-}"; shift 2 ;;
		*) echo "handover.sh: unknown argument '$1'" >&2; exit 2 ;;
	esac
done
read -r first second rest <<<"$instances" || true
if [ -z "${first:-}" ] || [ -z "${second:-}" ] || [ -n "${rest:-}" ] || [ "$first" = "$second" ]; then
	echo "handover.sh: --instances '$instances' must name two different instances" >&2; exit 2
fi
case "$timeout" in
	'' | *[!0-9]*) echo "handover.sh: --timeout '$timeout' is not a number of seconds" >&2; exit 2 ;;
esac
if ! [[ "$settle" =~ ^[0-9]{1,3}(\.[0-9]{1,3})?$ ]]; then
	echo "handover.sh: --settle '$settle' is not a number of seconds (0 to 999.999)" >&2; exit 2
fi
if [ "$serving_nice_during" != keep ] && ! { [[ "$serving_nice_during" =~ ^-?[0-9]{1,2}$ ]] &&
	[ "$serving_nice_during" -ge -20 ] && [ "$serving_nice_during" -le 19 ]; }; then
	echo "handover.sh: --serving-nice '$serving_nice_during' is not a nice value from -20 to 19, or keep" >&2; exit 2
fi

unit() { printf '%s@%s.service' "$template" "$1"; }
healthy() { curl -fsS -m 2 "http://127.0.0.1:$1/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; }

old=""
new="$first"
if systemctl is-active --quiet "$(unit "$first")"; then old="$first"; new="$second"; fi
if systemctl is-active --quiet "$(unit "$second")"; then
	if [ -n "$old" ]; then
		echo "handover.sh: both $(unit "$first") and $(unit "$second") are active; stop one of them first" >&2
		exit 2
	fi
	old="$second"; new="$first"
fi

serving=none
[ -z "$old" ] || serving="$(unit "$old")"

# cpu_group PID CGROUP : whether a cpu controller group other than the root holds PID (a
# unit or slice with CPUWeight=, CPUQuota=, ... on cgroup v2, or a cpu cgroup on v1), where
# autogroups do not apply
cpu_group() {
	local dir="/sys/fs/cgroup${2%/}"
	while [[ "$dir" == /sys/fs/cgroup/?* ]]; do
		grep -qw cpu "$dir/cgroup.controllers" 2>/dev/null && return 0
		dir="${dir%/*}"
	done
	awk -F: '$2 ~ /(^|,)cpu(,|$)/ && $3 != "/" { found = 1 } END { exit !found }' "/proc/$1/cgroup" 2>/dev/null
}

# start_time PID : when PID started (field 22 of /proc/PID/stat), to tell it from a reused pid
start_time() { awk '{ sub(/.*\) /, ""); print $20 }' "/proc/$1/stat" 2>/dev/null; }

# While the new JVM starts it loads and compiles on every core it can get. Where no cpu
# controller applies, the kernel shares the CPU between sessions first (autogroups,
# sched(7)), and each service is a session of its own, so a thread's nice value does not
# weigh against another service: the serving JVM's session gets a higher priority instead,
# so that its requests do not wait for a core. Undone 0.5 s after the new instance is
# ready (from then on either may take connections from the socket and needs the CPU: a
# session at nice -10 would leave the new one a tenth of it; the 0.5 s cover the burst of
# work the new JVM does at READY=1, which would otherwise slow the requests the serving
# JVM holds) or when the new instance fails.
serving_pid=""
serving_start=""
serving_nice=""
restore_priority() {
	if [ -n "$serving_pid" ] && [ "$(start_time "$serving_pid")" = "$serving_start" ]; then
		{ echo "$serving_nice" >"/proc/$serving_pid/autogroup"; } 2>/dev/null ||
			echo "handover.sh: could not put the autogroup nice value of MainPID $serving_pid back to $serving_nice" >&2
	fi
	serving_pid=""
}
# the health requests while the new instance starts (see below)
poller=""
stop_poller() {
	[ -z "$poller" ] || kill "$poller" 2>/dev/null || true
	poller=""
}
# run_waiting COMMAND... : COMMAND in the background, waited for, so that a signal ends the
# wait at once (bash runs a trap only once a foreground command has ended); its status
waiting=""
run_waiting() {
	local rc=0
	"$@" &
	waiting=$!
	wait "$waiting" || rc=$?
	waiting=""
	return "$rc"
}
stop_waiting() {
	[ -z "$waiting" ] || kill "$waiting" 2>/dev/null || true
	waiting=""
}
# 1 from the new instance's start until the old one is told to stop: a signal then calls
# the handover off (see interrupted)
calling_off=0
# put the priority back however the script ends (an error, Ctrl-C, a closed terminal, kill)
trap 'stop_poller; stop_waiting; restore_priority' EXIT
# interrupted CODE : a signal; before the old instance is told to stop, the new one is
# stopped again as for a failed start, and the script exits with CODE (128 + the signal)
interrupted() {
	[ "$calling_off" = 1 ] && refuse "interrupted by a signal" "$1"
	exit "$1"
}
trap 'interrupted 129' HUP
trap 'interrupted 130' INT
trap 'interrupted 143' TERM

if [ -n "$old" ] && [ "$serving_nice_during" != keep ]; then
	pid="$(systemctl show -p MainPID --value "$(unit "$old")")"
	cgroup="$(systemctl show -p ControlGroup --value "$(unit "$old")")"
	if [ "$(cat /proc/sys/kernel/sched_autogroup_enabled 2>/dev/null)" != 1 ]; then
		echo "handover.sh: autogroups are off (kernel.sched_autogroup_enabled), $(unit "$old") keeps its priority"
	elif [ "${pid:-0}" -gt 0 ] && cpu_group "$pid" "$cgroup"; then
		echo "handover.sh: a cpu controller shares the CPU between units here (CPUWeight=, CPUQuota=, ...), $(unit "$old") keeps its priority"
	elif [ "${pid:-0}" -gt 0 ] && serving_nice="$(awk '{ print $3 }' "/proc/$pid/autogroup" 2>/dev/null)" &&
		[ -n "$serving_nice" ] && serving_start="$(start_time "$pid")" &&
		# known before the write, so that a signal right after it still puts it back
		serving_pid="$pid" && { echo "$serving_nice_during" >"/proc/$pid/autogroup"; } 2>/dev/null; then
		echo "handover.sh: $(unit "$old") (MainPID $pid) serves at autogroup nice $serving_nice_during while $(unit "$new") starts"
	else
		serving_pid=""
		echo "handover.sh: could not set the autogroup nice value of $(unit "$old") (MainPID ${pid:-none}), it keeps its priority"
	fi
fi

# refuse MESSAGE [CODE] : stop the new instance again, leave the old one alone, exit CODE (1)
refuse() {
	# a second signal must not cut the clean-up short
	trap '' HUP INT TERM
	stop_poller
	stop_waiting
	restore_priority
	local left="nothing was serving"
	[ -z "$old" ] || left="$(unit "$old") keeps serving"
	echo "handover.sh: $1; $(unit "$new") is stopped again and $left. See: journalctl -u $(unit "$new")" >&2
	# stop it for good: Restart= would otherwise try again
	systemctl stop "$(unit "$new")" 2>/dev/null || true
	systemctl reset-failed "$(unit "$new")" 2>/dev/null || true
	exit "${2:-1}"
}

echo "handover.sh: starting $(unit "$new") (serving: $serving)"
# systemctl start returns at READY=1. Meanwhile the new instance's health endpoint is asked
# (the answer does not count yet), so that its first answer, which costs a fresh JVM
# 0.1-0.2 s of CPU, comes during the start, where the serving JVM has the priority, not
# just after READY=1, when both take connections from the socket.
# ($$ is this script's pid in the subshell too: the poller ends with it, however it ends)
calling_off=1
(while kill -0 $$ 2>/dev/null; do
	healthy "$new" || true
	sleep 0.5
done) &
poller=$!
run_waiting systemctl start "$(unit "$new")" || refuse "$(unit "$new") failed to start"
systemctl is-active --quiet "$(unit "$new")" || refuse "$(unit "$new") is not active after its start"
run_waiting sleep 0.5
stop_poller
restore_priority
deadline=$((SECONDS + timeout))
until healthy "$new"; do
	[ "$SECONDS" -lt "$deadline" ] || refuse "$(unit "$new") is not healthy (http://127.0.0.1:$new/actuator/health) after ${timeout}s"
	sleep 0.2
done
if [ -n "$old" ]; then
	if ! [[ "$settle" =~ ^0+(\.0+)?$ ]]; then
		new_pid="$(systemctl show -p MainPID --value "$(unit "$new")")"
		echo "handover.sh: $(unit "$new") is active and healthy; both serve for ${settle}s"
		run_waiting sleep "$settle"
		# it may have failed meanwhile, or failed and been restarted: the old one then
		# keeps serving
		if ! { systemctl is-active --quiet "$(unit "$new")" && healthy "$new" &&
			[ "$(systemctl show -p MainPID --value "$(unit "$new")")" = "$new_pid" ]; }; then
			refuse "$(unit "$new") is not still active, healthy and MainPID $new_pid after the ${settle}s both served beside $(unit "$old")"
		fi
	fi
	calling_off=0
	echo "handover.sh: stopping $(unit "$old")"
	systemctl stop "$(unit "$old")"
	# the instance started at boot follows the handover
	if systemctl is-enabled --quiet "$(unit "$old")" 2>/dev/null; then
		systemctl disable --quiet "$(unit "$old")" && systemctl enable --quiet "$(unit "$new")"
	fi
fi
echo "handover.sh: $(unit "$new") serves (MainPID $(systemctl show -p MainPID --value "$(unit "$new")"))"
