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
package io.github.springsystemd.unit;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link SystemdUnit}.
 */
class SystemdUnitTests {

	private static final UnitFacts FACTS = new UnitFacts("orders.service", "0123456789abcdef0123456789abcdef", 2L,
			Duration.ofSeconds(10), 4L, "252.38-1~deb12u1");

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(nullValues = "none", textBlock = """
			orders@b.service,       b
			orders@8082.service,    8082
			orders@.service,        none
			orders.service,         none
			@b.service,             none
			orders@b,               none
			none,                   none
			""")
	void instanceIsThePartAfterTheAt(String unit, String instance) {
		assertThat(SystemdUnit.instanceOf(unit)).isEqualTo(instance);
	}

	@Test
	void environmentFactsAreKnownAtOnce() {
		SystemdUnit unit = new SystemdUnit(42, "orders.service", "feedface", null);
		assertThat(unit.getPid()).isEqualTo(42);
		assertThat(unit.getName()).isEqualTo("orders.service");
		assertThat(unit.getInvocationId()).isEqualTo("feedface");
		assertThat(unit.getRestarts()).isNull();
		assertThat(unit.getManagerVersion()).isNull();
		unit.refresh();
		assertThat(unit.getFacts()).isEmpty();
	}

	@Test
	void watchdogTimeoutAndStoreSizeFromTheEnvironmentNeedNoBus() {
		Map<String, String> environment = Map.of("INVOCATION_ID", "feedface", "WATCHDOG_USEC", "30000000",
				"WATCHDOG_PID", "1", "FDSTORE", "4");
		SystemdUnit unit = SystemdUnit.ofThisProcess(environment::get, null);
		assertThat(unit.getPid()).isEqualTo(ProcessHandle.current().pid());
		assertThat(unit.getInvocationId()).isEqualTo("feedface");
		assertThat(unit.getWatchdogTimeout()).isEqualTo(Duration.ofSeconds(30));
		assertThat(unit.getFileDescriptorStoreMax()).isEqualTo(4);
	}

	@Test
	void environmentValuesThatCannotBeReadAreAbsent() {
		Map<String, String> environment = Map.of("WATCHDOG_USEC", "soon", "FDSTORE", "-1");
		SystemdUnit unit = SystemdUnit.ofThisProcess(environment::get, (pid) -> read(FACTS));
		assertThat(unit.getWatchdogTimeout()).isNull();
		assertThat(unit.getFileDescriptorStoreMax()).isNull();
		unit.refresh();
		await().atMost(Duration.ofSeconds(5)).until(() -> unit.getFacts().isPresent());
		assertThat(unit.getWatchdogTimeout()).isEqualTo(Duration.ofSeconds(10));
		assertThat(unit.getFileDescriptorStoreMax()).isEqualTo(4);
	}

	@Test
	void environmentFactsWinOverBusFacts() {
		SystemdUnit unit = new SystemdUnit(42, null, null, Duration.ofSeconds(3), 1L, (pid) -> read(FACTS));
		unit.refresh();
		await().atMost(Duration.ofSeconds(5)).until(() -> unit.getFacts().isPresent());
		assertThat(unit.getWatchdogTimeout()).isEqualTo(Duration.ofSeconds(3));
		assertThat(unit.getFileDescriptorStoreMax()).isEqualTo(1);
	}

	@Test
	void busFactsArriveInTheBackground() {
		SystemdUnit unit = new SystemdUnit(42, null, null, (pid) -> read(FACTS));
		unit.refresh();
		await().atMost(Duration.ofSeconds(5)).until(() -> unit.getFacts().isPresent());
		assertThat(unit.getName()).isEqualTo("orders.service");
		assertThat(unit.getInvocationId()).isEqualTo("0123456789abcdef0123456789abcdef");
		assertThat(unit.getRestarts()).isEqualTo(2);
		assertThat(unit.getWatchdogTimeout()).isEqualTo(Duration.ofSeconds(10));
		assertThat(unit.getFileDescriptorStoreMax()).isEqualTo(4);
		assertThat(unit.getManagerVersion()).isEqualTo("252.38-1~deb12u1");
	}

	@Test
	void refreshNeverBlocksOnASlowBus() throws Exception {
		CompletableFuture<Optional<UnitFacts>> release = new CompletableFuture<>();
		AtomicInteger reads = new AtomicInteger();
		SystemdUnit unit = new SystemdUnit(42, "orders.service", null, (pid) -> {
			reads.incrementAndGet();
			return release;
		});
		unit.refresh();
		unit.refresh();
		assertThat(unit.getName()).isEqualTo("orders.service");
		assertThat(unit.getRestarts()).isNull();
		release.complete(Optional.of(FACTS));
		await().atMost(Duration.ofSeconds(5)).until(() -> unit.getRestarts() != null);
		assertThat(reads).hasValue(1);
	}

	@Test
	void failedReadIsNotRetriedAtOnce() {
		AtomicInteger reads = new AtomicInteger();
		SystemdUnit unit = new SystemdUnit(42, null, null, (pid) -> {
			reads.incrementAndGet();
			return CompletableFuture.completedFuture(Optional.empty());
		});
		unit.refresh();
		await().atMost(Duration.ofSeconds(5)).until(() -> reads.get() == 1);
		unit.refresh();
		unit.refresh();
		assertThat(reads).hasValue(1);
	}

	@Test
	void staleFactsAreReadAgainWhenAsked() {
		AtomicInteger reads = new AtomicInteger();
		SystemdUnit unit = new SystemdUnit(42, null, null, null, null,
				(pid) -> read(withRestarts(reads.incrementAndGet())), Duration.ZERO);
		unit.refresh(Duration.ofSeconds(5));
		assertThat(unit.getRestarts()).isEqualTo(1);
		unit.refresh(Duration.ofSeconds(5));
		assertThat(unit.getRestarts()).isEqualTo(2);
	}

	@Test
	void freshFactsAreNotReadAgain() {
		AtomicInteger reads = new AtomicInteger();
		SystemdUnit unit = new SystemdUnit(42, null, null, null, null,
				(pid) -> read(withRestarts(reads.incrementAndGet())), Duration.ofHours(1));
		unit.refresh(Duration.ofSeconds(5));
		unit.refresh(Duration.ofSeconds(5));
		unit.refresh();
		assertThat(unit.getRestarts()).isEqualTo(1);
		assertThat(reads).hasValue(1);
	}

	@Test
	void waitingRefreshReturnsWhileTheBusIsSilentAndKeepsTheFactsReadBefore() throws Exception {
		CompletableFuture<Optional<UnitFacts>> silent = new CompletableFuture<>();
		AtomicInteger reads = new AtomicInteger();
		SystemdUnit unit = new SystemdUnit(42, null, null, null, null,
				(pid) -> (reads.incrementAndGet() > 1) ? silent : read(withRestarts(1)), Duration.ZERO);
		unit.refresh(Duration.ofSeconds(5));
		assertThat(unit.getRestarts()).isEqualTo(1);
		unit.refresh(Duration.ofMillis(50));
		assertThat(reads).hasValue(2);
		assertThat(unit.getRestarts()).isEqualTo(1);
		silent.complete(Optional.of(withRestarts(2)));
		await().atMost(Duration.ofSeconds(5)).until(() -> unit.getRestarts() == 2L);
	}

	@Test
	void failedReadKeepsTheFactsReadBefore() {
		AtomicInteger reads = new AtomicInteger();
		SystemdUnit unit = new SystemdUnit(42, null, null, null, null, (pid) -> (reads.incrementAndGet() == 1)
				? read(FACTS) : CompletableFuture.completedFuture(Optional.empty()), Duration.ZERO);
		unit.refresh(Duration.ofSeconds(5));
		unit.refresh(Duration.ofSeconds(5));
		assertThat(reads).hasValue(2);
		assertThat(unit.getFacts()).contains(FACTS);
		unit.refresh(Duration.ofSeconds(5));
		assertThat(reads).hasValue(2);
	}

	@Test
	void readFactsCompletesWhenTheReadEnds() {
		CompletableFuture<Optional<UnitFacts>> pending = new CompletableFuture<>();
		SystemdUnit unit = new SystemdUnit(42, null, null, (pid) -> pending);
		CompletableFuture<Optional<UnitFacts>> facts = unit.readFacts(Duration.ofMinutes(1));
		assertThat(facts).isNotDone();
		pending.complete(Optional.of(FACTS));
		assertThat(facts).succeedsWithin(Duration.ofSeconds(5)).isEqualTo(Optional.of(FACTS));
	}

	@Test
	void readFactsOfASilentBusCompletesAfterTheTimeoutWithTheFactsKnownAndLeavesTheReadRunning() {
		CompletableFuture<Optional<UnitFacts>> silent = new CompletableFuture<>();
		AtomicInteger reads = new AtomicInteger();
		SystemdUnit unit = new SystemdUnit(42, null, null, null, null,
				(pid) -> (reads.incrementAndGet() > 1) ? silent : read(withRestarts(1)), Duration.ZERO);
		assertThat(unit.readFacts(Duration.ofSeconds(5))).succeedsWithin(Duration.ofSeconds(5))
			.isEqualTo(Optional.of(withRestarts(1)));
		assertThat(unit.readFacts(Duration.ofMillis(50))).succeedsWithin(Duration.ofSeconds(5))
			.isEqualTo(Optional.of(withRestarts(1)));
		assertThat(unit.readFacts(Duration.ofMillis(50))).succeedsWithin(Duration.ofSeconds(5));
		assertThat(reads).hasValue(2);
		silent.complete(Optional.of(withRestarts(2)));
		assertThat(unit.getRestarts()).isEqualTo(2);
	}

	@Test
	void sourceThatThrowsCountsAsAFailedRead() {
		AtomicInteger reads = new AtomicInteger();
		SystemdUnit unit = new SystemdUnit(42, null, null, (pid) -> {
			reads.incrementAndGet();
			throw new IllegalStateException("broken");
		});
		assertThat(unit.readFacts(Duration.ofSeconds(5))).succeedsWithin(Duration.ofSeconds(5))
			.isEqualTo(Optional.empty());
		unit.refresh();
		assertThat(reads).hasValue(1);
	}

	@Test
	void sourceWhoseReadFailsCountsAsAFailedRead() {
		AtomicInteger reads = new AtomicInteger();
		SystemdUnit unit = new SystemdUnit(42, null, null, (pid) -> {
			reads.incrementAndGet();
			return CompletableFuture.failedFuture(new IllegalStateException("broken"));
		});
		assertThat(unit.readFacts(Duration.ofSeconds(5))).succeedsWithin(Duration.ofSeconds(5))
			.isEqualTo(Optional.empty());
		unit.refresh();
		assertThat(reads).hasValue(1);
	}

	@Test
	void readThatNeverEndsIsGivenUpAtTheReadLimit() {
		AtomicInteger reads = new AtomicInteger();
		SystemdUnit unit = new SystemdUnit(42, null, null, null, null, (pid) -> {
			reads.incrementAndGet();
			return new CompletableFuture<>();
		}, Duration.ZERO, Duration.ofMillis(200));
		assertThat(unit.readFacts(Duration.ofMinutes(1))).succeedsWithin(Duration.ofSeconds(5))
			.isEqualTo(Optional.empty());
		// given up, it counts as a failed read: none starts again for a minute
		assertThat(unit.readFacts(Duration.ofMinutes(1))).succeedsWithin(Duration.ofSeconds(5))
			.isEqualTo(Optional.empty());
		assertThat(reads).hasValue(1);
	}

	private static CompletableFuture<Optional<UnitFacts>> read(UnitFacts facts) {
		return CompletableFuture.completedFuture(Optional.of(facts));
	}

	private static UnitFacts withRestarts(long restarts) {
		return new UnitFacts(FACTS.id(), FACTS.invocationId(), restarts, FACTS.watchdogTimeout(),
				FACTS.fileDescriptorStoreMax(), FACTS.managerVersion());
	}

}
