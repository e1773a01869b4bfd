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

import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

import io.github.springsystemd.notify.SystemdNotifier;
import io.github.springsystemd.unit.SystemdUnit;
import io.github.springsystemd.watchdog.GateDecision;
import io.github.springsystemd.watchdog.SystemdWatchdog;

/**
 * {@link MeterBinder} for the systemd integration:
 * <ul>
 * <li>{@code systemd.notify.sent}: notifications sent;</li>
 * <li>{@code systemd.notify.errors}: notifications that failed, tagged {@code error} with
 * the errno name, or {@code other};</li>
 * <li>{@code systemd.watchdog.pings}: watchdog pings, tagged {@code outcome} {@code sent}
 * or {@code withheld};</li>
 * <li>{@code systemd.watchdog.gate.open}: 1 while the health gate is open, 0 while it is
 * closed;</li>
 * <li>{@code systemd.unit.restarts}: how often systemd restarted the unit
 * ({@code NRestarts}), when D-Bus can be reached.</li>
 * </ul>
 *
 * @since 0.1.0
 */
public class SystemdMetrics implements MeterBinder {

	/**
	 * The errno names that get an {@code error} tag of their own; others count as
	 * {@code other}.
	 */
	public static final List<String> ERROR_KINDS = List.of("ENOENT", "ECONNREFUSED", "EACCES", "EPERM", "EAGAIN",
			"EMSGSIZE", "ENOBUFS");

	private final SystemdNotifier notifier;

	private final @Nullable SystemdWatchdog watchdog;

	private final SystemdUnit unit;

	/**
	 * Create a new {@link SystemdMetrics}.
	 * @param notifier the notifier
	 * @param watchdog the watchdog, or {@code null} when pings are not sent
	 * @param unit the unit this application runs as
	 */
	public SystemdMetrics(SystemdNotifier notifier, @Nullable SystemdWatchdog watchdog, SystemdUnit unit) {
		this.notifier = notifier;
		this.watchdog = watchdog;
		this.unit = unit;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		FunctionCounter.builder("systemd.notify.sent", this.notifier, SystemdNotifier::getSentCount)
			.description("Notifications sent to the service manager")
			.register(registry);
		for (String kind : ERROR_KINDS) {
			errors(registry, kind, (notifier) -> notifier.getFailureCounts().getOrDefault(kind, 0L));
		}
		errors(registry, "other", SystemdMetrics::otherErrors);
		if (this.watchdog != null) {
			FunctionCounter.builder("systemd.watchdog.pings", this.watchdog, SystemdWatchdog::getPingsSent)
				.tag("outcome", "sent")
				.description("Watchdog pings")
				.register(registry);
			FunctionCounter.builder("systemd.watchdog.pings", this.watchdog, SystemdWatchdog::getPingsWithheld)
				.tag("outcome", "withheld")
				.description("Watchdog pings")
				.register(registry);
			Gauge.builder("systemd.watchdog.gate.open", this.watchdog, SystemdMetrics::gateOpen)
				.description("Whether the watchdog health gate is open (1) or closed (0)")
				.register(registry);
		}
		Gauge.builder("systemd.unit.restarts", this.unit, SystemdMetrics::restarts)
			.description("How often systemd restarted the unit (NRestarts)")
			.register(registry);
	}

	private void errors(MeterRegistry registry, String kind, ToDoubleFunction<SystemdNotifier> count) {
		FunctionCounter.builder("systemd.notify.errors", this.notifier, count)
			.tag("error", kind)
			.description("Notifications that could not be sent")
			.register(registry);
	}

	private static double otherErrors(SystemdNotifier notifier) {
		return notifier.getFailureCounts()
			.entrySet()
			.stream()
			.filter((entry) -> !ERROR_KINDS.contains(entry.getKey()))
			.mapToLong(Map.Entry::getValue)
			.sum();
	}

	private static double gateOpen(SystemdWatchdog watchdog) {
		GateDecision decision = watchdog.getLastDecision();
		return (decision == null || decision.open()) ? 1 : 0;
	}

	private static double restarts(SystemdUnit unit) {
		unit.refresh();
		Long restarts = unit.getRestarts();
		return (restarts != null) ? restarts : Double.NaN;
	}

}
