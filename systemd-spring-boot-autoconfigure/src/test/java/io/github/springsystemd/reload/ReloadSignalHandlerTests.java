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
package io.github.springsystemd.reload;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.github.springsystemd.notify.SystemdNotifier;
import io.github.springsystemd.test.NotifySocketReceiver;
import io.github.springsystemd.test.SighupHandlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

/**
 * Tests for {@link ReloadSignalHandler}, with real {@code SIGHUP}s sent by {@code kill}
 * to this JVM and a real notification socket.
 */
@EnabledOnOs(OS.LINUX)
@ExtendWith(OutputCaptureExtension.class)
class ReloadSignalHandlerTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@RegisterExtension
	final NotifySocketReceiver receiver = NotifySocketReceiver.perTest();

	private SystemdNotifier notifier;

	private final ReloadSignalHandler handler = new ReloadSignalHandler();

	private final AtomicInteger reloads = new AtomicInteger();

	@BeforeEach
	void createNotifier() {
		this.notifier = SystemdNotifier.create(this.receiver.getNotifySocket());
	}

	@AfterEach
	void close() throws Exception {
		this.handler.uninstall();
	}

	@Test
	void installTakesOverSighupAndUninstallPutsThePreviousHandlerBack() {
		SighupHandlers.Handler original = SighupHandlers.current();
		assertThat(this.handler.install()).isNull();
		assertThat(this.handler.isInstalled()).isTrue();
		assertThat(SighupHandlers.current()).isNotEqualTo(original);
		this.handler.uninstall();
		assertThat(this.handler.isInstalled()).isFalse();
		assertThat(SighupHandlers.current()).isEqualTo(original);
	}

	@Test
	void uninstallLeavesAHandlerInstalledByOthersAlone() {
		SighupHandlers.Handler original = SighupHandlers.current();
		assertThat(this.handler.install()).isNull();
		SighupHandlers.Handler other = SighupHandlers.doingNothing();
		SighupHandlers.handle(other);
		try {
			this.handler.uninstall();
			assertThat(SighupHandlers.current()).isEqualTo(other);
		}
		finally {
			SighupHandlers.handle(original);
		}
	}

	@Test
	void sighupWhileStartingIsLoggedAndNothingIsSent(CapturedOutput output) throws Exception {
		assertThat(this.handler.install()).isNull();
		SighupHandlers.kill(1);
		await().atMost(WAIT)
			.until(output::getOut, containsString("Ignoring SIGHUP: the application is still starting"));
		assertThat(this.receiver.poll(Duration.ofMillis(500))).isNull();
	}

	@Test
	void sighupOnceReadyReloadsBetweenReloadingAndReady() throws Exception {
		assertThat(this.handler.install()).isNull();
		this.handler.ready(new SystemdReloader(this.notifier, List.of(this.reloads::incrementAndGet)));
		SighupHandlers.kill(1);
		assertThat(this.receiver.poll(WAIT)).startsWith("RELOADING=1\nMONOTONIC_USEC=");
		assertThat(this.receiver.poll(WAIT)).matches("READY=1\nSTATUS=Reloaded: 1 handler in \\d+\\.\\d s");
		assertThat(this.reloads).hasValue(1);
	}

	@Test
	void sighupWithoutHandlersSaysThereIsNothingToReload() throws Exception {
		assertThat(this.handler.install()).isNull();
		this.handler.ready(new SystemdReloader(this.notifier, List.of()));
		SighupHandlers.kill(1);
		assertThat(this.receiver.poll(WAIT)).startsWith("RELOADING=1\nMONOTONIC_USEC=");
		assertThat(this.receiver.poll(WAIT)).isEqualTo("READY=1\nSTATUS=Reloaded: nothing to reload");
	}

	@Test
	void burstOfSighupsWhileAReloadRunsRunsOneMoreReload() throws Exception {
		CountDownLatch firstRunning = new CountDownLatch(1);
		CountDownLatch finishFirst = new CountDownLatch(1);
		assertThat(this.handler.install()).isNull();
		this.handler.ready(new SystemdReloader(this.notifier, List.of(() -> {
			if (this.reloads.incrementAndGet() == 1) {
				firstRunning.countDown();
				assertThat(finishFirst.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
			}
		})));
		SighupHandlers.kill(1);
		assertThat(firstRunning.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		SighupHandlers.kill(99);
		await().atMost(WAIT).untilAsserted(() -> assertThat(sighupThreads()).as("SIGHUP threads alive").isOne());
		assertThat(this.receiver.poll(WAIT)).startsWith("RELOADING=1\n");
		finishFirst.countDown();
		assertThat(this.receiver.poll(WAIT)).startsWith("READY=1\nSTATUS=Reloaded: 1 handler");
		assertThat(this.receiver.poll(WAIT)).as("the pending reload").startsWith("RELOADING=1\n");
		assertThat(this.receiver.poll(WAIT)).startsWith("READY=1\nSTATUS=Reloaded: 1 handler");
		int late = 0;
		while (this.receiver.poll(Duration.ofSeconds(1)) != null) {
			late++;
		}
		assertThat(late).as("messages of one more reload, for a signal dispatched after the pending one began")
			.isLessThanOrEqualTo(2);
		assertThat(this.reloads.get()).as("reloads run for 100 signals").isBetween(2, 3);
	}

	@Test
	void sighupWhileStoppingIsLoggedAndNothingIsSent(CapturedOutput output) throws Exception {
		assertThat(this.handler.install()).isNull();
		this.handler.ready(new SystemdReloader(this.notifier, List.of(this.reloads::incrementAndGet)));
		this.handler.stopping();
		SighupHandlers.kill(1);
		await().atMost(WAIT).until(output::getOut, containsString("Ignoring SIGHUP: the application is stopping"));
		assertThat(this.receiver.poll(Duration.ofMillis(500))).isNull();
		assertThat(this.reloads).hasValue(0);
	}

	@Test
	void sighupWhileGettingReadyReloadsOnceReady(CapturedOutput output) throws Exception {
		// READY=1 is sent while ApplicationReadyEvent is handled: systemctl reload may
		// come before the application is ready for traffic, and must not be lost
		sighupWhileGettingReady(output);
		assertThat(this.receiver.poll(Duration.ofMillis(300))).isNull();
		this.handler.ready(new SystemdReloader(this.notifier, List.of(this.reloads::incrementAndGet)));
		assertThat(this.receiver.poll(WAIT)).startsWith("RELOADING=1\nMONOTONIC_USEC=");
		assertThat(this.receiver.poll(WAIT)).startsWith("READY=1\nSTATUS=Reloaded: 1 handler");
		assertThat(this.reloads).hasValue(1);
	}

	@Test
	void sighupWhileGettingReadyIsDroppedWhenTheApplicationStopsInstead(CapturedOutput output) throws Exception {
		sighupWhileGettingReady(output);
		this.handler.stopping();
		this.handler.ready(new SystemdReloader(this.notifier, List.of(this.reloads::incrementAndGet)));
		assertThat(this.receiver.poll(Duration.ofMillis(500))).isNull();
		assertThat(this.reloads).hasValue(0);
	}

	@Test
	void reloadPendingWhenTheApplicationStopsDoesNotRun() throws Exception {
		CountDownLatch firstRunning = new CountDownLatch(1);
		CountDownLatch finishFirst = new CountDownLatch(1);
		AtomicInteger afterStopping = new AtomicInteger();
		AtomicBoolean stopping = new AtomicBoolean();
		this.handler.ready(new SystemdReloader(this.notifier, List.of(() -> {
			if (stopping.get()) {
				afterStopping.incrementAndGet();
			}
			if (this.reloads.incrementAndGet() == 1) {
				firstRunning.countDown();
				assertThat(finishFirst.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
			}
		})));
		Thread first = new Thread(this.handler::onSignal, "first SIGHUP");
		first.start();
		assertThat(firstRunning.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		// a second SIGHUP leaves a reload pending, then SIGTERM closes the context
		this.handler.onSignal();
		this.handler.stopping();
		stopping.set(true);
		finishFirst.countDown();
		first.join(WAIT.toMillis());
		assertThat(this.reloads).hasValue(1);
		assertThat(afterStopping).hasValue(0);
	}

	private static long sighupThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().equals("SIGHUP handler"))
			.count();
	}

	/**
	 * Install the handler, send a SIGHUP while the application gets ready, and wait until
	 * the handler has said that it reloads once the application is ready.
	 */
	private void sighupWhileGettingReady(CapturedOutput output) throws Exception {
		assertThat(this.handler.install()).isNull();
		this.handler.gettingReady();
		SighupHandlers.kill(1);
		await().atMost(WAIT)
			.until(output::getOut,
					containsString("SIGHUP while the application gets ready: it reloads once it is ready"));
	}

}
