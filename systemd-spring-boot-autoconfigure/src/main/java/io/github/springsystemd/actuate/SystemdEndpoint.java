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
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

import io.github.springsystemd.notify.SystemdNotifier;
import io.github.springsystemd.protocol.ListenFd;
import io.github.springsystemd.support.DurationText;
import io.github.springsystemd.unit.SystemdUnit;
import io.github.springsystemd.watchdog.ComponentHealth;
import io.github.springsystemd.watchdog.GateDecision;
import io.github.springsystemd.watchdog.SystemdWatchdog;

/**
 * {@link Endpoint @Endpoint} that shows how the application runs under systemd: the unit,
 * the notification socket, the watchdog and its health gate, restarts, and the sockets
 * passed by the service manager. Facts that need D-Bus are left out when it cannot be
 * reached; they are read again when older than a few seconds, waiting at most 1 s for the
 * bus. Read-only.
 *
 * @since 0.1.0
 */
@Endpoint(id = "systemd")
public class SystemdEndpoint {

	/**
	 * How long a request waits at most for the unit's facts to be read again, so that
	 * they are current (restarts): 1 s. A slower bus leaves the facts read before.
	 */
	static final Duration FACTS_WAIT = Duration.ofSeconds(1);

	private final SystemdNotifier notifier;

	private final SystemdUnit unit;

	private final @Nullable SystemdWatchdog watchdog;

	private final List<ListenFd> listenFds;

	/**
	 * Create a new {@link SystemdEndpoint}.
	 * @param notifier the notifier
	 * @param unit the unit this application runs as
	 * @param watchdog the watchdog, or {@code null} when pings are not sent
	 * @param listenFds the file descriptors passed by the service manager
	 */
	public SystemdEndpoint(SystemdNotifier notifier, SystemdUnit unit, @Nullable SystemdWatchdog watchdog,
			List<ListenFd> listenFds) {
		this.notifier = notifier;
		this.unit = unit;
		this.watchdog = watchdog;
		this.listenFds = listenFds;
	}

	/**
	 * Return the systemd facts as a map of present values.
	 * @return the facts
	 */
	@ReadOperation
	public Map<String, Object> systemd() {
		this.unit.refresh(FACTS_WAIT);
		Map<String, Object> facts = new LinkedHashMap<>();
		put(facts, "unit", this.unit.getName());
		put(facts, "instance", this.unit.getInstance());
		put(facts, "invocationId", this.unit.getInvocationId());
		facts.put("mainPid", this.unit.getPid());
		put(facts, "restarts", this.unit.getRestarts());
		put(facts, "systemdVersion", this.unit.getManagerVersion());
		this.notifier.getAddress().ifPresent((address) -> facts.put("notifySocket", address.getValue()));
		facts.put("notifications", notifications());
		facts.put("watchdog", watchdog());
		facts.put("socketActivation", socketActivation());
		Long fdStoreMax = this.unit.getFileDescriptorStoreMax();
		if (fdStoreMax != null) {
			facts.put("fdStore", Map.of("max", fdStoreMax));
		}
		return facts;
	}

	private Map<String, Object> notifications() {
		Map<String, Object> notifications = new LinkedHashMap<>();
		notifications.put("sent", this.notifier.getSentCount());
		notifications.put("failures", this.notifier.getFailureCounts());
		return notifications;
	}

	private Map<String, Object> watchdog() {
		Map<String, Object> watchdog = new LinkedHashMap<>();
		watchdog.put("enabled", this.watchdog != null);
		put(watchdog, "timeout", DurationText.of(this.unit.getWatchdogTimeout()));
		if (this.watchdog == null) {
			return watchdog;
		}
		put(watchdog, "interval", DurationText.of(this.watchdog.getInterval()));
		put(watchdog, "triggerAfter", DurationText.of(this.watchdog.getTriggerAfter()));
		put(watchdog, "checkTimeout", DurationText.of(this.watchdog.getCheckTimeout()));
		watchdog.put("pingsSent", this.watchdog.getPingsSent());
		watchdog.put("pingsWithheld", this.watchdog.getPingsWithheld());
		Instant lastPing = this.watchdog.getLastPing();
		put(watchdog, "lastPing", (lastPing != null) ? lastPing.toString() : null);
		GateDecision decision = this.watchdog.getLastDecision();
		if (decision != null) {
			Map<String, Object> gate = new LinkedHashMap<>();
			gate.put("open", decision.open());
			gate.put("degraded", decision.degraded());
			gate.put("reason", decision.reason());
			if (!decision.components().isEmpty()) {
				Map<String, Object> components = new LinkedHashMap<>();
				for (ComponentHealth component : decision.components()) {
					Map<String, Object> view = new LinkedHashMap<>();
					view.put("status", (component.status() != null) ? component.status() : "NO_ANSWER");
					view.put("gating", component.gating());
					view.put("description", component.description());
					components.put(component.name(), view);
				}
				gate.put("components", components);
			}
			watchdog.put("gate", gate);
		}
		return watchdog;
	}

	private Map<String, Object> socketActivation() {
		return Map.of("fds", this.listenFds.stream().map((fd) -> Map.of("fd", fd.fd(), "name", fd.name())).toList());
	}

	private static void put(Map<String, Object> map, String key, @Nullable Object value) {
		if (value != null) {
			map.put(key, value);
		}
	}

}
