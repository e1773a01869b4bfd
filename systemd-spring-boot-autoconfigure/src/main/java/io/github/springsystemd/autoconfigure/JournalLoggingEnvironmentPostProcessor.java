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

import java.util.Map;

import org.apache.commons.logging.Log;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;

import io.github.springsystemd.logging.JournalAppender;
import io.github.springsystemd.logging.JournalFormat;
import io.github.springsystemd.logging.JournalLogFormatter;
import io.github.springsystemd.protocol.JournalEntry;

/**
 * Switches console logging to {@link JournalLogFormatter the journal's format} when
 * standard output is the journal, by setting {@code logging.structured.format.console} as
 * a default. With native entries ({@link JournalAppender}, the default under the journal)
 * this is the format of the events the journal does not take. Runs after the
 * application's configuration is loaded and before logging is initialized.
 * <p>
 * Backs off when {@code systemd.enabled} or {@code systemd.logging.journal-format} say
 * so, when the application sets {@code logging.pattern.console} or
 * {@code logging.structured.format.console} itself, and when the logging system is not
 * Logback. A Logback configuration file of the application's own only uses the format
 * when it includes Spring Boot's {@code structured-console-appender.xml}.
 *
 * @since 0.1.0
 */
final class JournalLoggingEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/**
	 * Name of the property source that holds the default.
	 */
	static final String PROPERTY_SOURCE_NAME = "systemdJournalLogging";

	static final String STRUCTURED_FORMAT_PROPERTY = "logging.structured.format.console";

	static final String PATTERN_PROPERTY = "logging.pattern.console";

	private static final String LOGBACK_LOGGING_SYSTEM = "org.springframework.boot.logging.logback.LogbackLoggingSystem";

	private final Log logger;

	/**
	 * Where values of {@code systemd.*} that cannot be used are reported: under the
	 * properties' own name, as the context's binding reports them.
	 */
	private final Log propertiesLogger;

	/**
	 * Create a new {@link JournalLoggingEnvironmentPostProcessor}.
	 * @param logFactory the factory for the log, which logs once logging is initialized
	 */
	JournalLoggingEnvironmentPostProcessor(DeferredLogFactory logFactory) {
		this.logger = logFactory.getLog(JournalLoggingEnvironmentPostProcessor.class);
		this.propertiesLogger = logFactory.getLog(SystemdProperties.class);
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!isWanted(environment)) {
			return;
		}
		ClassLoader classLoader = application.getClassLoader();
		String loggingSystem = LoggingSystem.get(classLoader).getClass().getName();
		if (!LOGBACK_LOGGING_SYSTEM.equals(loggingSystem)) {
			this.logger.debug("Standard output is the journal, but the logging system is " + loggingSystem
					+ ", not Logback: set logging.pattern.console to add syslog priority prefixes");
			return;
		}
		environment.getPropertySources()
			.addLast(new MapPropertySource(PROPERTY_SOURCE_NAME,
					Map.of(STRUCTURED_FORMAT_PROPERTY, JournalLogFormatter.class.getName())));
		this.logger
			.debug("Console logs are written in the journal's format (" + JournalLogFormatter.class.getName() + ")");
	}

	private boolean isWanted(ConfigurableEnvironment environment) {
		JournalFormat format = format(environment, this.propertiesLogger);
		if (format == null || !format.isPrefixed(environment.getProperty(JournalEntry.STREAM_VARIABLE))) {
			return false;
		}
		if (environment.containsProperty(PATTERN_PROPERTY)
				|| environment.containsProperty(STRUCTURED_FORMAT_PROPERTY)) {
			this.logger.debug("Standard output is the journal, but " + PATTERN_PROPERTY + " or "
					+ STRUCTURED_FORMAT_PROPERTY + " is set: console logs keep the application's format");
			return false;
		}
		return true;
	}

	/**
	 * Return the journal format the environment asks for.
	 * @param environment the environment
	 * @param logger where to report a value that is not valid
	 * @return the format, or {@code null} when {@code systemd.enabled} is {@code false}
	 */
	static @Nullable JournalFormat format(Environment environment, Log logger) {
		SystemdProperties properties = SystemdPropertiesReader.read(environment, logger).properties();
		return properties.isEnabled() ? properties.getLogging().getJournalFormat() : null;
	}

}
