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

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggerConfiguration;
import org.springframework.boot.logging.LoggingSystem;

/**
 * Keeps two of dbus-java's lines out of the application's {@code INFO} log: its choice of
 * transport ({@code "Using transport ... for address ..."}, on every connection) and the
 * failed send of a call to a bus that closed the connection ({@code "Setting reply to
 * MethodCall ... as an error"}, which the starter reports itself, once). Only those two
 * loggers are set, to {@code WARN}, and only while no level is configured for one of them
 * or for one of its packages ({@code logging.level.org.freedesktop.dbus=debug} shows them
 * again).
 */
final class DbusJavaLogging {

	static final String TRANSPORT_CHOICE_LOGGER = "org.freedesktop.dbus.connections.transports.TransportBuilder";

	static final String CONNECTION_LOGGER = "org.freedesktop.dbus.connections.impl.DBusConnection";

	private DbusJavaLogging() {
	}

	static void quietConnectionLines() {
		try {
			LoggingSystem loggingSystem = LoggingSystem.get(DbusJavaLogging.class.getClassLoader());
			for (String logger : List.of(TRANSPORT_CHOICE_LOGGER, CONNECTION_LOGGER)) {
				if (!isConfigured(loggingSystem, logger)) {
					loggingSystem.setLogLevel(logger, LogLevel.WARN);
				}
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
