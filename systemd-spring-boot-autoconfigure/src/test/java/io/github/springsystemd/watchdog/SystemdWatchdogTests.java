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
package io.github.springsystemd.watchdog;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.github.springsystemd.notify.SystemdNotifier;
import io.github.springsystemd.protocol.Notification;
import io.github.springsystemd.test.NotifySocketReceiver;
import io.github.springsystemd.test.Uninterruptibly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link SystemdWatchdog}, sending to a real notification socket.
 */
@EnabledOnOs(OS.LINUX)
@ExtendWith(OutputCaptureExtension.class)
class SystemdWatchdogTests {

	private static final Duration WAIT = Duration.ofSeconds(5);

	private static final Duration QUIET = Duration.ofMillis(300);

	private static final Duration STUCK_CHECK_TIMEOUT = Duration.ofMillis(100);

	@TempDir
	Path temp;

	@RegisterExtension
	final NotifySocketReceiver receiver = NotifySocketReceiver.perTest();

	private SystemdNotifier notifier;

	private SystemdWatchdog watchdog;

	private final AtomicLong nanoTime = new AtomicLong();

	@BeforeEach
	void createNotifier() {
		this.notifier = SystemdNotifier.create(this.receiver.getNotifySocket());
	}

	@AfterEach
	void close() throws Exception {
		if (this.watchdog != null) {
			this.watchdog.stop();
		}
	}

	@Test
	void startedWatchdogPingsRepeatedlyOnItsOwnDaemonThread() throws Exception {
		AtomicReference<Thread> gateThread = new AtomicReference<>();
		this.watchdog = new SystemdWatchdog(this.notifier, () -> {
			gateThread.set(Thread.currentThread());
			return GateDecision.open("test");
		}, Duration.ofMillis(50), Duration.ofSeconds(1));
		this.watchdog.start();
		for (int i = 0; i < 3; i++) {
			assertThat(this.receiver.poll(WAIT)).isEqualTo("WATCHDOG=1");
		}
		await().atMost(WAIT).until(() -> this.watchdog.getPingsSent() >= 3);
		assertThat(this.watchdog.getLastPing()).isNotNull();
		assertThat(gateThread.get().getName()).isEqualTo("systemd-watchdog-check");
		assertThat(gateThread.get().isDaemon()).isTrue();
		// a watchdog stopped by an earlier test may still be ending its thread
		await().atMost(WAIT).until(() -> liveThreads("systemd-watchdog") == 1);
	}

	@Test
	void stopEndsPingsAndThreads() throws Exception {
		this.watchdog = new SystemdWatchdog(this.notifier, WatchdogGate.OPEN, Duration.ofMillis(50),
				Duration.ofSeconds(1));
		this.watchdog.start();
		assertThat(this.receiver.poll(WAIT)).isEqualTo("WATCHDOG=1");
		this.watchdog.stop();
		assertThat(this.watchdog.isRunning()).isFalse();
		await().atMost(WAIT).until(() -> liveThreads("systemd-watchdog") == 0);
		while (this.receiver.poll(Duration.ZERO) != null) {
			// drain pings sent before the pinging thread ended
		}
		assertThat(this.receiver.poll(QUIET)).isNull();
	}

	@Test
	void pingWithALongStatusStaysAPingSystemdReads() throws Exception {
		// systemd ignores a datagram of 4096 bytes or more, or with a NUL byte, whole:
		// the
		// ping would be lost with the status and a healthy service killed
		this.watchdog = new SystemdWatchdog(this.notifier,
				() -> GateDecision.closed("db is DOWN (could not execute query: \u0000" + "x".repeat(5000) + ")"),
				Duration.ofSeconds(5), Duration.ofMillis(500));
		this.watchdog.setTriggerAfter(Duration.ofSeconds(10));
		this.watchdog.beat();
		String ping = this.receiver.poll(WAIT);
		assertThat(ping).startsWith("WATCHDOG=1\nSTATUS=Unhealthy; db is DOWN (could not execute query: xxx")
			.endsWith("x...")
			.doesNotContain("\u0000");
		assertThat(ping.getBytes(StandardCharsets.UTF_8).length)
			.isLessThanOrEqualTo("WATCHDOG=1\nSTATUS=".length() + 400);
		assertThat(this.watchdog.getPingsSent()).isOne();
	}

	@Test
	void pingTheSocketDoesNotTakeIsSentAgainBeforeTheNextIsDue() throws Exception {
		// the next ping is due in an hour: a ping that arrives before is the refused one
		// sent again
		try (NotifySocketReceiver stalled = NotifySocketReceiver.bindWithoutReading(this.temp.resolve("stalled"))) {
			stalled.fillQueue();
			this.notifier = SystemdNotifier.create(stalled.getNotifySocket());
			this.watchdog = new SystemdWatchdog(this.notifier, WatchdogGate.OPEN, Duration.ofHours(1),
					Duration.ofSeconds(1));
			this.watchdog.start();
			this.watchdog.beat();
			// the service manager reads nothing until the ping has been refused again
			await().atMost(WAIT).until(() -> this.notifier.getFailureCounts().getOrDefault("EAGAIN", 0L) >= 2);
			assertThat(this.watchdog.getPingsSent()).isZero();
			stalled.startReading();
			assertThat(stalled.await("WATCHDOG=1"::equals, WAIT)).isNotNull();
		}
	}

	@Test
	void statusThatDidNotArriveIsSentWithTheNextPing() throws Exception {
		try (NotifySocketReceiver stalled = NotifySocketReceiver.bindWithoutReading(this.temp.resolve("stalled"))) {
			int queued = stalled.fillQueue();
			this.notifier = SystemdNotifier.create(stalled.getNotifySocket());
			GateDecision degraded = new GateDecision(true, "db is DOWN (not gating the watchdog)",
					List.of(new ComponentHealth("db", "DOWN", false, "db is DOWN")));
			this.watchdog = new SystemdWatchdog(this.notifier, () -> degraded, Duration.ofSeconds(5),
					Duration.ofSeconds(1));
			this.watchdog.beat();
			assertThat(this.watchdog.getPingsSent()).isZero();
			stalled.startReading();
			// the next ping comes once the service manager has read what was queued
			await().atMost(WAIT).until(() -> stalled.received().size() == queued);
			this.watchdog.beat();
			assertThat(stalled.await((m) -> m.startsWith("WATCHDOG=1"), WAIT))
				.isEqualTo("WATCHDOG=1\nSTATUS=Degraded; db is DOWN (not gating the watchdog)");
		}
	}

	@Test
	void closedGateStatusReplacedByAReloadIsSentAgainWithTheNextPing() throws Exception {
		this.watchdog = new SystemdWatchdog(this.notifier, () -> GateDecision.closed("sample is DOWN"),
				Duration.ofSeconds(5), Duration.ofSeconds(1));
		this.watchdog.setTriggerAfter(Duration.ofSeconds(60));
		this.watchdog.beat();
		String unhealthy = "STATUS=Unhealthy; sample is DOWN; systemd restarts the service if this lasts 60s";
		assertThat(this.receiver.poll(WAIT)).isEqualTo("WATCHDOG=1\n" + unhealthy);
		// systemctl reload meanwhile: its outcome replaces the status
		this.notifier.notify(Notification.status("Reloaded: 1 handler in 0.0 s"));
		assertThat(this.receiver.poll(WAIT)).isEqualTo("STATUS=Reloaded: 1 handler in 0.0 s");
		this.watchdog.beat();
		assertThat(this.receiver.poll(WAIT)).startsWith("WATCHDOG=1\nSTATUS=Unhealthy; sample is DOWN;");
		this.watchdog.beat();
		assertThat(this.receiver.poll(WAIT)).isEqualTo("WATCHDOG=1");
	}

	@Test
	void runningOrDegradedStatusDoesNotReplaceAnotherStatus() throws Exception {
		GateDecision degraded = new GateDecision(true, "db is DOWN (not gating the watchdog)",
				List.of(new ComponentHealth("db", "DOWN", false, "db is DOWN")));
		AtomicReference<GateDecision> decision = new AtomicReference<>(degraded);
		this.watchdog = new SystemdWatchdog(this.notifier, decision::get, Duration.ofSeconds(5), Duration.ofSeconds(1));
		this.watchdog.beat();
		assertThat(this.receiver.poll(WAIT)).startsWith("WATCHDOG=1\nSTATUS=Degraded; db is DOWN");
		decision.set(GateDecision.open("health group 'watchdog' is UP"));
		this.watchdog.beat();
		assertThat(this.receiver.poll(WAIT)).isEqualTo("WATCHDOG=1\nSTATUS=Running; health group 'watchdog' is UP");
		this.notifier.notify(Notification.status("Reloaded: 1 handler in 0.0 s"));
		assertThat(this.receiver.poll(WAIT)).startsWith("STATUS=Reloaded");
		this.watchdog.beat();
		assertThat(this.receiver.poll(WAIT)).isEqualTo("WATCHDOG=1");
		// degraded again, then a failed reload: degraded does not replace it either
		decision.set(degraded);
		this.watchdog.beat();
		assertThat(this.receiver.poll(WAIT)).startsWith("WATCHDOG=1\nSTATUS=Degraded; db is DOWN");
		this.notifier.notify(Notification.status("Reload failed: prices.csv is invalid (IllegalStateException)"));
		assertThat(this.receiver.poll(WAIT)).startsWith("STATUS=Reload failed");
		this.watchdog.beat();
		assertThat(this.receiver.poll(WAIT)).isEqualTo("WATCHDOG=1");
		assertThat(this.notifier.getStatus()).contains("Reload failed: prices.csv is invalid (IllegalStateException)");
	}

	@Test
	void stopDuringACheckDecidesNothingAndSendsNothing(CapturedOutput output) throws Exception {
		CountDownLatch inCheck = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		this.watchdog = new SystemdWatchdog(this.notifier, () -> {
			inCheck.countDown();
			// a healthy check in a read that does not answer interrupts
			Uninterruptibly.await(release);
			return GateDecision.open("health is UP");
		}, Duration.ofMillis(200), Duration.ofSeconds(1));
		this.watchdog.setTriggerAfter(Duration.ofSeconds(10));
		this.watchdog.start();
		assertThat(inCheck.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
		this.watchdog.stop();
		release.countDown();
		// once the pinging and the checking thread have ended, nothing more can be sent
		await().atMost(WAIT).until(() -> liveThreads("systemd-watchdog") + liveThreads("systemd-watchdog-check") == 0);
		assertThat(this.receiver.poll(QUIET)).isNull();
		assertThat(this.watchdog.getLastDecision()).isNull();
		assertThat(output).doesNotContain("health gate closed");
	}

	@Test
	void checkThatRunsOverDelaysThePingByAtMostHalfItsTimeoutMore() {
		// WatchdogSec=400ms: pings every 200 ms, checks time out after 100 ms. A check
		// that runs over delays its ping by at most 150 ms: 350 ms between pings, within
		// WatchdogSec= (a fixed grace of 250 ms made it 550 ms)
		assertThat(new SystemdWatchdog(this.notifier, WatchdogGate.OPEN, Duration.ofMillis(200), Duration.ofMillis(100))
			.checkWait()).isEqualTo(Duration.ofMillis(150));
		assertThat(new SystemdWatchdog(this.notifier, WatchdogGate.OPEN, Duration.ofSeconds(5), Duration.ofMillis(2500))
			.checkWait()).isEqualTo(Duration.ofMillis(2750));
	}

	@Test
	void closedGateWithholdsPingsAndSaysWhyOnce(CapturedOutput output) throws Exception {
		AtomicReference<GateDecision> decision = new AtomicReference<>(GateDecision.open("health is UP"));
		this.watchdog = watchdog(decision::get);
		this.watchdog.beat();
		assertThat(this.receiver.poll(WAIT)).isEqualTo("WATCHDOG=1");
		decision.set(GateDecision.closed("health is DOWN (db=DOWN)"));
		this.watchdog.beat();
		this.watchdog.beat();
		this.watchdog.beat();
		assertThat(this.receiver.poll(WAIT))
			.isEqualTo("STATUS=Unhealthy; health is DOWN (db=DOWN); watchdog pings withheld");
		assertThat(this.receiver.poll(QUIET)).isNull();
		assertThat(this.watchdog.getPingsWithheld()).isEqualTo(3);
		assertThat(output.toString().lines().filter((line) -> line.contains("health gate closed"))).singleElement()
			.asString()
			.contains("WARN")
			.contains("Systemd watchdog health gate closed: health is DOWN (db=DOWN); watchdog pings withheld");
		decision.set(GateDecision.open("health is UP"));
		this.watchdog.beat();
		assertThat(this.receiver.poll(WAIT)).isEqualTo("WATCHDOG=1\nSTATUS=Running; health is UP");
		assertThat(output).contains("Systemd watchdog health gate open again: health is UP");
	}

	@Test
	void changedReasonIsLoggedAgain(CapturedOutput output) throws Exception {
		AtomicReference<GateDecision> decision = new AtomicReference<>(GateDecision.closed("health is DOWN (a=DOWN)"));
		this.watchdog = watchdog(decision::get);
		this.watchdog.beat();
		decision.set(GateDecision.closed("health is DOWN (b=DOWN)"));
		this.watchdog.beat();
		assertThat(output.toString().lines().filter((line) -> line.contains("health gate closed"))).hasSize(2);
	}

	@Test
	void hangingCheckTimesOutAndDoesNotPileUpThreads(CapturedOutput output) throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		AtomicInteger checks = new AtomicInteger();
		this.watchdog = stuckCheckWatchdog(() -> {
			checks.incrementAndGet();
			try {
				release.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return GateDecision.open("health is UP");
		});
		for (int i = 0; i < 5; i++) {
			this.watchdog.beat();
		}
		assertThat(checks).hasValue(1);
		assertThat(this.watchdog.getPingsWithheld()).isEqualTo(5);
		assertThat(this.receiver.poll(WAIT))
			.isEqualTo("STATUS=Unhealthy; health check did not complete within 100ms; watchdog pings withheld");
		assertThat(output).contains("Systemd watchdog health gate closed: health check did not complete within 100ms");
		release.countDown();
		// beats go on withholding until the hanging check has returned, then check anew
		await().atMost(WAIT).untilAsserted(() -> {
			this.watchdog.beat();
			assertThat(this.watchdog.getLastDecision().open()).isTrue();
		});
		assertThat(checks).hasValueGreaterThanOrEqualTo(2);
		assertThat(this.receiver.await((message) -> message.startsWith("WATCHDOG=1"), WAIT))
			.startsWith("WATCHDOG=1\nSTATUS=Running");
	}

	@Test
	void stuckCheckLogsTheStackOfItsThreadOncePerStuckCheck(CapturedOutput output) throws Exception {
		CountDownLatch first = new CountDownLatch(1);
		AtomicReference<CountDownLatch> latch = new AtomicReference<>(first);
		this.watchdog = stuckCheckWatchdog(() -> stuckIn(latch.get()));
		for (int i = 0; i < 3; i++) {
			this.watchdog.beat();
		}
		assertThat(stuckCheckLines(output)).singleElement()
			.asString()
			.contains("WARN")
			.contains("Health check did not complete within 100ms; the thread that runs it is at:");
		assertThat(output).contains("\"systemd-watchdog-check\" daemon WAITING")
			.contains(SystemdWatchdogTests.class.getName() + ".stuckIn(SystemdWatchdogTests.java:")
			.doesNotContain("All threads:");
		CountDownLatch second = new CountDownLatch(1);
		latch.set(second);
		first.countDown();
		await().atMost(WAIT).untilAsserted(() -> {
			this.watchdog.beat();
			assertThat(stuckCheckLines(output)).hasSize(2);
		});
		this.watchdog.beat();
		assertThat(stuckCheckLines(output)).hasSize(2);
		second.countDown();
	}

	@Test
	void stuckCheckCanLogAllThreads(CapturedOutput output) throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		this.watchdog = stuckCheckWatchdog(() -> stuckIn(release));
		this.watchdog.setThreadDump(ThreadDump.ALL_THREADS);
		this.watchdog.beat();
		release.countDown();
		assertThat(output).contains("the thread that runs it is at:")
			.contains("All threads:")
			.contains("\"" + Thread.currentThread().getName() + "\"");
	}

	@Test
	void stuckCheckStacksCanBeTurnedOff(CapturedOutput output) throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		this.watchdog = stuckCheckWatchdog(() -> stuckIn(release));
		this.watchdog.setThreadDump(ThreadDump.NONE);
		this.watchdog.beat();
		release.countDown();
		assertThat(output).contains("Systemd watchdog health gate closed: health check did not complete within 100ms")
			.doesNotContain("the thread that runs it is at:");
	}

	@Test
	void failingCheckCountsAsClosedAndLaterBeatsGoOn() throws Exception {
		AtomicInteger calls = new AtomicInteger();
		this.watchdog = watchdog(() -> {
			if (calls.incrementAndGet() == 1) {
				throw new IllegalStateException("broken indicator");
			}
			return GateDecision.open("health is UP");
		});
		this.watchdog.beat();
		assertThat(this.receiver.poll(WAIT)).isEqualTo(
				"STATUS=Unhealthy; health check failed: java.lang.IllegalStateException: broken indicator; watchdog pings withheld");
		this.watchdog.beat();
		assertThat(this.receiver.poll(WAIT)).startsWith("WATCHDOG=1");
	}

	@Test
	void errorInScheduledCheckDoesNotStopLaterBeats() throws Exception {
		AtomicInteger calls = new AtomicInteger();
		WatchdogGate gate = () -> {
			if (calls.incrementAndGet() == 1) {
				throw new OutOfMemoryError("simulated");
			}
			return GateDecision.open("health is UP");
		};
		this.watchdog = new SystemdWatchdog(this.notifier, gate, Duration.ofMillis(50), Duration.ofSeconds(1));
		this.watchdog.start();
		assertThat(this.receiver.await((message) -> message.startsWith("WATCHDOG=1"), WAIT)).isNotNull();
		assertThat(calls.get()).isGreaterThan(1);
	}

	@Test
	void openGateNeedsNoCheckThread() throws Exception {
		this.watchdog = watchdog(WatchdogGate.OPEN);
		this.watchdog.beat();
		assertThat(this.receiver.poll(WAIT)).isEqualTo("WATCHDOG=1");
		assertThat(this.watchdog.getLastDecision()).isEqualTo(GateDecision.open("health gate disabled"));
	}

	@Test
	void gateClosedForTriggerAfterTriggersTheWatchdogFailureOnce(CapturedOutput output) throws Exception {
		AtomicReference<GateDecision> decision = new AtomicReference<>(GateDecision.open("health is UP"));
		this.watchdog = watchdog(decision::get, Duration.ofMillis(500));
		this.watchdog.setTriggerAfter(Duration.ofSeconds(1));
		this.watchdog.beat();
		assertThat(this.receiver.poll(WAIT)).isEqualTo("WATCHDOG=1");
		decision.set(GateDecision.closed("health is DOWN (db=DOWN)"));
		advance(Duration.ofMillis(500));
		this.watchdog.beat();
		assertThat(this.receiver.poll(WAIT)).isEqualTo(
				"WATCHDOG=1\nSTATUS=Unhealthy; health is DOWN (db=DOWN); systemd restarts the service if this lasts 1s");
		advance(Duration.ofMillis(500));
		this.watchdog.beat();
		assertThat(this.receiver.poll(WAIT)).isEqualTo("WATCHDOG=1");
		advance(Duration.ofMillis(500));
		this.watchdog.beat();
		assertThat(this.receiver.poll(WAIT))
			.isEqualTo("WATCHDOG=trigger\nSTATUS=Unhealthy; health is DOWN (db=DOWN); watchdog failure triggered");
		advance(Duration.ofSeconds(5));
		this.watchdog.beat();
		assertThat(this.receiver.poll(QUIET)).isNull();
		assertThat(this.watchdog.getPingsWithheld()).isEqualTo(2);
		assertThat(output.toString().lines().filter((line) -> line.contains("WATCHDOG=trigger"))).singleElement()
			.asString()
			.contains("WARN")
			.contains("The systemd watchdog health gate has been closed for 1s (health is DOWN (db=DOWN)), "
					+ "the limit is 1s; sending WATCHDOG=trigger so that systemd restarts the service");
	}

	@Test
	void gateThatOpensInTimeStartsTheTriggerDelayAfresh() throws Exception {
		AtomicReference<GateDecision> decision = new AtomicReference<>(GateDecision.closed("health is DOWN"));
		this.watchdog = watchdog(decision::get, Duration.ofMillis(500));
		this.watchdog.setTriggerAfter(Duration.ofSeconds(1));
		this.watchdog.beat();
		advance(Duration.ofMillis(500));
		this.watchdog.beat();
		advance(Duration.ofMillis(500));
		decision.set(GateDecision.open("health is UP"));
		this.watchdog.beat();
		decision.set(GateDecision.closed("health is DOWN"));
		advance(Duration.ofMillis(500));
		this.watchdog.beat();
		advance(Duration.ofMillis(500));
		this.watchdog.beat();
		assertThat(this.receiver.received()).noneMatch((message) -> message.contains("WATCHDOG=trigger"));
		advance(Duration.ofMillis(500));
		this.watchdog.beat();
		assertThat(this.receiver.await((message) -> message.startsWith("WATCHDOG=trigger"), WAIT)).isNotNull();
	}

	@Test
	void withoutTriggerAfterAClosedGateNeverTriggers() throws Exception {
		this.watchdog = watchdog(() -> GateDecision.closed("health is DOWN"));
		this.watchdog.beat();
		advance(Duration.ofDays(1));
		this.watchdog.beat();
		assertThat(this.watchdog.getTriggerAfter()).isNull();
		assertThat(this.receiver.poll(WAIT)).startsWith("STATUS=Unhealthy");
		assertThat(this.receiver.poll(QUIET)).isNull();
	}

	@Test
	void blipsShorterThanTheTriggerDelayNeverTriggerAndPingsGoOn() throws Exception {
		AtomicReference<GateDecision> decision = new AtomicReference<>(GateDecision.open("health is UP"));
		this.watchdog = watchdog(decision::get, Duration.ofSeconds(2));
		this.watchdog.setTriggerAfter(Duration.ofSeconds(4));
		for (int blip = 0; blip < 5; blip++) {
			decision.set(GateDecision.closed("sample is DOWN"));
			this.watchdog.beat();
			advance(Duration.ofSeconds(2));
			decision.set(GateDecision.open("health is UP"));
			this.watchdog.beat();
			advance(Duration.ofSeconds(2));
		}
		assertThat(this.watchdog.getPingsSent()).isEqualTo(10);
		assertThat(this.watchdog.getPingsWithheld()).isZero();
		assertThat(this.receiver.received()).noneMatch((message) -> message.contains("WATCHDOG=trigger"));
	}

	@Test
	void gateClosedForGoodTriggersWithinTheTriggerDelayPlusOneInterval() throws Exception {
		Duration interval = Duration.ofSeconds(2);
		Duration triggerAfter = Duration.ofSeconds(4);
		AtomicReference<GateDecision> decision = new AtomicReference<>(GateDecision.open("health is UP"));
		this.watchdog = watchdog(decision::get, interval);
		this.watchdog.setTriggerAfter(triggerAfter);
		this.watchdog.beat();
		advance(Duration.ofMillis(100));
		long downAt = this.nanoTime.get();
		decision.set(GateDecision.closed("sample is DOWN"));
		advance(Duration.ofMillis(1900));
		Long triggeredAt = null;
		for (int i = 0; i < 10 && triggeredAt == null; i++) {
			// the first closed check woke up late; the others on time
			advance((i == 0) ? Duration.ofMillis(300) : Duration.ZERO);
			this.watchdog.beat();
			if (this.watchdog.getPingsWithheld() > 0) {
				triggeredAt = this.nanoTime.get();
			}
			advance((i == 0) ? interval.minusMillis(300) : interval);
		}
		assertThat(triggeredAt).isNotNull();
		assertThat(this.receiver.await((message) -> message.startsWith("WATCHDOG=trigger"), WAIT)).isNotNull();
		Duration downFor = Duration.ofNanos(triggeredAt - downAt);
		assertThat(downFor).isGreaterThanOrEqualTo(triggerAfter).isLessThanOrEqualTo(triggerAfter.plus(interval));
	}

	@Test
	void checksRunBackToBackAfterAPauseDoNotTriggerEarly() throws Exception {
		this.watchdog = watchdog(() -> GateDecision.closed("sample is DOWN"), Duration.ofSeconds(2));
		this.watchdog.setTriggerAfter(Duration.ofSeconds(4));
		for (int i = 0; i < 5; i++) {
			this.watchdog.beat();
			advance(Duration.ofMillis(10));
		}
		assertThat(this.watchdog.getPingsWithheld()).isZero();
		advance(Duration.ofSeconds(4));
		this.watchdog.beat();
		assertThat(this.watchdog.getPingsWithheld()).isOne();
	}

	@Test
	void stackTakenAfterTheCheckFinishedIsNotLogged(CapturedOutput output) throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		this.watchdog = stuckCheckWatchdog(() -> stuckIn(release));
		this.watchdog.setStackReader((thread) -> {
			release.countDown();
			await().atMost(WAIT)
				.until(() -> Arrays.stream(thread.getStackTrace())
					.anyMatch((frame) -> frame.getMethodName().equals("getTask")));
			return thread.getStackTrace();
		});
		this.watchdog.beat();
		assertThat(output).doesNotContain("the thread that runs it is at:").doesNotContain("getTask");
		assertThat(this.watchdog.getLastDecision().open()).isTrue();
	}

	private static List<String> stuckCheckLines(CapturedOutput output) {
		return output.toString().lines().filter((line) -> line.contains("the thread that runs it is at:")).toList();
	}

	private static GateDecision stuckIn(CountDownLatch release) {
		try {
			release.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return GateDecision.open("health is UP");
	}

	private void advance(Duration duration) {
		this.nanoTime.addAndGet(duration.toNanos());
	}

	private SystemdWatchdog watchdog(WatchdogGate gate) {
		return watchdog(gate, Duration.ofHours(1));
	}

	/**
	 * A watchdog for gates that answer at once: their checks may take as long as a busy
	 * machine needs to run them.
	 */
	private SystemdWatchdog watchdog(WatchdogGate gate, Duration interval) {
		return new SystemdWatchdog(this.notifier, gate, interval, WAIT, Clock.systemUTC(), this.nanoTime::get);
	}

	/**
	 * A watchdog for gates whose checks hang until the test releases them.
	 */
	private SystemdWatchdog stuckCheckWatchdog(WatchdogGate gate) {
		return new SystemdWatchdog(this.notifier, gate, Duration.ofHours(1), STUCK_CHECK_TIMEOUT, Clock.systemUTC(),
				this.nanoTime::get);
	}

	private static long liveThreads(String name) {
		return Thread.getAllStackTraces().keySet().stream().filter((t) -> t.getName().equals(name)).count();
	}

}
