/*
 * Copyright 2026 the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

/*
 * The C baseline of benchmarks/run.sh, compiled with gcc when it runs.
 *
 *   notify_connected receive PATH      bind an AF_UNIX datagram socket at PATH and drain it
 *                                      (recvmmsg, up to 64 datagrams per call, so that it
 *                                      outpaces any one sender) until SIGTERM; print the
 *                                      number of datagrams
 *   notify_connected send PATH SECONDS connect one datagram socket to PATH (as SDNotify
 *                                      does) and send WATCHDOG=1 for SECONDS after one
 *                                      second of warm-up; print ns per delivered datagram
 *
 * The sender blocks when the receiver's queue is full, so it measures delivered datagrams.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t stop;

static void on_term(int sig) { (void) sig; stop = 1; }

static double now(void) {
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static socklen_t address(const char *path, struct sockaddr_un *sa) {
	memset(sa, 0, sizeof(*sa));
	sa->sun_family = AF_UNIX;
	size_t n = strlen(path);
	if (n >= sizeof(sa->sun_path)) {
		fprintf(stderr, "path too long\n");
		exit(2);
	}
	memcpy(sa->sun_path, path, n);
	if (sa->sun_path[0] == '@') sa->sun_path[0] = 0;
	return (socklen_t) (offsetof(struct sockaddr_un, sun_path) + n);
}

int main(int argc, char **argv) {
	if (argc < 3) {
		fprintf(stderr, "usage: %s receive PATH | send PATH SECONDS\n", argv[0]);
		return 2;
	}
	struct sockaddr_un sa;
	socklen_t len = address(argv[2], &sa);
	int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0) { perror("socket"); return 1; }
	if (strcmp(argv[1], "receive") == 0) {
		int size = 1 << 20;
		setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof(size));
		if (bind(fd, (struct sockaddr *) &sa, len) < 0) { perror("bind"); return 1; }
		struct sigaction act = { 0 };
		act.sa_handler = on_term;
		sigaction(SIGTERM, &act, NULL);
		struct timeval tv = { 0, 200000 };
		setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
		enum { BATCH = 64 };
		static char buffers[BATCH][512];
		struct iovec iov[BATCH];
		struct mmsghdr messages[BATCH];
		memset(messages, 0, sizeof(messages));
		for (int i = 0; i < BATCH; i++) {
			iov[i].iov_base = buffers[i];
			iov[i].iov_len = sizeof(buffers[i]);
			messages[i].msg_hdr.msg_iov = &iov[i];
			messages[i].msg_hdr.msg_iovlen = 1;
		}
		long count = 0;
		while (!stop) {
			int n = recvmmsg(fd, messages, BATCH, MSG_WAITFORONE, NULL);
			if (n > 0) count += n;
		}
		printf("%ld\n", count);
		return 0;
	}
	if (strcmp(argv[1], "send") == 0 && argc > 3) {
		if (connect(fd, (struct sockaddr *) &sa, len) < 0) { perror("connect"); return 1; }
		double seconds = atof(argv[3]);
		static const char message[] = "WATCHDOG=1";
		long sent = 0;
		double start = now(), measured = 0;
		for (int phase = 0; phase < 2; phase++) {
			double until = now() + (phase == 0 ? 1.0 : seconds);
			if (phase == 1) { start = now(); sent = 0; }
			while (now() < until) {
				for (int i = 0; i < 1000; i++) {
					if (send(fd, message, sizeof(message) - 1, MSG_NOSIGNAL) < 0) {
						if (errno == EINTR) continue;
						perror("send");
						return 1;
					}
					sent++;
				}
			}
			measured = now() - start;
		}
		printf("%.1f\n", measured * 1e9 / sent);
		return 0;
	}
	fprintf(stderr, "usage: %s receive PATH | send PATH SECONDS\n", argv[0]);
	return 2;
}
