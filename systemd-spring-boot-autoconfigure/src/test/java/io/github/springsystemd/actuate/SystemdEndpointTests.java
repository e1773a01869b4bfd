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
package io.github.springsystemd.actuate;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.info.Info;

import io.github.springsystemd.unit.UnitFacts;
import io.github.springsystemd.notify.SystemdNotifier;
import io.github.springsystemd.protocol.ListenFd;
import io.github.springsystemd.unit.SystemdUnit;
import io.github.springsystemd.watchdog.WatchdogGate;
import io.github.springsystemd.watchdog.SystemdWatchdog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link SystemdEndpoint} and {@link SystemdInfoContributor}.
 */
class SystemdEndpointTests {

	private final SystemdNotifier notifier = SystemdNotifier.create("/run/systemd-spring-boot-test/notify");

	@Test
	void anInstanceOfATemplateIsNamed() {
		SystemdUnit unit = new SystemdUnit(42, "orders@b.service", "feedface", null);
		Map<String, Object> facts = new SystemdEndpoint(this.notifier, unit, null, List.of()).systemd();
		assertThat(facts).containsEntry("unit", "orders@b.service").containsEntry("instance", "b");
	}

	@Test
	void factsWithoutDbusLeaveBusFactsOut() {
		SystemdUnit unit = new SystemdUnit(42, "orders.service", "feedface", null);
		Map<String, Object> facts = new SystemdEndpoint(this.notifier, unit, null, List.of()).systemd();
		assertThat(facts).containsEntry("unit", "orders.service")
			.containsEntry("invocationId", "feedface")
			.containsEntry("mainPid", 42L)
			.containsEntry("notifySocket", "/run/systemd-spring-boot-test/notify")
			.containsEntry("watchdog", Map.of("enabled", false))
			.containsEntry("socketActivation", Map.of("fds", List.of()))
			.doesNotContainKeys("instance", "restarts", "systemdVersion", "fdStore");
		assertThat(facts.get("notifications")).isEqualTo(Map.of("sent", 0L, "failures", Map.of()));
	}

	@Test
	void factsWithDbusAndWatchdog() {
		SystemdUnit unit = new SystemdUnit(42, "orders.service", "feedface", (pid) -> CompletableFuture
			.completedFuture(Optional
				.of(new UnitFacts("orders.service", "feedface", 1L, Duration.ofSeconds(10), 0L, "252.38-1~deb12u1"))));
		unit.refresh();
		await().atMost(Duration.ofSeconds(5)).until(() -> unit.getRestarts() != null);
		SystemdWatchdog watchdog = new SystemdWatchdog(this.notifier, WatchdogGate.OPEN, Duration.ofSeconds(5),
				Duration.ofMillis(2500));
		watchdog.setTriggerAfter(Duration.ofSeconds(8));
		Map<String, Object> facts = new SystemdEndpoint(this.notifier, unit, watchdog,
				List.of(new ListenFd(3, "web.socket")))
			.systemd();
		assertThat(facts).containsEntry("restarts", 1L)
			.containsEntry("systemdVersion", "252.38-1~deb12u1")
			.containsEntry("fdStore", Map.of("max", 0L))
			.containsEntry("socketActivation", Map.of("fds", List.of(Map.of("fd", 3, "name", "web.socket"))));
		assertThat(facts.get("watchdog")).isEqualTo(Map.of("enabled", true, "timeout", "10s", "interval", "5s",
				"triggerAfter", "8s", "checkTimeout", "2500ms", "pingsSent", 0L, "pingsWithheld", 0L));
	}

	@Test
	void factsFromTheEnvironmentNeedNoDbus() {
		SystemdUnit unit = new SystemdUnit(42, "orders.service", "feedface", Duration.ofSeconds(30), 4L, null);
		Map<String, Object> facts = new SystemdEndpoint(this.notifier, unit, null, List.of()).systemd();
		assertThat(facts.get("watchdog")).isEqualTo(Map.of("enabled", false, "timeout", "30s"));
		assertThat(facts).containsEntry("fdStore", Map.of("max", 4L)).doesNotContainKeys("restarts", "systemdVersion");
	}

	@Test
	void infoSection() {
		SystemdUnit unit = new SystemdUnit(42, "orders.service", "feedface", null);
		Info.Builder builder = new Info.Builder();
		new SystemdInfoContributor(unit).contribute(builder);
		assertThat(builder.build().getDetails()).containsEntry("systemd",
				Map.of("unit", "orders.service", "invocationId", "feedface"));
	}

}
