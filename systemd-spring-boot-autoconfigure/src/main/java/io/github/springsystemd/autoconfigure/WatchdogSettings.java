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
import java.util.function.Consumer;
import java.util.function.Function;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.jspecify.annotations.Nullable;
import org.springframework.core.env.Environment;

import io.github.springsystemd.protocol.WatchdogTimeout;
import io.github.springsystemd.support.DurationText;
import io.github.springsystemd.watchdog.SystemdWatchdog;

/**
 * The watchdog timing resolved from the service manager's environment and the
 * {@code systemd.watchdog.*} properties.
 *
 * @param interval the time between pings
 * @param checkTimeout how long a health check may take
 * @param triggerAfter how long the gate may stay closed before {@code WATCHDOG=trigger}:
 * {@code WatchdogSec=}, or {@code systemd.watchdog.trigger-after} when shorter
 */
record WatchdogSettings(Duration interval, Duration checkTimeout, Duration triggerAfter) {

	private static final Log logger = LogFactory.getLog(WatchdogSettings.class);

	/**
	 * How long a ping may wait for the shortest health check, its grace included.
	 */
	private static final Duration SHORTEST_CHECK_WAIT = SystemdWatchdog.checkWait(SystemdProperties.MIN_HEALTH_TIMEOUT);

	/**
	 * Resolve the settings for a watchdog that {@link OnWatchdogCondition} found to
	 * apply, logging at {@code WARN} when {@code WATCHDOG_USEC} is below the shortest
	 * timeout served.
	 * @param environment the environment holding {@code WATCHDOG_USEC}
	 * @param properties the watchdog properties
	 * @return the settings
	 */
	static WatchdogSettings resolve(Environment environment, SystemdProperties.Watchdog properties) {
		String usec = environment.getProperty(WatchdogTimeout.USEC_VARIABLE);
		Duration timeout = WatchdogTimeout.parse(usec, null, 0).orElseThrow();
		Duration served = WatchdogTimeout.clamp(timeout);
		if (!served.equals(timeout)) {
			SystemdPropertiesBinding.warnOnce(environment, logger, "WATCHDOG_USEC '" + usec
					+ "' (microseconds) is below the shortest watchdog timeout served, " + DurationText.of(served)
					+ "; pinging as if WatchdogSec= were " + DurationText.of(served)
					+ ". systemd may still stop the service for a missed ping: set WatchdogSec= to a few seconds");
		}
		return of(served, properties, (property) -> SystemdPropertiesBinding.origin(environment, property),
				(message) -> SystemdPropertiesBinding.warnOnce(environment, logger, message));
	}

	private static WatchdogSettings of(Duration timeout, SystemdProperties.Watchdog properties,
			Function<String, String> origin, Consumer<String> warn) {
		Duration triggerAfter = properties.getTriggerAfter();
		Duration half = shorter(timeout.dividedBy(2), (triggerAfter != null) ? triggerAfter.dividedBy(2) : null);
		Duration interval = (properties.getInterval() != null) ? properties.getInterval() : half;
		if (interval.compareTo(timeout) >= 0) {
			// pinging less often than systemd waits would restart a healthy service
			warn.accept("systemd.watchdog.interval (" + DurationText.of(interval) + ")"
					+ origin.apply("systemd.watchdog.interval") + " is not below the watchdog timeout WatchdogSec="
					+ DurationText.of(timeout) + ", so systemd would restart the service between pings; pinging every "
					+ DurationText.of(half) + " instead. Use about half of WatchdogSec=");
			interval = half;
		}
		else if (interval.plus(SHORTEST_CHECK_WAIT).compareTo(timeout) >= 0) {
			// not even the shortest health check leaves a ping in time
			warn.accept("systemd.watchdog.interval (" + DurationText.of(interval) + ")"
					+ origin.apply("systemd.watchdog.interval") + " leaves less of the watchdog timeout WatchdogSec="
					+ DurationText.of(timeout) + " than the shortest health check takes with its grace ("
					+ DurationText.of(SHORTEST_CHECK_WAIT)
					+ "), so a ping that waits for one would come after systemd's deadline; pinging every "
					+ DurationText.of(half) + " instead. Use about half of WatchdogSec=");
			interval = half;
		}
		Duration fitting = fitting(interval, timeout);
		Duration checkTimeout = properties.getHealth().getTimeout();
		if (checkTimeout == null) {
			checkTimeout = fitting;
		}
		else if (interval.plus(SystemdWatchdog.checkWait(checkTimeout)).compareTo(timeout) >= 0) {
			// a ping that waits for a hung check would come after systemd's deadline
			warn.accept("systemd.watchdog.health.timeout (" + DurationText.of(checkTimeout) + ")"
					+ origin.apply("systemd.watchdog.health.timeout") + " is too long for the watchdog interval ("
					+ DurationText.of(interval) + ") and WatchdogSec=" + DurationText.of(timeout)
					+ ": a ping that waits for a hung check ("
					+ DurationText.of(SystemdWatchdog.checkWait(checkTimeout))
					+ " with its grace) would come after systemd's deadline and the service would be killed; "
					+ "using " + DurationText.of(fitting) + " instead");
			checkTimeout = fitting;
		}
		else if (checkTimeout.compareTo(interval) >= 0) {
			warn.accept("systemd.watchdog.health.timeout (" + DurationText.of(checkTimeout) + ")"
					+ origin.apply("systemd.watchdog.health.timeout") + " is not below the watchdog interval ("
					+ DurationText.of(interval)
					+ "); a slow health check delays pings. Use at most half of the interval");
		}
		if (triggerAfter != null && triggerAfter.compareTo(timeout) > 0) {
			warn.accept("systemd.watchdog.trigger-after (" + DurationText.of(triggerAfter) + ")"
					+ origin.apply("systemd.watchdog.trigger-after")
					+ " is longer than the watchdog timeout WatchdogSec=" + DurationText.of(timeout)
					+ "; the watchdog failure is triggered after WatchdogSec= instead");
		}
		else if (triggerAfter != null && interval.compareTo(triggerAfter) > 0) {
			warn.accept("systemd.watchdog.interval (" + DurationText.of(interval) + ")"
					+ origin.apply("systemd.watchdog.interval") + " is longer than systemd.watchdog.trigger-after ("
					+ DurationText.of(triggerAfter)
					+ "); the health gate is checked once per interval, so the watchdog "
					+ "failure is triggered up to one interval late");
		}
		return new WatchdogSettings(interval, checkTimeout,
				(triggerAfter != null) ? shorter(timeout, triggerAfter) : timeout);
	}

	/**
	 * Return the health check timeout used when none is set, or instead of one too long:
	 * half of the interval, or half of what the interval leaves of {@code WatchdogSec=}
	 * when that is shorter, so that a ping that waits for a hung check still comes in
	 * time (the wait is at most one and a half times the timeout).
	 */
	private static Duration fitting(Duration interval, Duration timeout) {
		Duration fitting = shorter(interval.dividedBy(2), timeout.minus(interval).dividedBy(2));
		return (fitting.compareTo(SystemdProperties.MIN_HEALTH_TIMEOUT) < 0) ? SystemdProperties.MIN_HEALTH_TIMEOUT
				: fitting;
	}

	private static Duration shorter(Duration duration, @Nullable Duration other) {
		return (other != null && other.compareTo(duration) < 0) ? other : duration;
	}

}
