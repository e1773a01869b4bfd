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

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import sun.misc.Signal;
import sun.misc.SignalHandler;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.support.StaticApplicationContext;

import io.github.springsystemd.notify.SystemdNotifier;
import io.github.springsystemd.test.SighupHandlers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ReloadSignalHandler}. No signal is raised: the handler's entry point
 * is called directly, and the end-to-end suite sends real {@code SIGHUP}s.
 */
@ExtendWith(OutputCaptureExtension.class)
class ReloadSignalHandlerTests {

	private static final Signal SIGHUP = new Signal("HUP");

	private final List<String> reloads = new ArrayList<>();

	private final StaticApplicationContext context = new StaticApplicationContext();

	private final ReloadSignalHandler handler = new ReloadSignalHandler(
			new SystemdReloader(SystemdNotifier.inactive(), List.of(() -> this.reloads.add("reloaded"))), this.context);

	@AfterEach
	void stop() {
		this.handler.stop();
	}

	@Test
	void startTakesOverSighupAndStopPutsThePreviousHandlerBack() {
		SignalHandler original = SighupHandlers.current();
		this.handler.start();
		assertThat(this.handler.isRunning()).isTrue();
		assertThat(SighupHandlers.current()).doesNotHaveToString(original.toString());
		this.handler.stop();
		assertThat(this.handler.isRunning()).isFalse();
		assertThat(SighupHandlers.current()).hasToString(original.toString());
	}

	@Test
	void stopLeavesAHandlerInstalledByOthersAlone() {
		SignalHandler original = SighupHandlers.current();
		SignalHandler other = (signal) -> {
		};
		try {
			this.handler.start();
			Signal.handle(SIGHUP, other);
			this.handler.stop();
			assertThat(SighupHandlers.current()).isSameAs(other);
		}
		finally {
			Signal.handle(SIGHUP, original);
		}
	}

	@Test
	void sighupBeforeReadyIsIgnored(CapturedOutput output) {
		this.handler.onSignal();
		assertThat(this.reloads).isEmpty();
		assertThat(output).contains("Ignoring SIGHUP: the application is still starting");
	}

	@Test
	void sighupOnceReadyReloads() {
		this.handler.onApplicationEvent(ready());
		this.handler.onSignal();
		this.handler.onSignal();
		assertThat(this.reloads).containsExactly("reloaded", "reloaded");
	}

	@Test
	void sighupWhileStoppingIsIgnored(CapturedOutput output) {
		this.handler.onApplicationEvent(ready());
		this.handler.onApplicationEvent(new ContextClosedEvent(this.context));
		this.handler.onSignal();
		assertThat(this.reloads).isEmpty();
		assertThat(output).contains("Ignoring SIGHUP: the application is stopping");
	}

	@Test
	void eventsOfOtherContextsAreIgnored() {
		this.handler.onApplicationEvent(new ApplicationReadyEvent(new SpringApplication(), new String[0],
				new StaticApplicationContext(), Duration.ZERO));
		this.handler.onSignal();
		assertThat(this.reloads).isEmpty();
	}

	private ApplicationReadyEvent ready() {
		return new ApplicationReadyEvent(new SpringApplication(), new String[0], this.context, Duration.ZERO);
	}

}
