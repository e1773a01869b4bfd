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

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggerConfiguration;
import org.springframework.boot.logging.LoggingSystem;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DbusJavaLogging}, on the test's real logging system.
 */
class DbusJavaLoggingTests {

	private static final List<String> LOGGERS = List.of(DbusJavaLogging.TRANSPORT_CHOICE_LOGGER,
			DbusJavaLogging.CONNECTION_LOGGER, "org.freedesktop.dbus");

	private final LoggingSystem loggingSystem = LoggingSystem.get(getClass().getClassLoader());

	@AfterEach
	void resetLevels() {
		LOGGERS.forEach((logger) -> this.loggingSystem.setLogLevel(logger, null));
	}

	@Test
	void transportChoiceAndFailedSendAreKeptOutOfInfo() {
		DbusJavaLogging.quietConnectionLines();
		assertThat(configuredLevel(DbusJavaLogging.TRANSPORT_CHOICE_LOGGER)).isEqualTo(LogLevel.WARN);
		// "Setting reply to MethodCall ... as an error", logged by the connection's class
		assertThat(configuredLevel(DbusJavaLogging.CONNECTION_LOGGER)).isEqualTo(LogLevel.WARN);
		assertThat(configuredLevel("org.freedesktop.dbus")).isNull();
	}

	@Test
	void levelConfiguredForTheirPackageIsLeftAlone() {
		this.loggingSystem.setLogLevel("org.freedesktop.dbus", LogLevel.DEBUG);
		DbusJavaLogging.quietConnectionLines();
		assertThat(configuredLevel(DbusJavaLogging.TRANSPORT_CHOICE_LOGGER)).isNull();
		assertThat(configuredLevel(DbusJavaLogging.CONNECTION_LOGGER)).isNull();
	}

	@Test
	void levelConfiguredForOneOfThemIsLeftAlone() {
		this.loggingSystem.setLogLevel(DbusJavaLogging.CONNECTION_LOGGER, LogLevel.INFO);
		DbusJavaLogging.quietConnectionLines();
		assertThat(configuredLevel(DbusJavaLogging.CONNECTION_LOGGER)).isEqualTo(LogLevel.INFO);
		assertThat(configuredLevel(DbusJavaLogging.TRANSPORT_CHOICE_LOGGER)).isEqualTo(LogLevel.WARN);
	}

	private LogLevel configuredLevel(String logger) {
		LoggerConfiguration configuration = this.loggingSystem.getLoggerConfiguration(logger);
		return (configuration != null) ? configuration.getConfiguredLevel() : null;
	}

}
