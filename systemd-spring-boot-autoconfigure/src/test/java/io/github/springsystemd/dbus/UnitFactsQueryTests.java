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
package io.github.springsystemd.dbus;

import java.math.BigInteger;
import java.time.Duration;

import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.UInt64;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the conversions of {@link UnitFactsQuery}.
 */
class UnitFactsQueryTests {

	@Test
	void missingBusSocketIsUnavailableWithoutConnecting() {
		assertThatExceptionOfType(BusUnavailableException.class)
			.isThrownBy(() -> UnitFactsQuery.query("unix:path=/nonexistent/system_bus_socket,guid=0", 1))
			.withMessage(
					"There is no D-Bus system bus at unix:path=/nonexistent/system_bus_socket,guid=0 (no such file)")
			.satisfies((ex) -> assertThat(ex.isNoteworthy()).isFalse())
			.satisfies((ex) -> assertThat(ex.getStackTrace()).isEmpty());
	}

	@Test
	void invocationIdIsRenderedAsInvocationIdEnvironmentVariable() {
		byte[] bytes = { (byte) 0x9f, 0x3c, 0x01, 0x00, (byte) 0xab, (byte) 0xcd, (byte) 0xef, 0x12, 0x34, 0x56, 0x78,
				(byte) 0x9a, (byte) 0xbc, (byte) 0xde, (byte) 0xf0, 0x0f };
		assertThat(UnitFactsQuery.invocationIdToHex(bytes)).isEqualTo("9f3c0100abcdef123456789abcdef00f");
	}

	@Test
	void invocationIdKeepsLeadingZeros() {
		assertThat(UnitFactsQuery.invocationIdToHex(new byte[16])).isEqualTo("0".repeat(32));
	}

	@Test
	void invocationIdOfUnitThatIsNotRunningIsNull() {
		assertThat(UnitFactsQuery.invocationIdToHex(new byte[0])).isNull();
		assertThat(UnitFactsQuery.invocationIdToHex(null)).isNull();
	}

	@Test
	void invocationIdOfWrongLengthIsNull() {
		assertThat(UnitFactsQuery.invocationIdToHex(new byte[15])).isNull();
		assertThat(UnitFactsQuery.invocationIdToHex(new byte[17])).isNull();
	}

	@Test
	void watchdogTimeoutIsConvertedFromMicroseconds() {
		assertThat(UnitFactsQuery.watchdogTimeout(new UInt64(30_000_000L))).isEqualTo(Duration.ofSeconds(30));
		assertThat(UnitFactsQuery.watchdogTimeout(new UInt64(1_500L))).isEqualTo(Duration.ofNanos(1_500_000L));
	}

	@Test
	void watchdogTimeoutOfZeroIsNone() {
		assertThat(UnitFactsQuery.watchdogTimeout(new UInt64(0L))).isNull();
	}

	@Test
	void watchdogTimeoutOfInfinityIsNone() {
		assertThat(UnitFactsQuery.watchdogTimeout(new UInt64(UInt64.MAX_BIG_VALUE))).isNull();
	}

	@Test
	void missingWatchdogTimeoutIsNone() {
		assertThat(UnitFactsQuery.watchdogTimeout(null)).isNull();
		assertThat(UnitFactsQuery.watchdogTimeout("30s")).isNull();
	}

	@Test
	void unsignedNumbersAreReadAsLong() {
		assertThat(UnitFactsQuery.asLong(new UInt32(UInt32.MAX_VALUE))).isEqualTo(4294967295L);
		assertThat(UnitFactsQuery.asLong(new UInt64(new BigInteger("9223372036854775807")))).isEqualTo(Long.MAX_VALUE);
		assertThat(UnitFactsQuery.asLong(new UInt64(new BigInteger("9223372036854775808")))).isNull();
		assertThat(UnitFactsQuery.asLong(null)).isNull();
	}

}
