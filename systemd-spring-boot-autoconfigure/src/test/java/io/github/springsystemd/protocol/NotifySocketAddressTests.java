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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link NotifySocketAddress}.
 */
class NotifySocketAddressTests {

	@Test
	void absolutePathIsNulTerminated() {
		NotifySocketAddress address = NotifySocketAddress.parse("/run/systemd/notify");
		assertThat(address.isAbstract()).isFalse();
		assertThat(address.getSunPath()).isEqualTo("/run/systemd/notify\0".getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void abstractNameStartsWithNulAndIsNotPadded() {
		NotifySocketAddress address = NotifySocketAddress.parse("@notify-test");
		assertThat(address.isAbstract()).isTrue();
		assertThat(address.getSunPath()).isEqualTo("\0notify-test".getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void pathOf107BytesIsAccepted() {
		String path = "/" + "a".repeat(106);
		assertThat(NotifySocketAddress.parse(path).getSunPath()).hasSize(108);
	}

	@Test
	void pathOf108BytesIsRejected() {
		String path = "/" + "a".repeat(107);
		assertThatExceptionOfType(InvalidEnvironmentException.class).isThrownBy(() -> NotifySocketAddress.parse(path))
			.withMessage("NOTIFY_SOCKET '" + path + "' is 108 bytes long; a socket address holds at most 107 bytes");
	}

	@Test
	void lengthIsCountedInUtf8Bytes() {
		String path = "/" + "\u00e9".repeat(54);
		assertThatExceptionOfType(InvalidEnvironmentException.class).isThrownBy(() -> NotifySocketAddress.parse(path))
			.withMessageContaining("is 109 bytes long");
	}

	@Test
	void abstractNameOf107BytesIsAccepted() {
		assertThat(NotifySocketAddress.parse("@" + "a".repeat(107)).getSunPath()).hasSize(108);
	}

	@Test
	void abstractNameOf108BytesIsRejected() {
		assertThatExceptionOfType(InvalidEnvironmentException.class)
			.isThrownBy(() -> NotifySocketAddress.parse("@" + "a".repeat(108)))
			.withMessageContaining("is 108 bytes long");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			relative/x          | is not an absolute path or @abstract name
			notify              | is not an absolute path or @abstract name
			''                  | is empty
			@                   | has an empty abstract socket name
			vsock:2:1234        | is an AF_VSOCK address, which is not supported yet
			vsock-stream:2:1234 | is an AF_VSOCK address, which is not supported yet
			vsock-dgram:2:1234  | is an AF_VSOCK address, which is not supported yet
			""")
	void invalidValuesAreRejectedWithTheValueAndTheProblem(String value, String problem) {
		assertThatExceptionOfType(InvalidEnvironmentException.class).isThrownBy(() -> NotifySocketAddress.parse(value))
			.withMessage("NOTIFY_SOCKET '" + value + "' " + problem)
			.satisfies((ex) -> assertThat(ex.getVariable()).isEqualTo("NOTIFY_SOCKET"));
	}

	@Test
	void nullIsRejectedAsEmpty() {
		assertThatExceptionOfType(InvalidEnvironmentException.class).isThrownBy(() -> NotifySocketAddress.parse(null))
			.withMessageContaining("is empty");
	}

}
