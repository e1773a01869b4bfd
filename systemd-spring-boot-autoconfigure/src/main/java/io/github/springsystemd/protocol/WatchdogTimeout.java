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
package io.github.springsystemd.protocol;

import java.time.Duration;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Reads the watchdog timeout that the service manager passes in {@code WATCHDOG_USEC} and
 * {@code WATCHDOG_PID}, following {@code sd_watchdog_enabled(3)}. As there,
 * {@value #INFINITY} ({@code USEC_INFINITY}, what {@code WatchdogSec=infinity} stands
 * for) means no watchdog. A timeout below {@link #MINIMUM} can be served only by pinging
 * without pause; {@link #clamp(Duration)} raises it to that floor.
 *
 * @since 0.1.0
 */
public final class WatchdogTimeout {

	/**
	 * Name of the environment variable that holds the timeout in microseconds.
	 */
	public static final String USEC_VARIABLE = "WATCHDOG_USEC";

	/**
	 * Name of the environment variable that holds the pid the watchdog is meant for.
	 */
	public static final String PID_VARIABLE = "WATCHDOG_PID";

	/**
	 * The value of {@code WATCHDOG_USEC} that means infinity ({@code USEC_INFINITY}, the
	 * largest unsigned 64-bit number): no watchdog.
	 */
	public static final String INFINITY = "18446744073709551615";

	/**
	 * Shortest watchdog timeout served as it is: 200 milliseconds, pinged every 100
	 * milliseconds. A shorter {@code WATCHDOG_USEC} is {@linkplain #clamp(Duration)
	 * clamped} to it.
	 */
	public static final Duration MINIMUM = Duration.ofMillis(200);

	private WatchdogTimeout() {
	}

	/**
	 * Return the watchdog timeout for the process with the given pid. The watchdog is
	 * enabled only when {@code WATCHDOG_USEC} is set and {@code WATCHDOG_PID} is unset or
	 * names the given process.
	 * @param usec the value of {@code WATCHDOG_USEC} or {@code null}
	 * @param pid the value of {@code WATCHDOG_PID} or {@code null}
	 * @param ownPid the pid of this process
	 * @return the timeout, as given (see {@link #clamp(Duration)}), or empty when the
	 * watchdog is not enabled for this process or {@code WATCHDOG_USEC} is
	 * {@value #INFINITY}
	 * @throws InvalidEnvironmentException if a value is not a positive number, such as
	 * {@code WATCHDOG_PID=0}
	 */
	public static Optional<Duration> parse(@Nullable String usec, @Nullable String pid, long ownPid) {
		if (usec == null || isInfinity(usec)) {
			return Optional.empty();
		}
		long micros = parsePositive(USEC_VARIABLE, usec);
		if (pid != null && parsePositive(PID_VARIABLE, pid) != ownPid) {
			return Optional.empty();
		}
		return Optional.of(Duration.ofNanos(Math.multiplyExact(micros, 1000L)));
	}

	/**
	 * Check the value of {@code WATCHDOG_PID} alone, where the watchdog is served
	 * whichever process it names (see {@code sd_watchdog_enabled(3)}, which rejects a
	 * value that is not a pid).
	 * @param pid the value of {@code WATCHDOG_PID} or {@code null}
	 * @throws InvalidEnvironmentException if the value is set and not a positive number
	 */
	public static void checkPid(@Nullable String pid) {
		if (pid != null) {
			parsePositive(PID_VARIABLE, pid);
		}
	}

	/**
	 * Return whether the value of {@code WATCHDOG_USEC} is {@value #INFINITY}, which
	 * means no watchdog.
	 * @param usec the value of {@code WATCHDOG_USEC} or {@code null}
	 * @return whether the value means infinity
	 */
	public static boolean isInfinity(@Nullable String usec) {
		return usec != null && INFINITY.equals(usec.trim());
	}

	/**
	 * Return the timeout to serve for the given one: the same, or {@link #MINIMUM} when
	 * it is shorter. Pings for a shorter timeout would have to be sent without pause.
	 * @param timeout the timeout from {@code WATCHDOG_USEC}
	 * @return the timeout to serve
	 */
	public static Duration clamp(Duration timeout) {
		return (timeout.compareTo(MINIMUM) < 0) ? MINIMUM : timeout;
	}

	/**
	 * Return whether {@code WATCHDOG_PID} names a process other than the given one. Such
	 * a process is typically a wrapper that started this JVM without {@code exec}.
	 * @param pid the value of {@code WATCHDOG_PID} or {@code null}
	 * @param ownPid the pid of this process
	 * @return whether the watchdog is meant for another process
	 */
	public static boolean isForOtherProcess(@Nullable String pid, long ownPid) {
		try {
			return pid != null && Long.parseLong(pid.trim()) != ownPid;
		}
		catch (NumberFormatException ex) {
			return false;
		}
	}

	private static long parseNumber(String variable, String value) {
		try {
			return Long.parseLong(value.trim());
		}
		catch (NumberFormatException ex) {
			if (isUnsignedNumber(value)) {
				throw new InvalidEnvironmentException(variable, value, "is too large");
			}
			throw new InvalidEnvironmentException(variable, value, "is not a number");
		}
	}

	private static boolean isUnsignedNumber(String value) {
		String trimmed = value.trim();
		return !trimmed.isEmpty() && trimmed.chars().allMatch((c) -> c >= '0' && c <= '9');
	}

	private static long parsePositive(String variable, String value) {
		long parsed = parseNumber(variable, value);
		if (parsed <= 0) {
			throw new InvalidEnvironmentException(variable, value, "is not a positive number");
		}
		if (USEC_VARIABLE.equals(variable) && parsed > Long.MAX_VALUE / 1000L) {
			throw new InvalidEnvironmentException(variable, value, "is too large");
		}
		return parsed;
	}

}
