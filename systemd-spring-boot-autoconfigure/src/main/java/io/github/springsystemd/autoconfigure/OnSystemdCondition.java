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
package io.github.springsystemd.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.BeanWrapperImpl;
import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.Conventions;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

import io.github.springsystemd.protocol.InvalidEnvironmentException;
import io.github.springsystemd.protocol.NotifySocketAddress;
import io.github.springsystemd.protocol.WatchdogTimeout;
import io.github.springsystemd.support.DurationText;

/**
 * {@link SpringBootCondition} for {@link ConditionalOnSystemd @ConditionalOnSystemd}.
 * When a switch turns off what the unit waits for (any notification under
 * {@code NOTIFY_SOCKET}, watchdog pings under {@code WatchdogSec=}), it says once at
 * {@code WARN} that systemd will fail or restart the service for it.
 */
class OnSystemdCondition extends SpringBootCondition {

	private static final Log logger = LogFactory.getLog(SystemdProperties.class);

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Map<String, Object> attributes = metadata.getAnnotationAttributes(ConditionalOnSystemd.class.getName());
		String[] features = (attributes != null && attributes.get("value") instanceof String[] value) ? value
				: new String[0];
		ConditionMessage.Builder message = ConditionMessage.forCondition(ConditionalOnSystemd.class);
		SystemdPropertiesBinding.Result result = SystemdPropertiesReader.read(context.getEnvironment(),
				LogFactory.getLog(SystemdProperties.class));
		BeanWrapperImpl properties = new BeanWrapperImpl(result.properties());
		String decided = "systemd.enabled";
		Environment environment = context.getEnvironment();
		if (!result.properties().isEnabled()) {
			warnIfNotificationsAreAwaited(environment, result.properties());
			return ConditionOutcome.noMatch(message.because(decided + " is false"));
		}
		for (String feature : features) {
			decided = "systemd." + feature + ".enabled";
			if (!Boolean.TRUE
				.equals(properties.getPropertyValue(Conventions.attributeNameToPropertyName(feature) + ".enabled"))) {
				if ("watchdog".equals(feature)) {
					warnIfPingsAreAwaited(environment, result.properties());
				}
				return ConditionOutcome.noMatch(message.because(decided + " is false"));
			}
		}
		// the switches this outcome read, when a value of theirs could not be used
		List<String> read = new ArrayList<>(List.of("systemd.enabled '"));
		for (String feature : features) {
			read.add("systemd." + feature + ".enabled '");
		}
		List<String> invalid = result.invalid()
			.stream()
			.filter((warning) -> read.stream().anyMatch(warning::startsWith))
			.toList();
		String because = invalid.isEmpty() ? "" : " (" + String.join("; ", invalid) + ")";
		return ConditionOutcome.match(message.because(decided + " is true" + because));
	}

	private static void warnIfNotificationsAreAwaited(Environment environment, SystemdProperties properties) {
		String socket = environment.getProperty(NotifySocketAddress.VARIABLE);
		if (socket != null && !socket.isBlank()) {
			SystemdPropertiesBinding.warnOnce(environment, logger,
					"systemd.enabled is false, but NOTIFY_SOCKET is set: nothing is sent, READY=1 included, so "
							+ "when this is the main process of a Type=notify unit, its start fails when "
							+ "TimeoutStartSec= runs out"
							+ watchdogClause(environment, properties).map((clause) -> ". Also, " + clause).orElse("")
							+ ". Set systemd.enabled=true, or change the unit (Type=exec)");
		}
	}

	private static void warnIfPingsAreAwaited(Environment environment, SystemdProperties properties) {
		watchdogClause(environment, properties).ifPresent((clause) -> SystemdPropertiesBinding.warnOnce(environment,
				logger, "systemd.watchdog.enabled is false, but " + clause
						+ ". Remove WatchdogSec= from the unit, or set systemd.watchdog.enabled=true"));
	}

	/**
	 * Say what happens when no pings are sent although systemd watches this process.
	 * @param environment the environment holding {@code WATCHDOG_USEC} and
	 * {@code WATCHDOG_PID}
	 * @param properties the properties ({@code systemd.send-main-pid} makes another
	 * process's {@code WATCHDOG_PID} this one's to serve)
	 * @return what happens, or empty when systemd does not watch this process
	 */
	private static Optional<String> watchdogClause(Environment environment, SystemdProperties properties) {
		String usec = environment.getProperty(WatchdogTimeout.USEC_VARIABLE);
		if (usec == null || WatchdogTimeout.isInfinity(usec)) {
			return Optional.empty();
		}
		Optional<Duration> timeout;
		try {
			timeout = WatchdogTimeout.parse(usec,
					properties.isSendMainPid() ? null : environment.getProperty(WatchdogTimeout.PID_VARIABLE),
					ProcessHandle.current().pid());
		}
		catch (InvalidEnvironmentException ex) {
			return Optional.empty();
		}
		return timeout.map((value) -> "the unit sets WatchdogSec=" + DurationText.of(value)
				+ " (WATCHDOG_USEC): no watchdog ping is sent, so systemd restarts the service "
				+ DurationText.of(value) + " after it started");
	}

}
