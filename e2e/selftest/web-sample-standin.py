#!/usr/bin/python3
"""Stand-in for samples/web-sample, used only to self-test the e2e harness.

It speaks the same contract as the real sample (HTTP endpoints, sd_notify
messages, log lines), so `E2E_STANDIN=1 e2e/run.sh` checks the harness and
the service manager without building the jar. It proves nothing about the
Java code.

    web-sample-standin.py --server.port=N [--server.address=A]
        [--systemd.watchdog.health.timeout=2s] [--systemd.watchdog.interval=1s]
        [--sample.startup-delay=0s]
"""
import datetime
import http.server
import json
import os
import signal
import socket
import socketserver
import sys
import threading
import time

T0 = time.monotonic()


def parse_duration(text):
    text = text.strip()
    for suffix, factor in (("ms", 0.001), ("s", 1.0), ("m", 60.0)):
        if text.endswith(suffix):
            return float(text[: -len(suffix)]) * factor
    return float(text) / 1000.0  # Spring Boot's default unit is milliseconds


ARGS = {}
for arg in sys.argv[1:]:
    if arg.startswith("--") and "=" in arg:
        key, value = arg[2:].split("=", 1)
        ARGS[key] = value

PORT = int(ARGS.get("server.port", "8080"))
ADDRESS = ARGS.get("server.address", "0.0.0.0")
HEALTH_TIMEOUT = parse_duration(ARGS.get("systemd.watchdog.health.timeout", "2s"))
STARTUP_DELAY = parse_duration(ARGS.get("sample.startup-delay", "0s"))
INTERVAL_ARG = ARGS.get("systemd.watchdog.interval")


def log(level, logger, message):
    stamp = datetime.datetime.now().isoformat(timespec="milliseconds")
    thread = threading.current_thread().name
    print(f"{stamp} {level:>5} {os.getpid()} --- [web-sample] [{thread}] {logger:<40} : {message}",
          flush=True)


def notify(message):
    address = os.environ.get("NOTIFY_SOCKET")
    if not address:
        return
    if address.startswith("@"):
        address = "\0" + address[1:]
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC) as s:
        s.connect(address)
        s.sendall(message.encode("utf-8"))


HEALTH = {"state": "UP"}
HANG = threading.Event()


def evaluate_health():
    if HEALTH["state"] == "HANG":
        HANG.wait()  # blocks forever
    return HEALTH["state"]


def watchdog_interval():
    usec = os.environ.get("WATCHDOG_USEC")
    pid = os.environ.get("WATCHDOG_PID")
    if not usec or (pid and int(pid) != os.getpid()):
        return None
    if INTERVAL_ARG:
        return parse_duration(INTERVAL_ARG)
    return int(usec) / 2_000_000.0


def watchdog_loop(interval):
    logger = "o.e.standin.WatchdogPinger"
    gate_open = True
    reason = None
    while True:
        result = {}
        worker = threading.Thread(target=lambda: result.setdefault("s", evaluate_health()),
                                  name="health", daemon=True)
        worker.start()
        worker.join(HEALTH_TIMEOUT)
        status = result.get("s")
        if status == "UP":
            notify("WATCHDOG=1")
            if not gate_open:
                log("INFO", logger, "Resuming systemd watchdog pings: health is UP")
            gate_open, reason = True, None
        else:
            if status is None:
                new_reason = f"health check did not complete within {HEALTH_TIMEOUT:g}s"
            else:
                new_reason = f"health is {status} (sample={status})"
            if gate_open or new_reason != reason:
                log("WARN", logger, f"Withholding systemd watchdog pings: {new_reason}")
            gate_open, reason = False, new_reason
        time.sleep(interval)


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def reply(self, code, body, content_type="text/plain"):
        data = body.encode()
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path.split("?")[0] == "/":
            self.reply(200, "Hello from web-sample")
        elif self.path == "/actuator/health":
            state = evaluate_health()
            self.reply(200 if state == "UP" else 503,
                       json.dumps({"status": state, "components": {"sample": {"status": state}}}),
                       "application/json")
        else:
            self.reply(404, "not found")

    def do_POST(self):
        logger = "o.e.standin.FaultController"
        if self.path == "/fault/down":
            HEALTH["state"] = "DOWN"
        elif self.path == "/fault/hang":
            HEALTH["state"] = "HANG"
        elif self.path == "/fault/up":
            HEALTH["state"] = "UP"
        elif self.path == "/fault/crash":
            log("WARN", logger, "Halting the JVM with exit code 1")
            os._exit(1)
        elif self.path == "/fault/exit":
            self.reply(200, "exiting")
            threading.Thread(target=shutdown, args=(0,), daemon=True).start()
            return
        else:
            self.reply(404, "not found")
            return
        log("INFO", logger, f"Fault {self.path} applied")
        self.reply(200, HEALTH["state"])


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


SERVER = None


def shutdown(code):
    logger = "o.e.standin.Lifecycle"
    notify("STOPPING=1\nSTATUS=Stopping")
    log("INFO", logger, "Commencing graceful shutdown. Waiting for active requests to complete")
    time.sleep(0.3)
    log("INFO", logger, "Graceful shutdown complete")
    sys.stdout.flush()
    os._exit(code)


def main():
    global SERVER
    logger = "o.e.standin.WebSampleApplication"
    log("INFO", logger, f"Starting stand-in with PID {os.getpid()}")
    time.sleep(0.8)  # pretend to be a JVM
    try:
        SERVER = Server((ADDRESS, PORT), Handler)
    except OSError as e:
        cause = f"Port {PORT} was already in use."
        log("ERROR", "o.s.b.d.LoggingFailureAnalysisReporter",
            f"APPLICATION FAILED TO START. Web server failed to start. {cause} ({e})")
        notify(f"STATUS=Failed to start: {cause}")
        sys.exit(1)
    signal.signal(signal.SIGTERM, lambda *a: shutdown(143))
    # like Spring Boot: the web server serves before the runners have finished
    threading.Thread(target=SERVER.serve_forever, name="http", daemon=True).start()
    if STARTUP_DELAY:
        notify("STATUS=Starting web-sample: running application runners")
        log("INFO", logger, f"Runner: delaying startup by {STARTUP_DELAY:g}s")
        time.sleep(STARTUP_DELAY)
    interval = watchdog_interval()
    if interval:
        threading.Thread(target=watchdog_loop, args=(interval,), name="watchdog", daemon=True).start()
    took = time.monotonic() - T0
    notify(f"READY=1\nSTATUS=Started in {took:.1f} s")
    log("INFO", logger, f"Started stand-in in {took:.1f} seconds")
    threading.Event().wait()


if __name__ == "__main__":
    main()
