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

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link Notification}.
 */
class NotificationTests {

	@Test
	void readyPayload() {
		assertThat(Notification.ready().getPayload()).isEqualTo("READY=1");
	}

	@Test
	void reloadingPayloadCarriesMonotonicTime() {
		assertThat(Notification.reloading(123456789L).getPayload()).isEqualTo("RELOADING=1\nMONOTONIC_USEC=123456789");
	}

	@Test
	void watchdogTriggerPayload() {
		assertThat(Notification.watchdogTrigger().getPayload()).isEqualTo("WATCHDOG=trigger");
	}

	@Test
	void extendTimeoutIsInMicroseconds() {
		assertThat(Notification.extendTimeout(Duration.ofSeconds(10)).getPayload())
			.isEqualTo("EXTEND_TIMEOUT_USEC=10000000");
		assertThat(Notification.extendTimeout(Duration.ofMillis(1250)).getPayload())
			.isEqualTo("EXTEND_TIMEOUT_USEC=1250000");
	}

	@Test
	void assignmentsAreJoinedByNewlinesInOrder() {
		Notification notification = Notification.status("Reticulating splines")
			.and("WATCHDOG", "1")
			.and("X_WORKS", "1");
		assertThat(notification.getPayload()).isEqualTo("STATUS=Reticulating splines\nWATCHDOG=1\nX_WORKS=1");
	}

	@Test
	void sameKeyReplacesValueInPlace() {
		assertThat(Notification.status("a").and("READY", "1").and("STATUS", "b").getPayload())
			.isEqualTo("STATUS=b\nREADY=1");
	}

	@Test
	void bytesAreUtf8() {
		Notification notification = Notification.status("Gr\u00fc\u00dfe \u2713");
		assertThat(notification.toBytes()).isEqualTo("STATUS=Gr\u00fc\u00dfe \u2713".getBytes(StandardCharsets.UTF_8))
			.hasSize(18);
	}

	@Test
	void lineBreaksInValuesCannotInjectAssignments() {
		assertThat(Notification.status("failed\nREADY=1\r\nagain").getPayload())
			.isEqualTo("STATUS=failed READY=1 again");
	}

	@Test
	void nulAndOtherControlCharactersAreNotSent() {
		// systemd ignores a datagram with a NUL byte whole
		assertThat(Notification.watchdog().and("STATUS", "db\u0000is\tDOWN\u001b[31m\u007f").toBytes())
			.doesNotContain((byte) 0)
			.isEqualTo("WATCHDOG=1\nSTATUS=db is DOWN [31m ".getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void payloadThatSystemdWouldIgnoreHasItsLongestValueCut() {
		// systemd ignores a notification of 4096 bytes or more whole
		Notification ping = Notification.watchdog().and("STATUS", "Degraded; db is DOWN (" + "x".repeat(5000) + ")");
		byte[] payload = ping.toBytes();
		assertThat(payload).hasSize(Notification.MAX_PAYLOAD_BYTES);
		assertThat(ping.getPayload()).startsWith("WATCHDOG=1\nSTATUS=Degraded; db is DOWN (xxx").endsWith("x...");
		assertThat(ping.get("WATCHDOG")).isEqualTo("1");
	}

	@Test
	void payloadThatFitsIsNotCut() {
		String status = "s".repeat(Notification.MAX_PAYLOAD_BYTES - "WATCHDOG=1\nSTATUS=".length());
		assertThat(Notification.watchdog().and("STATUS", status).get("STATUS")).isEqualTo(status);
		assertThat(Notification.watchdog().and("STATUS", status + "s").toBytes())
			.hasSize(Notification.MAX_PAYLOAD_BYTES);
	}

	@Test
	void cutDoesNotSplitACharacter() {
		// "\u00e9" takes two bytes and the emoji four: no cut may leave half of one
		for (String text : new String[] { "\u00e9", "\ud83d\ude00" }) {
			for (int pad = 0; pad < 4; pad++) {
				String payload = Notification.status("a".repeat(pad) + text.repeat(3000)).getPayload();
				assertThat(payload.getBytes(StandardCharsets.UTF_8).length)
					.isLessThanOrEqualTo(Notification.MAX_PAYLOAD_BYTES);
				assertThat(payload).endsWith(text + "...");
				assertThat(new String(payload.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
					.isEqualTo(payload);
			}
		}
	}

	@Test
	void keysMustBeUpperCaseNames() {
		assertThatIllegalArgumentException().isThrownBy(() -> Notification.of("ready", "1"))
			.withMessage("Notification key 'ready' is not an upper case name");
		assertThatIllegalArgumentException().isThrownBy(() -> Notification.of("A=B", "1"));
		assertThatIllegalArgumentException().isThrownBy(() -> Notification.of("", "1"));
	}

	@Test
	void valuesMustNotBeNull() {
		assertThatIllegalArgumentException().isThrownBy(() -> Notification.of("STATUS", null));
	}

}
