#!/usr/bin/env python3
"""Load for the e2e scenarios: CLIENTS threads, each sending one GET per connection
(Connection: close) to 127.0.0.1:PORT PATH until STOP_FILE exists, RATE requests a second
each (a steady load: a request starts every 1/RATE s, or at once when the one before took
longer; 0 sends each request as soon as the one before is answered).

Each request appends "CODE SECONDS START BODY" to OUT_FILE: SECONDS as curl -w
"%{time_total}" would give it, START when it began in CLOCK_MONOTONIC seconds (the clock
of systemd's *TimestampMonotonic properties), CODE the HTTP status, or 000 when the
connection was refused or reset, or no whole status line came within TIMEOUT seconds,
and BODY the answer's first 12 characters without white space ("-" for none), such as
the pid the samples' /pid answers with. One process for all clients, so that the load
costs the machine little besides what the server does (a curl per request costs a
process start).

With LAG_FILE, a thread of the same process asks for sleeps of 5 ms and appends
"START SECONDS" for each that lasted more than 20 ms: the time the client itself waited for
the CPU (or for the interpreter lock), which a request's SECONDS include.

usage: load.py PORT PATH OUT_FILE STOP_FILE CLIENTS TIMEOUT RATE [LAG_FILE]
"""

import os
import socket
import sys
import threading
import time


def one_request(port, path, timeout):
    deadline = time.monotonic() + timeout
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(
            ("GET %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nConnection: close\r\n\r\n" % (path, port)).encode()
        )
        received = b""
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("no whole answer within %s s" % timeout)
            sock.settimeout(left)
            chunk = sock.recv(65536)
            if not chunk:
                break
            received += chunk
    status_line = received.split(b"\r\n", 1)[0].split()
    if len(status_line) < 2 or not status_line[0].startswith(b"HTTP/"):
        raise ValueError("no status line")
    body = received.split(b"\r\n\r\n", 1)[1] if b"\r\n\r\n" in received else b""
    return status_line[1].decode(), "".join(body.decode(errors="replace").split())[:12] or "-"


def client(port, path, out, lock, stop_file, timeout, interval):
    next_start = time.monotonic()
    while not os.path.exists(stop_file):
        wait = next_start - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        start = time.monotonic()
        next_start = max(next_start + interval, start)
        try:
            code, body = one_request(port, path, timeout)
        except (OSError, ValueError):
            code, body = "000", "-"
        line = "%s %.6f %.6f %s\n" % (code, time.monotonic() - start, start, body)
        with lock:
            out.write(line)
            out.flush()
        if code == "000":
            time.sleep(0.01)  # a refused connection comes back at once: do not spin


def lag_probe(lag_file, stop_file):
    with open(lag_file, "a") as lag:
        while not os.path.exists(stop_file):
            start = time.monotonic()
            time.sleep(0.005)
            took = time.monotonic() - start
            if took > 0.02:
                lag.write("%.6f %.6f\n" % (start, took))
                lag.flush()


def main():
    port, path, out_file, stop_file, clients, timeout, rate = sys.argv[1:8]
    if len(sys.argv) > 8:
        threading.Thread(target=lag_probe, args=(sys.argv[8], stop_file), daemon=True).start()
    interval = 1.0 / float(rate) if float(rate) > 0 else 0.0
    lock = threading.Lock()
    with open(out_file, "a") as out:
        threads = [
            threading.Thread(target=client, args=(int(port), path, out, lock, stop_file, float(timeout), interval))
            for _ in range(int(clients))
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()


if __name__ == "__main__":
    main()
