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
package io.github.springsystemd.lifecycle;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.github.springsystemd.lifecycle.TimeoutExtender.Phase;
import io.github.springsystemd.notify.SystemdNotifier;
import io.github.springsystemd.test.NotifySocketReceiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@EnabledOnOs(OS.LINUX)
@ExtendWith(OutputCaptureExtension.class)
class TimeoutExtenderTests {

	private static final Duration WAIT = Duration.ofSeconds(5);

	private static final Duration QUIET = Duration.ofMillis(300);

	private static final String TEN_SECONDS = "EXTEND_TIMEOUT_USEC=10000000";

	@RegisterExtension
	final NotifySocketReceiver receiver = NotifySocketReceiver.perTest();

	private SystemdNotifier notifier;

	private final AtomicLong nanoTime = new AtomicLong();

	private final CountDownLatch release = new CountDownLatch(1);

	private final Thread worker = new Thread(this::blockedStep, "worker");

	private ProgressProbe progress;

	private TimeoutExtender extender;

	@BeforeEach
	void setUp() {
		this.notifier = SystemdNotifier.create(this.receiver.getNotifySocket());
		this.worker.setDaemon(true);
		this.worker.start();
		await().until(() -> this.worker.getState() == Thread.State.WAITING);
		this.progress = new ProgressProbe(this.worker);
	}

	@AfterEach
	void tearDown() throws Exception {
		if (this.extender != null) {
			this.extender.stop();
		}
		this.release.countDown();
	}

	@Test
	void periodAndExtensionFollowTheStallTimeout() {
		TimeoutExtender byDefault = extender(Duration.ofSeconds(60), () -> false);
		assertThat(byDefault.getPeriod()).isEqualTo(Duration.ofSeconds(2));
		assertThat(byDefault.getExtension()).isEqualTo(Duration.ofSeconds(10));
		TimeoutExtender shortStall = extender(Duration.ofSeconds(1), () -> false);
		assertThat(shortStall.getPeriod()).isEqualTo(Duration.ofMillis(250));
		assertThat(shortStall.getExtension()).isEqualTo(Duration.ofMillis(1250));
	}

	@Test
	void extendsUntilNoProgressForTheStallTimeout(CapturedOutput output) throws Exception {
		this.extender = extender(Duration.ofSeconds(60), () -> false);
		this.extender.tick();
		assertThat(this.receiver.poll(WAIT)).isEqualTo(TEN_SECONDS);
		advance(Duration.ofSeconds(59));
		this.extender.tick();
		assertThat(this.receiver.poll(WAIT)).isEqualTo(TEN_SECONDS);
		advance(Duration.ofSeconds(1));
		this.extender.tick();
		this.extender.tick();
		assertThat(this.receiver.poll(QUIET)).isNull();
		assertThat(output.toString().lines().filter((line) -> line.contains("no progress"))).singleElement()
			.asString()
			.contains("WARN")
			.contains("Startup has made no progress for 60s: no bean was created and thread 'worker' stayed "
					+ "where it is. No longer extending the systemd start timeout, so systemd stops the service "
					+ "once TimeoutStartSec= runs out; raise systemd.startup.stall-timeout");
		assertThat(output).contains("Thread 'worker' (WAITING) is at:")
			.contains(TimeoutExtenderTests.class.getName() + ".blockedStep(TimeoutExtenderTests.java:");
	}

	@Test
	void progressKeepsExtendingAndResumesAfterAStall(CapturedOutput output) throws Exception {
		this.extender = extender(Duration.ofSeconds(60), () -> false);
		for (int i = 0; i < 5; i++) {
			this.progress.step();
			this.extender.tick();
			assertThat(this.receiver.poll(WAIT)).isEqualTo(TEN_SECONDS);
			advance(Duration.ofSeconds(30));
		}
		advance(Duration.ofSeconds(30));
		this.extender.tick();
		assertThat(this.receiver.poll(QUIET)).isNull();
		this.progress.step();
		this.extender.tick();
		assertThat(this.receiver.poll(WAIT)).isEqualTo(TEN_SECONDS);
		assertThat(output).contains("Startup makes progress again; extending the systemd start timeout again");
	}

	@Test
	void shutdownSaysWhichThreadAndSetting(CapturedOutput output) {
		this.extender = new TimeoutExtender(this.notifier, Phase.SHUTDOWN, this.progress, Duration.ofSeconds(5),
				() -> false, this.nanoTime::get);
		this.extender.tick();
		advance(Duration.ofSeconds(5));
		this.extender.tick();
		assertThat(output).contains("Shutdown has made no progress for 5s: thread 'worker' stayed where it is. "
				+ "No longer extending the systemd stop timeout, so systemd stops the service once TimeoutStopSec= "
				+ "runs out; raise systemd.shutdown.stall-timeout");
	}

	@Test
	void startSendsAtOnceFromItsOwnDaemonThreadAndStopEndsIt() throws Exception {
		this.extender = new TimeoutExtender(this.notifier, Phase.STARTUP, this.progress, Duration.ofSeconds(1),
				() -> false);
		// an extender of an earlier test may still be ending: count only the one started
		// here
		Set<Thread> before = liveThreads();
		this.extender.start();
		assertThat(this.receiver.poll(WAIT)).isEqualTo("EXTEND_TIMEOUT_USEC=1250000");
		assertThat(startedSince(before)).hasSize(1);
		assertThat(this.extender.isRunning()).isTrue();
		this.extender.stop();
		assertThat(this.extender.isRunning()).isFalse();
		await().atMost(WAIT).until(() -> startedSince(before).isEmpty());
		while (this.receiver.poll(Duration.ZERO) != null) {
			// drain extensions sent before stop
		}
		assertThat(this.receiver.poll(QUIET)).isNull();
		this.extender.start();
		assertThat(this.extender.isRunning()).isFalse();
	}

	@Test
	void finishedPhaseStopsTheExtenderWithoutAnotherExtension() throws Exception {
		AtomicBoolean finished = new AtomicBoolean();
		this.extender = extender(Duration.ofSeconds(60), finished::get);
		Set<Thread> before = liveThreads();
		this.extender.start();
		assertThat(this.receiver.poll(WAIT)).isEqualTo(TEN_SECONDS);
		finished.set(true);
		this.extender.tick();
		assertThat(this.extender.isRunning()).isFalse();
		await().atMost(WAIT).until(() -> startedSince(before).isEmpty());
	}

	private TimeoutExtender extender(Duration stallTimeout, BooleanSupplier finished) {
		return new TimeoutExtender(this.notifier, Phase.STARTUP, this.progress, stallTimeout, finished,
				this.nanoTime::get);
	}

	private void advance(Duration duration) {
		this.nanoTime.addAndGet(duration.toNanos());
	}

	private void blockedStep() {
		try {
			this.release.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static Set<Thread> liveThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().equals("systemd-timeout-extender"))
			.collect(Collectors.toSet());
	}

	private static Set<Thread> startedSince(Set<Thread> before) {
		Set<Thread> started = liveThreads();
		started.removeAll(before);
		return started;
	}

}
