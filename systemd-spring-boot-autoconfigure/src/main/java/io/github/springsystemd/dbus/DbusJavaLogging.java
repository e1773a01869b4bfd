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

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggerConfiguration;
import org.springframework.boot.logging.LoggingSystem;

/**
 * Keeps dbus-java's choice of transport ({@code "Using transport ... for address ..."},
 * logged at {@code INFO} on every connection) out of the application's {@code INFO} log.
 * Only that one logger is set, to {@code WARN}, and only while no level is configured for
 * it or for one of its packages ({@code logging.level.org.freedesktop.dbus=debug} shows
 * it again).
 */
final class DbusJavaLogging {

	static final String TRANSPORT_CHOICE_LOGGER = "org.freedesktop.dbus.connections.transports.TransportBuilder";

	private DbusJavaLogging() {
	}

	static void quietTransportChoice() {
		try {
			LoggingSystem loggingSystem = LoggingSystem.get(DbusJavaLogging.class.getClassLoader());
			if (!isConfigured(loggingSystem, TRANSPORT_CHOICE_LOGGER)) {
				loggingSystem.setLogLevel(TRANSPORT_CHOICE_LOGGER, LogLevel.WARN);
			}
		}
		catch (RuntimeException | LinkageError ex) {
			// No logging system to adjust: dbus-java logs as configured
		}
	}

	private static boolean isConfigured(LoggingSystem loggingSystem, String loggerName) {
		for (String name = loggerName; !name.isEmpty(); name = parentOf(name)) {
			LoggerConfiguration configuration = loggingSystem.getLoggerConfiguration(name);
			if (configuration != null && configuration.getConfiguredLevel() != null
					&& !(name.equals(loggerName) && configuration.getConfiguredLevel() == LogLevel.WARN)) {
				return true;
			}
		}
		return false;
	}

	private static String parentOf(String name) {
		int dot = name.lastIndexOf('.');
		return (dot > 0) ? name.substring(0, dot) : "";
	}

}
