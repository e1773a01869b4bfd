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

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.github.springsystemd.protocol.Notification;
import io.github.springsystemd.protocol.NotifySocketAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for the logic of {@link SystemdNotifier}, with a transport that needs no native
 * code.
 */
@ExtendWith(OutputCaptureExtension.class)
class SystemdNotifierTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final List<String> sent = new ArrayList<>();

	@Test
	void unsetNotifySocketIsInactiveAndSilent(CapturedOutput output) {
		SystemdNotifier notifier = SystemdNotifier.create(null);
		assertThat(notifier.isActive()).isFalse();
		assertThat(notifier.getAddress()).isEmpty();
		assertThat(notifier.notify(Notification.ready())).isFalse();
		assertThat(output).isEmpty();
	}

	@Test
	void invalidNotifySocketIsInactiveWithOneClearLine(CapturedOutput output) {
		SystemdNotifier notifier = SystemdNotifier.create("relative/x");
		assertThat(notifier.isActive()).isFalse();
		assertThat(notifier.notify(Notification.ready())).isFalse();
		assertThat(output.toString().lines()).filteredOn((line) -> line.contains("NOTIFY_SOCKET"))
			.singleElement()
			.asString()
			.contains("WARN")
			.contains("NOTIFY_SOCKET 'relative/x' is not an absolute path or @abstract name; "
					+ "systemd notifications are disabled");
	}

	@Test
	void vsockIsSaidToBeUnsupported(CapturedOutput output) {
		assertThat(SystemdNotifier.create("vsock:2:9999").isActive()).isFalse();
		assertThat(output).contains("NOTIFY_SOCKET 'vsock:2:9999' is an AF_VSOCK address, which is not supported yet");
	}

	@Test
	void sendsPayloadBytesToAddress() {
		SystemdNotifier notifier = notifier((sunPath, payload, fds) -> this.sent.add(new String(payload)));
		assertThat(notifier.notify(Notification.ready())).isTrue();
		assertThat(this.sent).containsExactly("READY=1");
		assertThat(notifier.getSentCount()).isOne();
	}

	@Test
	void failuresAreCountedByKindAndLoggedOncePerKind(CapturedOutput output) {
		SystemdNotifier notifier = notifier((sunPath, payload, fds) -> {
			throw new NotifyException(new String(payload).startsWith("READY") ? "EACCES" : "ECONNREFUSED", "failed");
		});
		for (int i = 0; i < 3; i++) {
			notifier.notify(Notification.watchdog());
		}
		notifier.notify(Notification.ready());
		assertThat(notifier.getFailureCounts()).containsEntry("ECONNREFUSED", 3L).containsEntry("EACCES", 1L);
		assertThat(output.toString().lines().filter((line) -> line.contains("WARN"))).hasSize(2);
		assertThat(output).contains("nothing receives on this socket").contains("may not write to this socket");
	}

	@Test
	void unexpectedRuntimeFailureIsNeverThrown() {
		SystemdNotifier notifier = notifier((sunPath, payload, fds) -> {
			throw new IllegalStateException("boom");
		});
		assertThat(notifier.notify(Notification.ready())).isFalse();
		assertThat(notifier.getFailureCounts()).containsEntry("IllegalStateException", 1L);
	}

	@Test
	void mustArriveNotificationIsRetriedInTheBackgroundUntilDelivered(CapturedOutput output) {
		AtomicBoolean full = new AtomicBoolean(true);
		SystemdNotifier notifier = notifier(queue(full));
		assertThat(notifier.deliver(Notification.ready().and("STATUS", "Started a"))).isFalse();
		assertThat(notifier.notify(Notification.watchdog())).isFalse();
		assertThat(notifier.getPending()).containsExactly(Notification.ready().and("STATUS", "Started a"));
		assertThat(notifier.isRetrying()).isTrue();
		assertThat(notifier.getFailureCounts()).containsKey("EAGAIN");
		full.set(false);
		await().atMost(WAIT).until(() -> notifier.getPending().isEmpty());
		await().atMost(WAIT).until(() -> !notifier.isRetrying());
		assertThat(this.sent).containsExactly("READY=1\nSTATUS=Started a");
		assertThat(output.toString().lines()).filteredOn((line) -> line.contains("WARN"))
			.singleElement()
			.asString()
			.contains("EAGAIN")
			.contains("the service manager's queue is full");
		assertThat(output).contains("are delivered again");
	}

	@Test
	void failureThatComesBackSoonAndLastsIsLoggedAgainAfterAMinute(CapturedOutput output) {
		AtomicBoolean full = new AtomicBoolean(true);
		AtomicLong now = new AtomicLong();
		SystemdNotifier notifier = new SystemdNotifier(NotifySocketAddress.parse("/run/test/comes-back"), queue(full),
				now::get);
		assertThat(notifier.notify(Notification.watchdog())).isFalse();
		full.set(false);
		assertThat(notifier.notify(Notification.watchdog())).isTrue();
		// back 2 minutes later: within 10 minutes of its WARN, so DEBUG only, for a
		// minute
		full.set(true);
		now.addAndGet(Duration.ofMinutes(2).toNanos());
		assertThat(notifier.notify(Notification.watchdog())).isFalse();
		now.addAndGet(Duration.ofSeconds(59).toNanos());
		assertThat(notifier.notify(Notification.watchdog())).isFalse();
		assertThat(warnings(output, "/run/test/comes-back")).hasSize(1);
		now.addAndGet(Duration.ofSeconds(1).toNanos());
		assertThat(notifier.notify(Notification.watchdog())).isFalse();
		assertThat(notifier.notify(Notification.watchdog())).isFalse();
		assertThat(warnings(output, "/run/test/comes-back")).hasSize(2)
			.last()
			.asString()
			.contains("EAGAIN")
			.contains("failing for a minute now");
		full.set(false);
		assertThat(notifier.notify(Notification.watchdog())).isTrue();
		assertThat(output.toString().lines())
			.filteredOn((line) -> line.contains("/run/test/comes-back") && line.contains("are delivered again"))
			.hasSize(2)
			.allMatch((line) -> line.contains("INFO"));
	}

	private static List<String> warnings(CapturedOutput output, String address) {
		return output.toString().lines().filter((line) -> line.contains("WARN") && line.contains(address)).toList();
	}

	@Test
	void closedNotifierDropsWhatIsPendingAndRetriesNothingMore() {
		AtomicBoolean full = new AtomicBoolean(true);
		SystemdNotifier notifier = notifier(queue(full));
		assertThat(notifier.deliver(Notification.ready())).isFalse();
		assertThat(notifier.isRetrying()).isTrue();
		notifier.close();
		assertThat(notifier.getPending()).isEmpty();
		await().atMost(WAIT).until(() -> !notifier.isRetrying());
		assertThat(notifier.deliver(Notification.stopping())).isFalse();
		assertThat(notifier.getPending()).isEmpty();
		assertThat(notifier.isRetrying()).isFalse();
		full.set(false);
		assertThat(notifier.deliver(Notification.stopping())).as("tried once, and sent").isTrue();
		assertThat(this.sent).containsExactly("STOPPING=1");
	}

	@Test
	void laterNotificationsWaitBehindPendingOnesAndSupersedeThem() {
		AtomicBoolean full = new AtomicBoolean(true);
		SystemdNotifier notifier = notifier(queue(full));
		notifier.deliver(Notification.ready().and("STATUS", "Started a").and("MAINPID", "7"));
		assertThat(notifier.notify(Notification.status("Unhealthy"))).isFalse();
		notifier.deliver(Notification.stopping().and("STATUS", "Stopping"));
		assertThat(notifier.getPending()).extracting(Notification::getPayload)
			.containsExactly("READY=1\nSTATUS=Started a\nMAINPID=7", "STOPPING=1\nSTATUS=Stopping");
		full.set(false);
		await().atMost(WAIT).until(() -> notifier.getPending().isEmpty());
		assertThat(this.sent).containsExactly("READY=1\nSTATUS=Started a\nMAINPID=7", "STOPPING=1\nSTATUS=Stopping");
	}

	@Test
	void readyStillPendingIsDroppedWhenStoppingFollows() {
		AtomicBoolean full = new AtomicBoolean(true);
		SystemdNotifier notifier = notifier(queue(full));
		notifier.deliver(Notification.ready().and("STATUS", "Started a"));
		notifier.deliver(Notification.stopping().and("STATUS", "Stopping"));
		full.set(false);
		await().atMost(WAIT).until(() -> notifier.getPending().isEmpty());
		assertThat(this.sent).containsExactly("STOPPING=1\nSTATUS=Stopping");
	}

	@Test
	void pingsAndExtensionsAreNeverQueued() {
		AtomicBoolean full = new AtomicBoolean(true);
		SystemdNotifier notifier = notifier(queue(full));
		assertThat(notifier.notify(Notification.watchdog())).isFalse();
		assertThat(notifier.notify(Notification.extendTimeout(Duration.ofSeconds(10)))).isFalse();
		assertThat(notifier.getPending()).isEmpty();
		assertThat(notifier.isRetrying()).isFalse();
		assertThat(notifier.getFailureCounts()).containsEntry("EAGAIN", 2L);
	}

	@Test
	void finalStatusIsNotReplacedByStopping() {
		SystemdNotifier notifier = notifier((sunPath, payload, fds) -> this.sent.add(new String(payload)));
		notifier.notify(Notification.status("Starting a"));
		assertThat(notifier.deliverFinal(Notification.status("Failed to start: boom"))).isTrue();
		assertThat(notifier.deliver(Notification.stopping().and("STATUS", "Stopping"))).isTrue();
		assertThat(notifier.notify(Notification.status("Starting a: running application runners"))).isFalse();
		assertThat(this.sent).containsExactly("STATUS=Starting a", "STATUS=Failed to start: boom", "STOPPING=1");
	}

	@Test
	void startupStatusAfterStoppingIsNotSent() {
		SystemdNotifier notifier = notifier((sunPath, payload, fds) -> this.sent.add(new String(payload)));
		notifier.deliver(Notification.stopping().and("STATUS", "Stopping"));
		assertThat(notifier.notify(Notification.status("Starting a: creating beans"))).isFalse();
		assertThat(notifier.deliver(Notification.ready().and("STATUS", "Started a"))).isFalse();
		assertThat(this.sent).containsExactly("STOPPING=1\nSTATUS=Stopping");
	}

	@Test
	void longestSendTimeIsMeasured() {
		SystemdNotifier notifier = notifier((sunPath, payload, fds) -> {
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		assertThat(notifier.getLongestSendTime()).isZero();
		notifier.notify(Notification.watchdog());
		assertThat(notifier.getLongestSendTime()).isZero();
		notifier.notify(Notification.status("Serving"));
		assertThat(notifier.getLongestSendTime()).isGreaterThanOrEqualTo(Duration.ofMillis(20));
	}

	@Test
	void failureThatComesAndGoesIsLoggedOnce(CapturedOutput output) {
		AtomicBoolean full = new AtomicBoolean();
		// an address of its own: the lines below are this notifier's, whatever else logs
		SystemdNotifier notifier = new SystemdNotifier(NotifySocketAddress.parse("/run/test/comes-and-goes"),
				queue(full));
		for (int i = 0; i < 5; i++) {
			full.set(true);
			assertThat(notifier.notify(Notification.watchdog())).isFalse();
			full.set(false);
			assertThat(notifier.notify(Notification.watchdog())).isTrue();
		}
		assertThat(notifier.getFailureCounts()).containsEntry("EAGAIN", 5L);
		assertThat(notifier.getSentCount()).isEqualTo(5);
		assertThat(output.toString().lines())
			.filteredOn((line) -> line.contains("WARN") && line.contains("/run/test/comes-and-goes"))
			.singleElement()
			.asString()
			.contains("EAGAIN")
			.contains("the same failure again within 10 minutes, are logged at DEBUG");
		assertThat(output.toString().lines())
			.filteredOn((line) -> line.contains("/run/test/comes-and-goes") && line.contains("are delivered again"))
			.singleElement()
			.asString()
			.contains("INFO");
	}

	@Test
	void inactiveNotifierDeliversNothing() {
		SystemdNotifier notifier = SystemdNotifier.inactive();
		assertThat(notifier.deliver(Notification.ready())).isFalse();
		assertThat(notifier.deliverFinal(Notification.status("Failed to start: x"))).isFalse();
		assertThat(notifier.getPending()).isEmpty();
	}

	private NotifyTransport queue(AtomicBoolean full) {
		return (sunPath, payload, fds) -> {
			if (full.get()) {
				throw new NotifyException("EAGAIN", "sendto failed: Resource temporarily unavailable (EAGAIN)");
			}
			synchronized (this.sent) {
				this.sent.add(new String(payload));
			}
		};
	}

	private SystemdNotifier notifier(NotifyTransport transport) {
		return new SystemdNotifier(NotifySocketAddress.parse("/run/test/notify"), transport);
	}

}
