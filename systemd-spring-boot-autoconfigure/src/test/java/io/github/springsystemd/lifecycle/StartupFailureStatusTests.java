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
package io.github.springsystemd.lifecycle;

import java.io.FileNotFoundException;
import java.net.BindException;
import java.nio.file.NoSuchFileException;

import org.junit.jupiter.api.Test;

import org.springframework.boot.web.server.PortInUseException;

import io.github.springsystemd.protocol.Notification;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link StartupFailureStatus}.
 */
class StartupFailureStatusTests {

	@Test
	void portInUseIsItsRootCauseWithErrno() {
		Throwable failure = new IllegalStateException("Unable to start web server",
				new PortInUseException(8080, new BindException("Address already in use")));
		Notification status = StartupFailureStatus.of(failure, 0);
		assertThat(status.get("STATUS")).isEqualTo("Failed to start: Address already in use (BindException)");
		assertThat(status.get("ERRNO")).isEqualTo("98");
		assertThat(status.get("EXIT_STATUS")).isEqualTo("1");
	}

	@Test
	void describedFailureKeepsErrnoAndExitStatus() {
		Throwable failure = new IllegalStateException("Unable to start web server",
				new PortInUseException(8080, new BindException("Address already in use")));
		Notification status = StartupFailureStatus.of("Web server failed to start.\nPort 8080 was already in use.",
				StartupFailureStatus.errno(failure), 3);
		assertThat(status.get("STATUS"))
			.isEqualTo("Failed to start: Web server failed to start. Port 8080 was already in use.");
		assertThat(status.get("ERRNO")).isEqualTo("98");
		assertThat(status.get("EXIT_STATUS")).isEqualTo("3");
	}

	@Test
	void unanalyzedFailureUsesRootCauseOnOneLine() {
		Throwable failure = new IllegalStateException("Failed to execute ApplicationRunner",
				new RuntimeException("migration failed:\n  table 'x' is locked"));
		Notification status = StartupFailureStatus.of(failure, 0);
		assertThat(status.get("STATUS"))
			.isEqualTo("Failed to start: migration failed: table 'x' is locked (RuntimeException)");
		assertThat(status.get("ERRNO")).isNull();
	}

	@Test
	void exitStatusIsTheMappedExitCode() {
		Notification status = StartupFailureStatus.of(new IllegalStateException("boom"), 3);
		assertThat(status.get("EXIT_STATUS")).isEqualTo("3");
		assertThat(StartupFailureStatus.of(new IllegalStateException("boom"), 0).get("EXIT_STATUS")).isEqualTo("1");
	}

	@Test
	void failureWithoutMessageNamesItsType() {
		assertThat(StartupFailureStatus.of(new NullPointerException(), 0).get("STATUS"))
			.isEqualTo("Failed to start: NullPointerException");
	}

	@Test
	void longDescriptionIsTruncated() {
		String status = StartupFailureStatus.of(new RuntimeException("x".repeat(2000)), 0).get("STATUS");
		assertThat(status).hasSize(400).endsWith("...");
	}

	@Test
	void errnoForCommonCauses() {
		assertThat(StartupFailureStatus.errno(new BindException("Permission denied"))).isEqualTo(13);
		assertThat(StartupFailureStatus.errno(new BindException("Cannot assign requested address"))).isEqualTo(99);
		assertThat(StartupFailureStatus.errno(new RuntimeException(new NoSuchFileException("/etc/app.conf"))))
			.isEqualTo(2);
		assertThat(StartupFailureStatus.errno(new FileNotFoundException("/etc/key (Permission denied)"))).isEqualTo(13);
		assertThat(StartupFailureStatus.errno(new IllegalStateException("other"))).isNull();
	}

}
