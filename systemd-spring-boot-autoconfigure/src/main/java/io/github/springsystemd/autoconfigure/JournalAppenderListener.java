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

import java.util.Iterator;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.GenericApplicationListener;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;

import io.github.springsystemd.libc.NativeAccessException;
import io.github.springsystemd.libc.NativeLibc;
import io.github.springsystemd.logging.JournalAppender;
import io.github.springsystemd.logging.JournalFormat;
import io.github.springsystemd.logging.JournalLogFormatter;
import io.github.springsystemd.protocol.JournalEntry;

/**
 * Sends log events to the journal as native entries with fields ({@link JournalAppender})
 * when {@code systemd.logging.journal-format} asks for it ({@code auto}, the default,
 * when standard output is the journal). Right after Spring Boot has initialized Logback,
 * the root logger's {@code CONSOLE} appender is replaced by a {@code JOURNAL} appender
 * that writes to the journal and hands the events the journal does not take to
 * {@code CONSOLE}, whose lines then have the {@link JournalLogFormatter journal's
 * format}. A configuration of the application's own that already attaches a
 * {@link JournalAppender} to the root logger is left as it is; one without a root
 * {@code CONSOLE} appender gets native entries only by including
 * {@code io/github/springsystemd/logging/logback/journal-appender.xml}.
 * {@code systemd.logging.journal-caller-data} turns on the caller's file, line and method
 * in every entry. Other logging systems than Logback, and a JVM without native access,
 * are left alone.
 *
 * @since 0.1.0
 */
final class JournalAppenderListener implements GenericApplicationListener {

	/**
	 * Name of the appender.
	 */
	static final String APPENDER_NAME = "JOURNAL";

	private static final String LOGBACK_LOGGING_SYSTEM = "org.springframework.boot.logging.logback.LogbackLoggingSystem";

	private static final Log logger = LogFactory.getLog(JournalAppenderListener.class);

	@Override
	public boolean supportsEventType(ResolvableType eventType) {
		Class<?> type = eventType.getRawClass();
		return type != null && ApplicationEnvironmentPreparedEvent.class.isAssignableFrom(type);
	}

	/**
	 * Right after {@link LoggingApplicationListener} has initialized logging.
	 */
	@Override
	public int getOrder() {
		return LoggingApplicationListener.DEFAULT_ORDER + 1;
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		if (!(event instanceof ApplicationEnvironmentPreparedEvent prepared)) {
			return;
		}
		Environment environment = prepared.getEnvironment();
		JournalFormat format = JournalLoggingEnvironmentPostProcessor.format(environment, logger);
		String journalStream = environment.getProperty(JournalEntry.STREAM_VARIABLE);
		if (format == null || !format.isNative(journalStream)) {
			return;
		}
		String loggingSystem = LoggingSystem.get(prepared.getSpringApplication().getClassLoader()).getClass().getName();
		if (!LOGBACK_LOGGING_SYSTEM.equals(loggingSystem)) {
			logger.debug("Standard output is the journal, but the logging system is " + loggingSystem
					+ ", not Logback: log events are not sent as native journal entries");
			return;
		}
		try {
			NativeLibc.get();
		}
		catch (NativeAccessException ex) {
			logger.debug("No native access: log events are written to the console, not as native journal entries");
			return;
		}
		String identifier = environment.getProperty("spring.application.name", "java");
		boolean callerData = SystemdPropertiesReader.read(environment, logger)
			.properties()
			.getLogging()
			.isJournalCallerData();
		LogbackInstaller.install(identifier, format, journalStream, callerData);
	}

	/**
	 * Logback's part, loaded only when Logback is the logging system.
	 */
	private static final class LogbackInstaller {

		static void install(String syslogIdentifier, JournalFormat format, @Nullable String journalStream,
				boolean callerData) {
			if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
				return;
			}
			Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
			for (Iterator<Appender<ILoggingEvent>> appenders = root.iteratorForAppenders(); appenders.hasNext();) {
				if (appenders.next() instanceof JournalAppender) {
					logger.debug("The root logger has a journal appender of the application's own");
					return;
				}
			}
			Appender<ILoggingEvent> console = root.getAppender("CONSOLE");
			if (console == null) {
				logger.debug("The root logger has no CONSOLE appender to replace with native journal entries: include "
						+ "io/github/springsystemd/logging/logback/journal-appender.xml in your Logback configuration");
				return;
			}
			JournalAppender journal = new JournalAppender();
			journal.setContext(context);
			journal.setName(APPENDER_NAME);
			journal.setSyslogIdentifier(syslogIdentifier);
			journal.setJournalFormat(format.name());
			journal.setJournalStream(journalStream);
			journal.setIncludeCallerData(callerData);
			journal.addAppender(console);
			journal.start();
			root.addAppender(journal);
			root.detachAppender(console);
			logger.debug("Log events go to the journal as native entries with fields");
		}

	}

}
