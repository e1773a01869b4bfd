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
package io.github.springsystemd.metrics;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import io.github.springsystemd.unit.UnitFacts;
import io.github.springsystemd.notify.SystemdNotifier;
import io.github.springsystemd.protocol.Notification;
import io.github.springsystemd.test.NotifySocketReceiver;
import io.github.springsystemd.unit.SystemdUnit;
import io.github.springsystemd.watchdog.GateDecision;
import io.github.springsystemd.watchdog.SystemdWatchdog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link SystemdMetrics}.
 */
@EnabledOnOs(OS.LINUX)
class SystemdMetricsTests {

	@TempDir
	Path temp;

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	@Test
	void notificationsSentAndFailedByKind() {
		SystemdNotifier notifier = SystemdNotifier.create(this.temp.resolve("missing").toString());
		notifier.notify(Notification.ready());
		notifier.notify(Notification.ready());
		new SystemdMetrics(notifier, null, unit(null)).bindTo(this.registry);
		assertThat(this.registry.get("systemd.notify.sent").functionCounter().count()).isZero();
		assertThat(this.registry.get("systemd.notify.errors").tag("error", "ENOENT").functionCounter().count())
			.isEqualTo(2);
		assertThat(this.registry.get("systemd.notify.errors").tag("error", "other").functionCounter().count()).isZero();
		assertThat(this.registry.find("systemd.watchdog.pings").meters()).isEmpty();
	}

	@Test
	void watchdogPingsAndGate() throws Exception {
		try (NotifySocketReceiver receiver = NotifySocketReceiver.bind(this.temp.resolve("notify"))) {
			SystemdNotifier notifier = SystemdNotifier.create(receiver.getNotifySocket());
			GateDecision[] decision = { GateDecision.open("health is UP") };
			SystemdWatchdog watchdog = new SystemdWatchdog(notifier, () -> decision[0], Duration.ofMillis(20),
					Duration.ofSeconds(1));
			new SystemdMetrics(notifier, watchdog, unit(null)).bindTo(this.registry);
			watchdog.start();
			try {
				await().atMost(Duration.ofSeconds(5)).until(() -> sentPings() >= 2);
				assertThat(this.registry.get("systemd.watchdog.gate.open").gauge().value()).isEqualTo(1);
				assertThat(this.registry.get("systemd.notify.sent").functionCounter().count())
					.isGreaterThanOrEqualTo(2);
				decision[0] = GateDecision.closed("health is DOWN");
				await().atMost(Duration.ofSeconds(5))
					.until(() -> this.registry.get("systemd.watchdog.pings")
						.tag("outcome", "withheld")
						.functionCounter()
						.count() >= 1);
				assertThat(this.registry.get("systemd.watchdog.gate.open").gauge().value()).isZero();
			}
			finally {
				watchdog.stop();
			}
		}
	}

	@Test
	void restartsFromTheServiceManager() {
		SystemdUnit unit = unit(new UnitFacts("orders.service", null, 3L, null, null, null));
		new SystemdMetrics(SystemdNotifier.inactive(), null, unit).bindTo(this.registry);
		await().atMost(Duration.ofSeconds(5))
			.until(() -> this.registry.get("systemd.unit.restarts").gauge().value() == 3);
	}

	@Test
	void restartsUnknownWithoutTheServiceManager() {
		new SystemdMetrics(SystemdNotifier.inactive(), null, unit(null)).bindTo(this.registry);
		assertThat(this.registry.get("systemd.unit.restarts").gauge().value()).isNaN();
	}

	private double sentPings() {
		return this.registry.get("systemd.watchdog.pings").tag("outcome", "sent").functionCounter().count();
	}

	private SystemdUnit unit(UnitFacts facts) {
		return new SystemdUnit(42, "orders.service", null,
				(facts != null) ? (pid) -> CompletableFuture.completedFuture(Optional.of(facts)) : null);
	}

}
