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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link HealthContributorWatchdogGate}.
 */
@ExtendWith(OutputCaptureExtension.class)
class HealthContributorWatchdogGateTests {

	private static final Duration WAIT = Duration.ofSeconds(5);

	/**
	 * The timeout of gates whose contributors hang: only the hanging ones run into it.
	 */
	private static final Duration HANG_TIMEOUT = Duration.ofMillis(200);

	private final Map<String, HealthContributor> contributors = new LinkedHashMap<>();

	private final CountDownLatch release = new CountDownLatch(1);

	private HealthContributorWatchdogGate gate;

	@AfterEach
	void close() {
		this.release.countDown();
		if (this.gate != null) {
			this.gate.close();
		}
	}

	@Test
	void allUpIsOpen() {
		this.contributors.put("app", up());
		this.contributors.put("db", up());
		GateDecision decision = gate(Set.of("app")).check();
		assertThat(decision.open()).isTrue();
		assertThat(decision.degraded()).isFalse();
		assertThat(decision.reason()).isEqualTo("health group 'watchdog' is UP");
	}

	@Test
	void downMemberClosesAndNamesIt() {
		this.contributors.put("app", status(Status.DOWN));
		this.contributors.put("db", status(Status.DOWN));
		GateDecision decision = gate(Set.of("app")).check();
		assertThat(decision.open()).isFalse();
		assertThat(decision.reason()).isEqualTo("app is DOWN, db is DOWN (not gating the watchdog)");
	}

	@Test
	void downNonMemberDegradesOnly() {
		this.contributors.put("app", up());
		this.contributors.put("db", status(Status.DOWN));
		GateDecision decision = gate(Set.of("app")).check();
		assertThat(decision.open()).isTrue();
		assertThat(decision.degraded()).isTrue();
		assertThat(decision.reason()).isEqualTo("db is DOWN (not gating the watchdog)");
	}

	@Test
	void outOfServiceUnknownAndCustomStatusesOfMembersDegradeOnly() {
		this.contributors.put("maintenance", status(Status.OUT_OF_SERVICE));
		this.contributors.put("unknown", status(Status.UNKNOWN));
		this.contributors.put("custom", status(new Status("FATAL")));
		GateDecision decision = gate(Set.of("maintenance", "unknown", "custom")).check();
		assertThat(decision.open()).isTrue();
		assertThat(decision.reason()).isEqualTo("maintenance is OUT_OF_SERVICE, unknown is UNKNOWN, custom is FATAL");
	}

	@Test
	void memberThatAnswersNoHealthIsUnknownAndLeavesTheGateOpen() {
		// HealthIndicator.health() may return null, which Spring Boot leaves out of the
		// aggregate: it must not count as DOWN (an exception) and restart the service
		this.contributors.put("app", up());
		this.contributors.put("silent", (HealthIndicator) () -> null);
		GateDecision decision = gate(Set.of("app", "silent")).check();
		assertThat(decision.open()).isTrue();
		assertThat(decision.reason()).isEqualTo("silent is UNKNOWN");
	}

	@Test
	void slowContributorDoesNotHideTheOthers() {
		this.contributors.put("db", hanging());
		this.contributors.put("app", status(Status.DOWN));
		// long enough for the contributor that answers to answer on a busy machine
		GateDecision decision = gate(Set.of("app"), Duration.ofSeconds(2)).check();
		assertThat(decision.reason()).isEqualTo("app is DOWN, db did not answer within 2s (not gating the watchdog)");
		assertThat(decision.components()).extracting(ComponentHealth::name, ComponentHealth::status)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("db", null),
					org.assertj.core.groups.Tuple.tuple("app", "DOWN"));
	}

	@Test
	void hungMemberClosesAndIsNotAskedAgainUntilItAnswers() {
		AtomicInteger calls = new AtomicInteger();
		this.contributors.put("app", (HealthIndicator) () -> {
			calls.incrementAndGet();
			return hang();
		});
		HealthContributorWatchdogGate gate = gate(Set.of("app"), HANG_TIMEOUT);
		for (int i = 0; i < 3; i++) {
			assertThat(gate.check().reason()).isEqualTo("app did not answer within 200ms");
		}
		assertThat(calls).hasValue(1);
		this.release.countDown();
		await().atMost(WAIT).until(() -> gate.check().open());
	}

	@Test
	void hungContributorLogsTheStackOfItsThreadOnce(CapturedOutput output) {
		this.contributors.put("app", hanging());
		HealthContributorWatchdogGate gate = gate(Set.of("app"), HANG_TIMEOUT);
		gate.check();
		gate.check();
		assertThat(output.toString().lines().filter((line) -> line.contains("the thread that runs it is at:")))
			.singleElement()
			.asString()
			.contains("WARN")
			.contains("Health contributor 'app' did not answer within 200ms; the thread that runs it is at:");
		assertThat(output).containsPattern("\"systemd-health-check-\\d+\" daemon WAITING")
			.contains(HealthContributorWatchdogGateTests.class.getName() + ".hang(");
	}

	@Test
	void slowContributorThatAnswersEveryTimeLogsItsStackAtMostOnceAMinute(CapturedOutput output) {
		AtomicInteger answered = new AtomicInteger();
		this.contributors.put("redis", (HealthIndicator) () -> {
			try {
				Thread.sleep(HANG_TIMEOUT.multipliedBy(3).toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			answered.incrementAndGet();
			return Health.up().build();
		});
		AtomicLong now = new AtomicLong();
		HealthContributorWatchdogGate gate = gate(Set.of(), HANG_TIMEOUT);
		gate.setNanoTime(now::get);
		long[] at = { 0, Duration.ofSeconds(30).toNanos(), Duration.ofSeconds(61).toNanos(),
				Duration.ofSeconds(62).toNanos() };
		for (int i = 0; i < at.length; i++) {
			now.set(at[i]);
			assertThat(gate.check().reason()).isEqualTo("redis did not answer within 200ms (not gating the watchdog)");
			int checks = i + 1;
			await().atMost(WAIT).until(() -> answered.get() == checks);
		}
		// at 0 and at 61 s; not at 30 s nor at 62 s
		assertThat(output.toString().lines().filter((line) -> line.contains("the thread that runs it is at:")))
			.hasSize(2);
	}

	@Test
	void hangWithinAMinuteOfALateAnswerLogsItsStackAtTheNextCheck(CapturedOutput output) {
		AtomicInteger calls = new AtomicInteger();
		this.contributors.put("app", (HealthIndicator) () -> {
			if (calls.incrementAndGet() == 1) {
				try {
					Thread.sleep(HANG_TIMEOUT.multipliedBy(3).toMillis());
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				return Health.up().build();
			}
			return hang();
		});
		AtomicLong now = new AtomicLong();
		HealthContributorWatchdogGate gate = gate(Set.of("app"), HANG_TIMEOUT);
		gate.setNanoTime(now::get);
		// at 0 s the contributor answers late: its stack is logged
		gate.check();
		// at 20 s it hangs: the check that runs over within the minute waits
		now.set(Duration.ofSeconds(20).toNanos());
		await().atMost(WAIT).until(() -> {
			gate.check();
			return calls.get() == 2;
		});
		assertThat(output.toString().lines().filter((line) -> line.contains("the thread that runs it is at:")))
			.hasSize(1);
		// at 25 s it is still running: stuck, and its stack is logged
		now.set(Duration.ofSeconds(25).toNanos());
		assertThat(gate.check().reason()).isEqualTo("app did not answer within 200ms");
		assertThat(output.toString().lines().filter((line) -> line.contains("the thread that runs it is at:")))
			.hasSize(2);
		assertThat(output).contains(HealthContributorWatchdogGateTests.class.getName() + ".hang(");
	}

	@Test
	void stackTakenAfterTheContributorAnsweredIsNotLogged(CapturedOutput output) {
		this.contributors.put("app", hanging());
		HealthContributorWatchdogGate gate = gate(Set.of("app"), HANG_TIMEOUT);
		gate.setStackReader((thread) -> {
			this.release.countDown();
			await().atMost(WAIT)
				.until(() -> Arrays.stream(thread.getStackTrace())
					.noneMatch((frame) -> frame.getMethodName().equals("hang")));
			return thread.getStackTrace();
		});
		GateDecision decision = gate.check();
		assertThat(output).doesNotContain("the thread that runs it is at:");
		assertThat(decision.open()).isTrue();
		assertThat(decision.reason()).isEqualTo("health group 'watchdog' is UP");
	}

	@Test
	void compositeContributorIsCheckedAsOne() {
		this.contributors.put("db",
				CompositeHealthContributor.fromMap(Map.of("one", up(), "two", status(Status.DOWN))));
		GateDecision decision = gate(Set.of("db")).check();
		assertThat(decision.reason()).isEqualTo("db is DOWN");
	}

	@Test
	void failingContributorCountsAsDown() {
		this.contributors.put("app", (HealthIndicator) () -> {
			throw new IllegalStateException("broken");
		});
		assertThat(gate(Set.of("app")).check().reason())
			.isEqualTo("app is DOWN (java.lang.IllegalStateException: broken)");
	}

	/**
	 * A gate for contributors that answer at once: they may take as long as a busy
	 * machine needs to run them.
	 */
	private HealthContributorWatchdogGate gate(Set<String> members) {
		return gate(members, WAIT);
	}

	private HealthContributorWatchdogGate gate(Set<String> members, Duration timeout) {
		this.gate = new HealthContributorWatchdogGate(() -> CompositeHealthContributor.fromMap(this.contributors),
				members::contains, "health group 'watchdog'", null);
		this.gate.setTimeout(timeout);
		return this.gate;
	}

	private static HealthIndicator up() {
		return status(Status.UP);
	}

	private static HealthIndicator status(Status status) {
		return () -> Health.status(status).build();
	}

	private HealthIndicator hanging() {
		return this::hang;
	}

	private Health hang() {
		try {
			this.release.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return Health.up().build();
	}

}
