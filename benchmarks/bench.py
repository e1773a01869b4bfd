#!/usr/bin/env python3
# Measurements that need a process from outside: benchmarks/run.sh calls this script.
#
#   bench.py receive SOCKET             drain a notification socket until SIGTERM
#   bench.py startup JAR RUNS           time to READY=1 with the starter active versus
#                                       time to "Started" with it inactive, plus threads
#                                       and heap after a GC
#   bench.py heartbeat JAR RUNS SECS    CPU time of the watchdog threads per ping, with
#                                       the health gate and without it
#   bench.py firstnotify CLASSPATH RUNS JAVA LABEL   JVM wall time of one notify, with native access and without
#
# Each measuring command prints figure lines ("FIG name ours unit baseline unit") for
# run.sh and detail lines ("DETAIL text") for RESULTS.md.
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

JAVA = os.environ.get("JAVA", "java")
JAVA_OPTS = os.environ.get("BENCH_JAVA_OPTS", "-Xmx512m").split()


class Receiver:
    """An AF_UNIX datagram socket that records when each message arrived."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="bench-notify-")
        self.path = os.path.join(self.dir, "notify.sock")
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(self.path)
        self.sock.settimeout(0.2)
        self.messages = []
        self.lock = threading.Lock()
        self.open = True
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        while self.open:
            try:
                data = self.sock.recv(65536)
            except socket.timeout:
                continue
            except OSError:
                return
            with self.lock:
                self.messages.append((time.monotonic(), data.decode("utf-8", "replace")))

    def first(self, predicate, after=0.0):
        with self.lock:
            for at, text in self.messages:
                if at >= after and predicate(text):
                    return at
        return None

    def count(self, predicate, start, end):
        with self.lock:
            return sum(1 for at, text in self.messages if start <= at <= end and predicate(text))

    def close(self):
        self.open = False
        self.thread.join(1)
        self.sock.close()
        os.unlink(self.path)
        os.rmdir(self.dir)


def receive(path):
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 20)
    sock.bind(path)
    count = 0
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    sock.settimeout(0.2)
    while not stop:
        try:
            sock.recv(4096)
            count += 1
        except socket.timeout:
            pass
        except InterruptedError:
            pass
    print(count, flush=True)


class Sample:
    """The web sample in a JVM of its own, its log lines timestamped as they arrive."""

    def __init__(self, jar, env, args=()):
        self.start = time.monotonic()
        self.process = subprocess.Popen(
            [JAVA, *JAVA_OPTS, "-jar", jar, "--server.port=0", *args],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.started_at = None
        self.started_cpu = None
        self.lines = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.process.stdout:
            self.lines.append(line)
            if self.started_at is None and "Started WebSampleApplication" in line:
                self.started_at = time.monotonic()
                self.started_cpu = self.cpu_s()

    def wait_for(self, condition, timeout=120):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if condition():
                return
            if self.process.poll() is not None:
                break
            time.sleep(0.005)
        sys.stderr.write("".join(self.lines[-30:]))
        raise SystemExit("bench: the sample did not start (exit status %s)" % self.process.poll())

    def cpu_s(self):
        """CPU time of the whole process so far (user and system, all threads, ended ones included)."""
        with open("/proc/%d/stat" % self.process.pid) as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def threads(self):
        with open("/proc/%d/status" % self.process.pid) as status:
            return int(re.search(r"^Threads:\s+(\d+)", status.read(), re.M).group(1))

    def heap_used_after_gc_mb(self):
        pid = str(self.process.pid)
        subprocess.run(["jcmd", pid, "GC.run"], check=True, capture_output=True)
        info = subprocess.run(["jcmd", pid, "GC.heap_info"], check=True, capture_output=True, text=True).stdout
        return int(re.search(r"used (\d+)K", info).group(1)) / 1024

    def watchdog_cpu_ns(self):
        total = 0
        task = "/proc/%d/task" % self.process.pid
        for tid in os.listdir(task):
            try:
                with open("%s/%s/comm" % (task, tid)) as comm:
                    if not comm.read().startswith("systemd-watchd"):
                        continue
                with open("%s/%s/schedstat" % (task, tid)) as schedstat:
                    total += int(schedstat.read().split()[0])
            except FileNotFoundError:
                pass
        return total

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def base_env():
    env = {k: v for k, v in os.environ.items()
           if k not in ("NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID", "LISTEN_FDS", "LISTEN_PID")}
    return env


def number(value):
    return ("%.0f" % value) if abs(value) >= 1000 else ("%.4g" % value)


def figure(name, ours, baseline, unit, ratio=None):
    """A figure line; its ratio is ours/baseline unless given (such as a median of paired ratios)."""
    line = "FIG %s %s %s %s %s" % (name, number(ours), unit, number(baseline), unit)
    print(line + ("" if ratio is None else " %.4f" % ratio), flush=True)


def detail(text):
    print("DETAIL " + text, flush=True)


def startup(jar, runs):
    ready, started_active, started_inactive = [], [], []
    cpu_ready, cpu_started_inactive = [], []
    threads = {True: [], False: []}
    heap = {True: [], False: []}
    for run in range(2 * runs):
        active = run % 2 == 0
        env = base_env()
        receiver = Receiver() if active else None
        if active:
            env["NOTIFY_SOCKET"] = receiver.path
            env["WATCHDOG_USEC"] = "4000000"
        sample = Sample(jar, env)
        try:
            if active:
                sample.wait_for(lambda: receiver.first(lambda m: "READY=1" in m) is not None)
                ready.append(receiver.first(lambda m: "READY=1" in m) - sample.start)
                cpu_ready.append(sample.cpu_s())
                sample.wait_for(lambda: sample.started_at is not None)
                started_active.append(sample.started_at - sample.start)
            else:
                sample.wait_for(lambda: sample.started_cpu is not None)
                started_inactive.append(sample.started_at - sample.start)
                cpu_started_inactive.append(sample.started_cpu)
            time.sleep(2)
            heap[active].append(sample.heap_used_after_gc_mb())
            threads[active].append(sample.threads())
        finally:
            sample.stop()
            if receiver:
                receiver.close()
    med = statistics.median
    # each active run is paired with the inactive run that follows it: the ratio is the median
    # of the pairs' ratios, so that a burst of load on the machine spoils one pair, not the figure
    paired = [r / i for r, i in zip(ready, started_inactive)]
    figure("startup_ready_vs_inactive_started", med(ready), med(started_inactive), "s", med(paired))
    figure("threads_active_vs_inactive", med(threads[True]), med(threads[False]), "threads")
    figure("heap_after_gc_active_vs_inactive", med(heap[True]), med(heap[False]), "MB")
    detail("startup, active, process start to READY=1 (s): " + fmt(ready))
    detail("startup, active, process start to 'Started WebSampleApplication' (s): " + fmt(started_active))
    detail("startup, inactive, process start to 'Started WebSampleApplication' (s): " + fmt(started_inactive))
    detail("startup, READY=1 (active) / 'Started' (inactive) of each alternating pair: " + fmt(paired, "%.3f"))
    # the CPU time tells more work from more waiting: the JIT keeps every core busy during a start
    detail("startup CPU time, all threads (s), active to READY=1: %s; inactive to 'Started': %s; paired ratios: %s" % (
        fmt(cpu_ready), fmt(cpu_started_inactive),
        fmt([r / i for r, i in zip(cpu_ready, cpu_started_inactive)], "%.3f")))
    detail("threads 2 s after start, active: %s; inactive: %s" % (fmt(threads[True], "%d"), fmt(threads[False], "%d")))
    detail("heap used after GC.run (MB), active: %s; inactive: %s" % (fmt(heap[True], "%.1f"), fmt(heap[False], "%.1f")))


def heartbeat(jar, runs, seconds):
    per_ping = {True: [], False: []}
    pings = {True: [], False: []}
    for run in range(2 * runs):
        gated = run % 2 == 0
        env = base_env()
        receiver = Receiver()
        env["NOTIFY_SOCKET"] = receiver.path
        env["WATCHDOG_USEC"] = "100000"
        args = [] if gated else ["--systemd.watchdog.health.enabled=false"]
        sample = Sample(jar, env, args)
        try:
            sample.wait_for(lambda: receiver.first(lambda m: "READY=1" in m) is not None)
            time.sleep(5)
            t1, cpu1 = time.monotonic(), sample.watchdog_cpu_ns()
            time.sleep(seconds)
            t2, cpu2 = time.monotonic(), sample.watchdog_cpu_ns()
            n = receiver.count(lambda m: m.strip() == "WATCHDOG=1", t1, t2)
            if n == 0:
                raise SystemExit("bench: no watchdog pings arrived (gated=%s)" % gated)
            per_ping[gated].append((cpu2 - cpu1) / n / 1000)
            pings[gated].append(n)
        finally:
            sample.stop()
            receiver.close()
    med = statistics.median
    figure("heartbeat_cpu_per_ping_gated_vs_ungated", med(per_ping[True]), med(per_ping[False]), "us")
    detail("watchdog threads' CPU per ping (us), health-gated: %s; ungated: %s" % (fmt(per_ping[True], "%.1f"), fmt(per_ping[False], "%.1f")))
    detail("pings received in %d s at a 50 ms interval, health-gated: %s; ungated: %s" % (seconds, fmt(pings[True], "%d"), fmt(pings[False], "%d")))


def firstnotify(classpath, runs, java, label):
    wall = {True: [], False: []}
    inside = {True: [], False: []}
    receiver = Receiver()
    try:
        for run in range(2 * runs):
            active = run % 2 == 0
            env = base_env()
            if active:
                env["NOTIFY_SOCKET"] = receiver.path
            start = time.monotonic()
            out = subprocess.run([java, *JAVA_OPTS, "-cp", classpath, "io.github.springsystemd.benchmarks.FirstNotifyMain"],
                                 env=env, check=True, capture_output=True, text=True).stdout
            wall[active].append(time.monotonic() - start)
            if ("sent=%s" % str(active).lower()) not in out:
                raise SystemExit("bench: unexpected FirstNotifyMain output: " + out)
            inside[active].append(int(re.search(r"main_to_sent_ns=(\d+)", out).group(1)) / 1e6)
    finally:
        receiver.close()
    med = statistics.median
    figure("jvm_with_first_notify_vs_without_%s" % label, med(wall[True]) * 1000, med(wall[False]) * 1000, "ms")
    detail("%s (%s): JVM wall time (ms), one notify: %s; inactive notifier, no native access: %s" % (label, java, fmt([w * 1000 for w in wall[True]], "%.0f"), fmt([w * 1000 for w in wall[False]], "%.0f")))
    detail("%s: main() to notify() returned (ms), with native access: %s; without: %s" % (label, fmt(inside[True], "%.1f"), fmt(inside[False], "%.2f")))


def fmt(values, pattern="%.2f"):
    return ", ".join(pattern % v for v in values) + " (median " + (pattern % statistics.median(values)) + ")"


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "receive":
        receive(sys.argv[2])
    elif command == "startup":
        startup(sys.argv[2], int(sys.argv[3]))
    elif command == "heartbeat":
        heartbeat(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
    elif command == "firstnotify":
        firstnotify(sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5])
    else:
        raise SystemExit("bench: unknown command " + command)
