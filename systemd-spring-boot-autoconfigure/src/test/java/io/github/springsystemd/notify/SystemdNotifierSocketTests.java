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
package io.github.springsystemd.notify;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.github.springsystemd.activation.ActivationFixtures;
import io.github.springsystemd.protocol.Notification;
import io.github.springsystemd.test.NotifySocketReceiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link SystemdNotifier} sending through libc to a real AF_UNIX datagram
 * socket.
 */
@EnabledOnOs(OS.LINUX)
@ExtendWith(OutputCaptureExtension.class)
class SystemdNotifierSocketTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	@TempDir
	Path temp;

	@Test
	void readyArrivesAtPathSocket() throws Exception {
		try (NotifySocketReceiver receiver = NotifySocketReceiver.bind(this.temp.resolve("notify"))) {
			SystemdNotifier notifier = SystemdNotifier.create(receiver.getNotifySocket());
			assertThat(notifier.notify(Notification.ready())).isTrue();
			assertThat(receiver.poll(TIMEOUT)).isEqualTo("READY=1");
			assertThat(notifier.getSentCount()).isOne();
		}
	}

	@Test
	void multiLinePayloadArrivesExactly() throws Exception {
		try (NotifySocketReceiver receiver = NotifySocketReceiver.bind(this.temp.resolve("notify"))) {
			SystemdNotifier notifier = SystemdNotifier.create(receiver.getNotifySocket());
			notifier.notify(Notification.status("Reticulating splines").and("WATCHDOG", "1").and("X_WORKS", "1"));
			assertThat(receiver.poll(TIMEOUT)).isEqualTo("STATUS=Reticulating splines\nWATCHDOG=1\nX_WORKS=1");
		}
	}

	@Test
	void nonAsciiStatusArrivesAsExactUtf8() throws Exception {
		String status = "Gr\u00fc\u00dfe aus K\u00f6ln \u2713 \uD83D\uDE80";
		try (NotifySocketReceiver receiver = NotifySocketReceiver.bind(this.temp.resolve("notify"))) {
			SystemdNotifier.create(receiver.getNotifySocket()).notify(Notification.status(status));
			String received = receiver.poll(TIMEOUT);
			assertThat(received).isEqualTo("STATUS=" + status);
			assertThat(received.getBytes(StandardCharsets.UTF_8))
				.hasSize(7 + status.getBytes(StandardCharsets.UTF_8).length);
		}
	}

	@Test
	void abstractSocketReceivesWithExactAddressLength() throws Exception {
		String name = "systemd-spring-boot-test-" + UUID.randomUUID();
		try (NotifySocketReceiver receiver = NotifySocketReceiver.bindAbstract(name)) {
			SystemdNotifier notifier = SystemdNotifier.create("@" + name);
			assertThat(notifier.notify(Notification.ready())).isTrue();
			assertThat(receiver.poll(TIMEOUT)).isEqualTo("READY=1");
		}
	}

	@Test
	void pathOf107BytesWorks() throws Exception {
		Path dir = this.temp;
		while (dir.toString().length() < 80) {
			dir = dir.resolve("d");
		}
		Files.createDirectories(dir);
		String name = "s".repeat(107 - dir.toString().length() - 1);
		Path socket = dir.resolve(name);
		assertThat(socket.toString().getBytes(StandardCharsets.UTF_8)).hasSize(107);
		try (NotifySocketReceiver receiver = NotifySocketReceiver.bind(socket)) {
			assertThat(SystemdNotifier.create(socket.toString()).notify(Notification.ready())).isTrue();
			assertThat(receiver.poll(TIMEOUT)).isEqualTo("READY=1");
		}
	}

	@Test
	void missingSocketFailsWithClearMessage(CapturedOutput output) {
		Path missing = this.temp.resolve("missing");
		SystemdNotifier notifier = SystemdNotifier.create(missing.toString());
		assertThat(notifier.isActive()).isTrue();
		assertThat(notifier.notify(Notification.ready())).isFalse();
		assertThat(notifier.getFailureCounts()).containsEntry("ENOENT", 1L);
		assertThat(output).contains("Could not send 'READY=1' to NOTIFY_SOCKET '" + missing + "'")
			.contains("No such file or directory (ENOENT)")
			.contains("the socket does not exist")
			.doesNotContain("Exception");
	}

	@Test
	void regularFileIsRefusedAndNamedNotASocket(CapturedOutput output) throws IOException {
		Path file = Files.createFile(this.temp.resolve("file"));
		SystemdNotifier notifier = SystemdNotifier.create(file.toString());
		assertThat(notifier.notify(Notification.ready())).isFalse();
		assertThat(notifier.getFailureCounts()).containsEntry("ECONNREFUSED", 1L);
		assertThat(output).contains("NOTIFY_SOCKET '" + file + "'")
			.contains("this path is a regular file, not a socket: NOTIFY_SOCKET must name the service manager's "
					+ "notification socket")
			.doesNotContain("nothing receives on this socket");
	}

	@Test
	void directoryIsRefusedAndNamedNotASocket(CapturedOutput output) {
		SystemdNotifier notifier = SystemdNotifier.create(this.temp.toString());
		assertThat(notifier.notify(Notification.ready())).isFalse();
		assertThat(notifier.getFailureCounts()).containsEntry("ECONNREFUSED", 1L);
		assertThat(output).contains("this path is a directory, not a socket");
	}

	@Test
	void devNullIsRefusedAndNamedNotASocket(CapturedOutput output) {
		SystemdNotifier notifier = SystemdNotifier.create("/dev/null");
		assertThat(notifier.notify(Notification.ready())).isFalse();
		assertThat(notifier.getFailureCounts()).containsEntry("ECONNREFUSED", 1L);
		assertThat(output).contains("this path is a device or a pipe, not a socket");
	}

	@Test
	void socketNobodyReadsIsStillNamedASocket(CapturedOutput output) throws Exception {
		// a socket file whose receiver has closed: a second link to it outlives the
		// receiver's removal of its own, and connecting to it is refused
		Path socket = this.temp.resolve("stale");
		try (NotifySocketReceiver receiver = NotifySocketReceiver.bind(this.temp.resolve("gone"))) {
			Files.createLink(socket, this.temp.resolve("gone"));
		}
		SystemdNotifier notifier = SystemdNotifier.create(socket.toString());
		assertThat(notifier.notify(Notification.ready())).isFalse();
		assertThat(notifier.getFailureCounts()).containsEntry("ECONNREFUSED", 1L);
		assertThat(output).contains("nothing receives on this socket").doesNotContain("not a socket");
	}

	@Test
	void receiverThatGoesAwayIsCountedLoggedOnceAndRecovers(CapturedOutput output) throws Exception {
		Path socket = this.temp.resolve("notify");
		SystemdNotifier notifier = SystemdNotifier.create(socket.toString());
		try (NotifySocketReceiver receiver = NotifySocketReceiver.bind(socket)) {
			assertThat(notifier.notify(Notification.watchdog())).isTrue();
			assertThat(receiver.poll(TIMEOUT)).isEqualTo("WATCHDOG=1");
		}
		for (int i = 0; i < 5; i++) {
			assertThat(notifier.notify(Notification.watchdog())).isFalse();
		}
		assertThat(notifier.getFailureCounts()).containsEntry("ENOENT", 5L);
		assertThat(output.toString().lines().filter((line) -> line.contains("Could not send"))).hasSize(1);
		try (NotifySocketReceiver receiver = NotifySocketReceiver.bind(socket)) {
			assertThat(notifier.notify(Notification.watchdog())).isTrue();
			assertThat(receiver.poll(TIMEOUT)).isEqualTo("WATCHDOG=1");
		}
		assertThat(output).contains("are delivered again");
	}

	@Test
	void fullQueueFailsEverySendAtOnce() throws Exception {
		Path socket = this.temp.resolve("notify");
		try (NotifySocketReceiver receiver = NotifySocketReceiver.bindWithoutReading(socket)) {
			assertThat(receiver.fillQueue()).isPositive();
			SystemdNotifier notifier = SystemdNotifier.create(socket.toString());
			// this receiver never reads: a send that waited for room would wait for ever
			assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
				assertThat(notifier.notify(Notification.watchdog())).isFalse();
				assertThat(notifier.notify(Notification.status("Serving"))).isFalse();
				assertThat(notifier.notify(Notification.watchdog())).isFalse();
			});
			assertThat(notifier.getFailureCounts()).containsEntry("EAGAIN", 3L);
			assertThat(notifier.getSentCount()).isZero();
		}
	}

	@Test
	void concurrentSendersEachLearnWhetherTheirMessageWasSent() throws Exception {
		try (NotifySocketReceiver receiver = NotifySocketReceiver.bind(this.temp.resolve("notify"))) {
			SystemdNotifier notifier = SystemdNotifier.create(receiver.getNotifySocket());
			int threads = 8;
			int perThread = 50;
			Set<String> sent = ConcurrentHashMap.newKeySet();
			CountDownLatch start = new CountDownLatch(1);
			List<Thread> senders = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				int id = t;
				Thread sender = new Thread(() -> {
					try {
						start.await();
					}
					catch (InterruptedException ex) {
						return;
					}
					for (int i = 0; i < perThread; i++) {
						String status = "t" + id + "-" + i;
						if (notifier.notify(Notification.status(status))) {
							sent.add("STATUS=" + status);
						}
					}
				});
				sender.start();
				senders.add(sender);
			}
			start.countDown();
			for (Thread sender : senders) {
				sender.join();
			}
			long failed = notifier.getFailureCounts().values().stream().mapToLong(Long::longValue).sum();
			assertThat(notifier.getSentCount()).isEqualTo(sent.size());
			assertThat(notifier.getSentCount() + failed).isEqualTo(threads * perThread);
			assertThat(notifier.getFailureCounts().keySet()).isSubsetOf("EAGAIN");
			assertThat(sent).isNotEmpty();
			await().atMost(TIMEOUT).until(() -> receiver.received().size() >= sent.size());
			assertThat(receiver.received()).hasSize(sent.size()).containsExactlyInAnyOrderElementsOf(sent);
		}
	}

	@Test
	void fileDescriptorsArriveWithTheMessage() throws Exception {
		try (NotifySocketReceiver receiver = NotifySocketReceiver.bind(this.temp.resolve("notify"));
				ServerSocketChannel listener = ServerSocketChannel.open()) {
			listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			int fd = ActivationFixtures.listeningDescriptor(listener.socket().getLocalPort()).orElseThrow();
			SystemdNotifier notifier = SystemdNotifier.create(receiver.getNotifySocket());
			assertThat(notifier.notify(Notification.of("FDSTORE", "1").and("FDNAME", "server"), fd)).isTrue();
			assertThat(receiver.poll(TIMEOUT)).isEqualTo("FDSTORE=1\nFDNAME=server");
			assertThat(receiver.receivedDescriptors()).containsExactly(NotifySocketReceiver.describe(fd));
		}
	}

	@Test
	void badFileDescriptorFailsWithoutThrowing() throws Exception {
		try (NotifySocketReceiver receiver = NotifySocketReceiver.bind(this.temp.resolve("notify"))) {
			SystemdNotifier notifier = SystemdNotifier.create(receiver.getNotifySocket());
			assertThat(notifier.notify(Notification.of("FDSTORE", "1"), 987654)).isFalse();
			assertThat(notifier.getFailureCounts()).containsEntry("EBADF", 1L);
		}
	}

	@Test
	void statusTooLongForSystemdIsCutAndArrives() throws Exception {
		// a datagram of a megabyte fails with EMSGSIZE, and systemd ignores one of 4096
		// bytes or more: the notification is cut to what systemd reads
		try (NotifySocketReceiver receiver = NotifySocketReceiver.bind(this.temp.resolve("notify"))) {
			SystemdNotifier notifier = SystemdNotifier.create(receiver.getNotifySocket());
			assertThat(notifier.notify(Notification.status("x".repeat(1024 * 1024)))).isTrue();
			String received = receiver.poll(Duration.ofSeconds(5));
			assertThat(received).startsWith("STATUS=xxx").endsWith("x...");
			assertThat(received.getBytes(StandardCharsets.UTF_8)).hasSize(Notification.MAX_PAYLOAD_BYTES);
			assertThat(notifier.getFailureCounts()).isEmpty();
		}
	}

	@Test
	void monotonicTimeIsReadFromClockMonotonic() throws Exception {
		try (NotifySocketReceiver receiver = NotifySocketReceiver.bind(this.temp.resolve("notify"))) {
			SystemdNotifier notifier = SystemdNotifier.create(receiver.getNotifySocket());
			long before = System.nanoTime() / 1000;
			long monotonic = notifier.monotonicMicros();
			long after = System.nanoTime() / 1000;
			// HotSpot on Linux reads System.nanoTime() from CLOCK_MONOTONIC as well
			assertThat(monotonic).isBetween(before, after);
		}
	}

	@Test
	void reloadingArrivesWithMonotonicTime() throws Exception {
		try (NotifySocketReceiver receiver = NotifySocketReceiver.bind(this.temp.resolve("notify"))) {
			SystemdNotifier notifier = SystemdNotifier.create(receiver.getNotifySocket());
			assertThat(notifier.notify(Notification.reloading(notifier.monotonicMicros()))).isTrue();
			assertThat(receiver.poll(TIMEOUT)).matches("RELOADING=1\nMONOTONIC_USEC=[1-9][0-9]*");
		}
	}

}
