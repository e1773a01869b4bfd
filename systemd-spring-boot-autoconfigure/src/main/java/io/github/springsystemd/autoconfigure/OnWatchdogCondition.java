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
import java.util.Optional;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

import io.github.springsystemd.protocol.InvalidEnvironmentException;
import io.github.springsystemd.protocol.NotifySocketAddress;
import io.github.springsystemd.protocol.WatchdogTimeout;
import io.github.springsystemd.support.DurationText;

/**
 * Matches when the service manager asks this process for watchdog pings:
 * {@code WATCHDOG_USEC} is a timeout (not infinity), {@code WATCHDOG_PID} is unset or
 * names this process (or {@code systemd.send-main-pid} is {@code true}), and
 * {@code NOTIFY_SOCKET} is an address. The outcome says which of these decided, for
 * {@code --debug} and {@code /actuator/conditions}; a value that cannot be used is also
 * logged once at {@code WARN}. See {@code sd_watchdog_enabled(3)}.
 */
class OnWatchdogCondition extends SpringBootCondition {

	private static final Log logger = LogFactory.getLog(WatchdogSettings.class);

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		return getMatchOutcome(context.getEnvironment(), ProcessHandle.current().pid());
	}

	ConditionOutcome getMatchOutcome(Environment environment, long ownPid) {
		ConditionMessage.Builder message = ConditionMessage.forCondition("systemd watchdog");
		String usec = environment.getProperty(WatchdogTimeout.USEC_VARIABLE);
		String pid = environment.getProperty(WatchdogTimeout.PID_VARIABLE);
		if (usec == null) {
			return ConditionOutcome.noMatch(message.because(WatchdogTimeout.USEC_VARIABLE + " not set"));
		}
		if (WatchdogTimeout.isInfinity(usec)) {
			return ConditionOutcome.noMatch(message.because(WatchdogTimeout.USEC_VARIABLE + " is infinity"));
		}
		boolean sendMainPid = SystemdPropertiesReader.read(environment, LogFactory.getLog(SystemdProperties.class))
			.properties()
			.isSendMainPid();
		Optional<Duration> timeout;
		try {
			WatchdogTimeout.checkPid(pid);
			timeout = WatchdogTimeout.parse(usec, sendMainPid ? null : pid, ownPid);
		}
		catch (InvalidEnvironmentException ex) {
			SystemdPropertiesBinding.warnOnce(environment, logger,
					ex.getMessage() + "; systemd watchdog pings are disabled");
			return ConditionOutcome.noMatch(message.because(ex.getMessage()));
		}
		if (timeout.isEmpty()) {
			SystemdPropertiesBinding.warnOnce(environment, logger,
					"The systemd watchdog is meant for pid " + pid + " (WATCHDOG_PID), not for this process (pid "
							+ ownPid
							+ "); watchdog pings are disabled. If java is started by a wrapper that does not exec "
							+ "it, set systemd.send-main-pid=true and NotifyAccess=all");
			return ConditionOutcome.noMatch(message.because(WatchdogTimeout.PID_VARIABLE + " " + pid
					+ " is not this process (pid " + ownPid + ") and systemd.send-main-pid is false"));
		}
		try {
			NotifySocketAddress.parse(environment.getProperty(NotifySocketAddress.VARIABLE));
		}
		catch (InvalidEnvironmentException ex) {
			return ConditionOutcome.noMatch(message.because(ex.getMessage()));
		}
		String who = (pid != null && sendMainPid && WatchdogTimeout.isForOtherProcess(pid, ownPid))
				? " for pid " + pid + ", with systemd.send-main-pid true" : " for this process";
		return ConditionOutcome.match(message.because(
				WatchdogTimeout.USEC_VARIABLE + " " + usec.trim() + " (" + DurationText.of(timeout.get()) + ")" + who));
	}

}
