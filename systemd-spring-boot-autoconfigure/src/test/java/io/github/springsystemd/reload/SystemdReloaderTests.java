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
import java.util.ArrayList;
import java.util.List;

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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SystemdReloader}, against a real notification socket.
 */
@EnabledOnOs(OS.LINUX)
@ExtendWith(OutputCaptureExtension.class)
class SystemdReloaderTests {

	private static final Duration WAIT = Duration.ofSeconds(5);

	@RegisterExtension
	final NotifySocketReceiver receiver = NotifySocketReceiver.perTest();

	private SystemdNotifier notifier;

	private final List<String> events = new ArrayList<>();

	@BeforeEach
	void createNotifier() {
		this.notifier = SystemdNotifier.create(this.receiver.getNotifySocket());
	}

	@Test
	void handlersRunInOrderBetweenReloadingAndReady(CapturedOutput output) throws Exception {
		SystemdReloader reloader = new SystemdReloader(this.notifier, List.of(recording("a"), recording("b")));
		long before = this.notifier.monotonicMicros();
		assertThat(reloader.reload()).isTrue();
		String reloading = this.receiver.poll(WAIT);
		assertThat(reloading).matches("RELOADING=1\nMONOTONIC_USEC=\\d+\nSTATUS=Reloading");
		assertThat(monotonicUsec(reloading)).isGreaterThanOrEqualTo(before);
		assertThat(this.receiver.poll(WAIT)).matches("READY=1\nSTATUS=Reloaded: 2 handlers in \\d+\\.\\d s");
		assertThat(this.events).containsExactly("a", "b");
		assertThat(output).contains("Reloading: 2 handlers").containsPattern("INFO .* Reloaded: 2 handlers in");
	}

	@Test
	void failedHandlerIsReportedWhileTheOthersStillRun(CapturedOutput output) throws Exception {
		SystemdReloader reloader = new SystemdReloader(this.notifier,
				List.of(failing(new IllegalStateException("config.yml:\nline 3 is invalid")), recording("b")));
		assertThat(reloader.reload()).isFalse();
		assertThat(this.receiver.poll(WAIT)).startsWith("RELOADING=1\n");
		assertThat(this.receiver.poll(WAIT))
			.isEqualTo("READY=1\nSTATUS=Reload failed: config.yml: line 3 is invalid (IllegalStateException)");
		assertThat(this.events).containsExactly("b");
		assertThat(output).containsPattern("WARN .* Reload handler .* failed")
			.contains("java.lang.IllegalStateException: config.yml:")
			.containsPattern(
					"WARN .* Reload failed: config.yml: line 3 is invalid \\(IllegalStateException\\); the application keeps running");
	}

	@Test
	void failedHandlerIsNamedByItsBeanNameOrItsClass(CapturedOutput output) throws Exception {
		SystemdReloadHandler named = failing(new IllegalStateException("first"));
		SystemdReloadHandler unnamed = failing(new IllegalStateException("second"));
		SystemdReloader reloader = new SystemdReloader(this.notifier, List.of(named, unnamed),
				(handler) -> (handler == named) ? "ordersReloader" : null);
		assertThat(reloader.reload()).isFalse();
		String lambdaIn = "a lambda in " + SystemdReloaderTests.class.getName();
		assertThat(output).contains("Reload handler 'ordersReloader' (" + lambdaIn + ") failed")
			.contains("Reload handler " + lambdaIn + " failed")
			.doesNotContain("$$Lambda");
	}

	@Test
	void severalFailuresNameTheFirst() throws Exception {
		SystemdReloader reloader = new SystemdReloader(this.notifier,
				List.of(failing(new Exception("first")), failing(new Exception("second")), failing(new Exception())));
		assertThat(reloader.reload()).isFalse();
		this.receiver.poll(WAIT);
		assertThat(this.receiver.poll(WAIT)).isEqualTo("READY=1\nSTATUS=Reload failed: first (Exception) (and 2 more)");
	}

	@Test
	void failureWithoutMessageIsNamedByItsCause() {
		assertThat(SystemdReloader.describe(new RuntimeException(null, new IllegalArgumentException("bad port"))))
			.isEqualTo("bad port (IllegalArgumentException)");
		assertThat(SystemdReloader.describe(new NullPointerException())).isEqualTo("NullPointerException");
	}

	@Test
	void reloadWithoutHandlersSaysThereIsNothingToReload(CapturedOutput output) throws Exception {
		assertThat(new SystemdReloader(this.notifier, List.of()).reload()).isTrue();
		assertThat(this.receiver.poll(WAIT)).matches("RELOADING=1\nMONOTONIC_USEC=\\d+\nSTATUS=Reloading");
		assertThat(this.receiver.poll(WAIT)).isEqualTo("READY=1\nSTATUS=Reloaded: nothing to reload");
		assertThat(output).containsPattern(
				"INFO .* Reloaded: nothing to reload: no SystemdReloadHandler bean; the application keeps running");
	}

	@Test
	void readyIsSentEvenWhenAHandlerThrowsAnError() throws Exception {
		SystemdReloader reloader = new SystemdReloader(this.notifier, List.of(() -> {
			throw new AssertionError("broken");
		}));
		try {
			reloader.reload();
		}
		catch (AssertionError ex) {
			this.events.add(ex.getMessage());
		}
		assertThat(this.events).containsExactly("broken");
		this.receiver.poll(WAIT);
		assertThat(this.receiver.poll(WAIT)).isEqualTo("READY=1\nSTATUS=Reload failed: broken (AssertionError)");
	}

	@Test
	void inactiveNotifierStillRunsHandlers() {
		SystemdReloader reloader = new SystemdReloader(SystemdNotifier.inactive(), List.of(recording("a")));
		assertThat(reloader.reload()).isTrue();
		assertThat(this.events).containsExactly("a");
	}

	private long monotonicUsec(String message) {
		return message.lines()
			.filter((line) -> line.startsWith("MONOTONIC_USEC="))
			.mapToLong((line) -> Long.parseLong(line.substring("MONOTONIC_USEC=".length())))
			.findFirst()
			.orElseThrow();
	}

	private SystemdReloadHandler recording(String name) {
		return () -> this.events.add(name);
	}

	private SystemdReloadHandler failing(Exception failure) {
		return () -> {
			throw failure;
		};
	}

}
