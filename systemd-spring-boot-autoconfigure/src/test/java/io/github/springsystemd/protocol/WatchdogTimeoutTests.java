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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link WatchdogTimeout}, with the vectors of {@code sd_watchdog_enabled(3)}.
 */
class WatchdogTimeoutTests {

	private static final long OWN_PID = 4242;

	@ParameterizedTest(name = "WATCHDOG_USEC={0} WATCHDOG_PID={1} -> {2}")
	@CsvSource(nullValues = "unset", textBlock = """
			100,      4242,  100
			1,        unset, 1
			unset,    unset, disabled
			100,      4243,  disabled
			unset,    4242,  disabled
			4000000,  4242,  4000000
			' 2000 ', unset, 2000
			18446744073709551615, unset, disabled
			' 18446744073709551615 ', 4242, disabled
			18446744073709551615, 4243, disabled
			""")
	void validValues(String usec, String pid, String expected) {
		var timeout = WatchdogTimeout.parse(usec, pid, OWN_PID);
		if (expected.equals("disabled")) {
			assertThat(timeout).isEmpty();
		}
		else {
			assertThat(timeout).contains(Duration.ofNanos(Long.parseLong(expected) * 1000));
		}
	}

	@ParameterizedTest(name = "WATCHDOG_USEC={0} WATCHDOG_PID={1} -> {2}")
	@CsvSource(nullValues = "unset", delimiter = '|', textBlock = """
			-1                   | unset | WATCHDOG_USEC '-1' is not a positive number
			0                    | unset | WATCHDOG_USEC '0' is not a positive number
			abc                  | unset | WATCHDOG_USEC 'abc' is not a number
			''                   | unset | WATCHDOG_USEC '' is not a number
			100                  | abc   | WATCHDOG_PID 'abc' is not a number
			100                  | 0     | WATCHDOG_PID '0' is not a positive number
			100                  | -5    | WATCHDOG_PID '-5' is not a positive number
			9223372036854775807  | unset | WATCHDOG_USEC '9223372036854775807' is too large
			18446744073709551614 | unset | WATCHDOG_USEC '18446744073709551614' is too large
			18446744073709551616 | unset | WATCHDOG_USEC '18446744073709551616' is too large
			infinity             | unset | WATCHDOG_USEC 'infinity' is not a number
			""")
	void invalidValues(String usec, String pid, String message) {
		assertThatExceptionOfType(InvalidEnvironmentException.class)
			.isThrownBy(() -> WatchdogTimeout.parse(usec, pid, OWN_PID))
			.withMessage(message);
	}

	@Test
	void checkPidAcceptsAnyPidAndNone() {
		WatchdogTimeout.checkPid(null);
		WatchdogTimeout.checkPid("1");
		assertThatExceptionOfType(InvalidEnvironmentException.class).isThrownBy(() -> WatchdogTimeout.checkPid("0"))
			.withMessage("WATCHDOG_PID '0' is not a positive number");
		assertThatExceptionOfType(InvalidEnvironmentException.class).isThrownBy(() -> WatchdogTimeout.checkPid("x"))
			.withMessage("WATCHDOG_PID 'x' is not a number");
	}

	@ParameterizedTest(name = "{0} µs -> {1} µs")
	@CsvSource(textBlock = """
			1,          200000
			199999,     200000
			200000,     200000
			200001,     200001
			4000000,    4000000
			""")
	void timeoutBelowTheFloorIsClamped(long usec, long served) {
		assertThat(WatchdogTimeout.clamp(Duration.ofNanos(usec * 1000))).isEqualTo(Duration.ofNanos(served * 1000));
	}

	@ParameterizedTest
	@CsvSource(nullValues = "unset", textBlock = """
			18446744073709551615,   true
			' 18446744073709551615', true
			18446744073709551614,   false
			1,                      false
			unset,                  false
			""")
	void isInfinity(String usec, boolean expected) {
		assertThat(WatchdogTimeout.isInfinity(usec)).isEqualTo(expected);
	}

	@ParameterizedTest
	@CsvSource(nullValues = "unset", textBlock = """
			unset, false
			4242,  false
			1,     true
			abc,   false
			""")
	void isForOtherProcess(String pid, boolean expected) {
		assertThat(WatchdogTimeout.isForOtherProcess(pid, OWN_PID)).isEqualTo(expected);
	}

}
