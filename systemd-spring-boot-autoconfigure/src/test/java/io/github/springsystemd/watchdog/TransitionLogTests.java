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

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.willAnswer;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link TransitionLog}.
 */
class TransitionLogTests {

	private final AtomicLong nanoTime = new AtomicLong();

	private final List<String> lines = new ArrayList<>();

	private final TransitionLog log = new TransitionLog(logger(), Duration.ofMinutes(1), this.nanoTime::get);

	@Test
	void steadyHealthLogsNothing() {
		for (int i = 0; i < 5; i++) {
			this.log.record(GateDecision.open("health is UP"), "pings continue");
			advance(Duration.ofSeconds(1));
		}
		assertThat(this.lines).isEmpty();
	}

	@Test
	void flappingLogsEachTransitionOncePerWindowThenASummary() {
		for (int i = 0; i < 10; i++) {
			this.log.record(GateDecision.closed("sample is DOWN"), "restart if this lasts 4s");
			advance(Duration.ofSeconds(1));
			this.log.record(GateDecision.open("health is UP"), "pings continue");
			advance(Duration.ofSeconds(1));
		}
		assertThat(this.lines).containsExactly(
				"WARN Systemd watchdog health gate closed: sample is DOWN; restart if this lasts 4s",
				"INFO Systemd watchdog health gate open again: health is UP");
		advance(Duration.ofSeconds(60));
		this.log.record(GateDecision.open("health is UP"), "pings continue");
		assertThat(this.lines).hasSize(3)
			.last()
			.isEqualTo("INFO 18 more changes of the systemd watchdog health gate within 60s were not logged; "
					+ "now open: health is UP");
		this.log.record(GateDecision.closed("sample is DOWN"), "restart if this lasts 4s");
		assertThat(this.lines).hasSize(4).last().asString().startsWith("WARN Systemd watchdog health gate closed");
	}

	@Test
	void differentReasonsAreEachLogged() {
		this.log.record(GateDecision.closed("a is DOWN"), "x");
		this.log.record(GateDecision.closed("b is DOWN"), "x");
		assertThat(this.lines).hasSize(2);
	}

	@Test
	void reasonsThatDifferOnlyByNumbersAreOneDecision() {
		for (int i = 0; i < 60; i++) {
			this.log.record(
					GateDecision.closed("app is DOWN (timed out after " + (1000 + i) + " ms, attempt " + i + ")"),
					"restart if this lasts 4s");
			advance(Duration.ofSeconds(1));
		}
		assertThat(this.lines).singleElement()
			.asString()
			.startsWith("WARN Systemd watchdog health gate closed: app is DOWN (timed out after 1000 ms, attempt 0)");
	}

	@Test
	void componentsWhoseNamesDifferOnlyByNumbersAreDifferentDecisions() {
		this.log.record(new GateDecision(false, "db1 is DOWN",
				List.of(new ComponentHealth("db1", "DOWN", true, "db1 is DOWN"))), "x");
		this.log.record(new GateDecision(false, "db2 is DOWN",
				List.of(new ComponentHealth("db2", "DOWN", true, "db2 is DOWN"))), "x");
		assertThat(this.lines).containsExactly("WARN Systemd watchdog health gate closed: db1 is DOWN; x",
				"WARN Systemd watchdog health gate closed: db2 is DOWN; x");
	}

	@Test
	void decisionsLoggedAreRememberedForTheWindowOnly() {
		for (int i = 0; i < 100; i++) {
			this.log.record(GateDecision.closed("sample is DOWN: " + "abcdefghij".substring(i % 10) + i % 7), "x");
			this.log.record(GateDecision.closed("other " + (char) ('a' + i % 26) + " is DOWN"), "x");
			advance(Duration.ofSeconds(7));
		}
		// one decision in each 7 s, each logged at most once a minute: a few, not 200
		assertThat(this.log.remembered()).isLessThanOrEqualTo(2 * 60 / 7 + 2);
	}

	@Test
	void aReasonIsLoggedOnOneLineOfAtMost400Characters() {
		this.log.record(GateDecision.closed("sample is DOWN: \u001b[2J\u0000" + "e".repeat(5000) + "\nat x"), "x");
		assertThat(this.lines).singleElement()
			.satisfies((line) -> assertThat(line)
				.startsWith("WARN Systemd watchdog health gate closed: sample is DOWN: [2J eee")
				.contains("e...; x")
				.doesNotContain("\u001b", "\u0000", "\n")
				.hasSizeLessThan(500));
	}

	private void advance(Duration duration) {
		this.nanoTime.addAndGet(duration.toNanos());
	}

	private Log logger() {
		Log logger = mock(Log.class);
		willAnswer((invocation) -> this.lines.add("WARN " + invocation.getArgument(0))).given(logger).warn(any());
		willAnswer((invocation) -> this.lines.add("INFO " + invocation.getArgument(0))).given(logger).info(any());
		return logger;
	}

}
