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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.logging.LoggingSystemProperty;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;

import io.github.springsystemd.logging.JournalAppender;
import io.github.springsystemd.test.TestApplications;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link JournalAppenderListener} and the includable
 * {@code journal-appender.xml}: whole applications, with Spring Boot's real Logback
 * configuration.
 */
@EnabledOnOs(OS.LINUX)
@ExtendWith(OutputCaptureExtension.class)
class JournalAppenderListenerTests {

	private static final String INCLUDING_CONFIGURATION = "--logging.config=classpath:io/github/springsystemd/logging/journal-logback-spring.xml";

	@AfterEach
	void restoreDefaultLogging() {
		LoggingSystem loggingSystem = LoggingSystem.get(getClass().getClassLoader());
		loggingSystem.cleanUp();
		System.clearProperty(LoggingSystemProperty.CONSOLE_STRUCTURED_FORMAT.getEnvironmentVariableName());
		loggingSystem.beforeInitialize();
		loggingSystem.initialize(new LoggingInitializationContext(new StandardEnvironment()), null, null);
		loggingSystem.cleanUp();
	}

	@Test
	void nativeReplacesTheConsoleAppenderWithTheJournalAppenderThatFallsBackToIt() {
		try (ConfigurableApplicationContext context = run("--systemd.logging.journal-format=native")) {
			Logger root = root();
			assertThat(root.getAppender("CONSOLE")).isNull();
			assertThat(root.getAppender(JournalAppenderListener.APPENDER_NAME))
				.isInstanceOfSatisfying(JournalAppender.class, (journal) -> {
					assertThat(journal.isStarted()).isTrue();
					assertThat(journal.getAppender("CONSOLE")).isInstanceOf(ConsoleAppender.class);
					LoggerFactory.getLogger(getClass()).info("Taken by the journal or by the console");
					assertThat(journal.getSentCount() + journal.getFallbackCount()).isPositive();
				});
		}
	}

	@Test
	void prefixKeepsTheConsoleAppender() {
		try (ConfigurableApplicationContext context = run("--systemd.logging.journal-format=prefix")) {
			assertThat(root().getAppender("CONSOLE")).isInstanceOf(ConsoleAppender.class);
			assertThat(root().getAppender(JournalAppenderListener.APPENDER_NAME)).isNull();
		}
	}

	@Test
	void autoOffTheJournalKeepsTheConsoleAppender() {
		try (ConfigurableApplicationContext context = run("--JOURNAL_STREAM=")) {
			assertThat(root().getAppender("CONSOLE")).isInstanceOf(ConsoleAppender.class);
			assertThat(root().getAppender(JournalAppenderListener.APPENDER_NAME)).isNull();
		}
	}

	@Test
	void aConfigurationOfTheApplicationsOwnCanIncludeTheJournalAppender() {
		try (ConfigurableApplicationContext context = run(INCLUDING_CONFIGURATION,
				"--systemd.logging.journal-format=native")) {
			Logger root = root();
			List<Appender<ILoggingEvent>> appenders = new ArrayList<>();
			root.iteratorForAppenders().forEachRemaining(appenders::add);
			assertThat(appenders).singleElement().isInstanceOfSatisfying(JournalAppender.class, (journal) -> {
				assertThat(journal.getName()).isEqualTo("JOURNAL");
				assertThat(journal.isStarted()).isTrue();
				assertThat(journal.getAppender("CONSOLE")).isInstanceOf(ConsoleAppender.class);
			});
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "--JOURNAL_STREAM=1:1", "--JOURNAL_STREAM=",
			"--systemd.logging.journal-format=prefix --JOURNAL_STREAM=standard-output",
			"--systemd.logging.journal-format=always --JOURNAL_STREAM=standard-output",
			"--systemd.logging.journal-format=never --JOURNAL_STREAM=standard-output",
			"--systemd.enabled=false --systemd.logging.journal-format=native" })
	void anIncludedJournalAppenderWritesEveryEventToTheConsoleWhenTheFormatIsNotNative(String arguments,
			CapturedOutput output) throws Exception {
		List<String> args = new ArrayList<>(List.of(INCLUDING_CONFIGURATION));
		for (String argument : arguments.split(" ")) {
			args.add(argument.replace("standard-output", standardOutputStream()));
		}
		try (ConfigurableApplicationContext context = run(args.toArray(String[]::new))) {
			JournalAppender journal = (JournalAppender) root().getAppender("JOURNAL");
			assertThat(journal.isStarted()).isTrue();
			assertThat(journal.isNativeEntries()).isFalse();
			LoggerFactory.getLogger(getClass()).info("Written to the console: {}", arguments);
			assertThat(journal.getSentCount()).isZero();
			assertThat(journal.getFallbackCount()).isZero();
			assertThat(output).contains("Written to the console: " + arguments)
				.doesNotContain("The journal did not take a log event");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "--systemd.logging.journal-format=native --JOURNAL_STREAM=1:1",
			"--JOURNAL_STREAM=standard-output" })
	void anIncludedJournalAppenderSendsEventsToTheJournalWhenTheFormatIsNative(String arguments) throws Exception {
		List<String> args = new ArrayList<>(List.of(INCLUDING_CONFIGURATION));
		for (String argument : arguments.split(" ")) {
			args.add(argument.replace("standard-output", standardOutputStream()));
		}
		try (ConfigurableApplicationContext context = run(args.toArray(String[]::new))) {
			JournalAppender journal = (JournalAppender) root().getAppender("JOURNAL");
			assertThat(journal.isNativeEntries()).isTrue();
			long before = journal.getSentCount() + journal.getFallbackCount();
			LoggerFactory.getLogger(getClass()).info("Taken by the journal or by the console");
			assertThat(journal.getSentCount() + journal.getFallbackCount()).isEqualTo(before + 1);
		}
	}

	@Test
	void callerDataIsOffByDefault() {
		try (ConfigurableApplicationContext context = run("--systemd.logging.journal-format=native")) {
			assertThat(root().getAppender(JournalAppenderListener.APPENDER_NAME)).isInstanceOfSatisfying(
					JournalAppender.class, (journal) -> assertThat(journal.isIncludeCallerData()).isFalse());
		}
		try (ConfigurableApplicationContext context = run(INCLUDING_CONFIGURATION,
				"--systemd.logging.journal-format=native")) {
			assertThat(root().getAppender("JOURNAL")).isInstanceOfSatisfying(JournalAppender.class,
					(journal) -> assertThat(journal.isIncludeCallerData()).isFalse());
		}
	}

	@Test
	void callerDataPropertyTurnsOnCallerDataOfTheJournalAppender() {
		try (ConfigurableApplicationContext context = run("--systemd.logging.journal-format=native",
				"--systemd.logging.journal-caller-data=true")) {
			assertThat(root().getAppender(JournalAppenderListener.APPENDER_NAME)).isInstanceOfSatisfying(
					JournalAppender.class, (journal) -> assertThat(journal.isIncludeCallerData()).isTrue());
		}
	}

	@Test
	void callerDataPropertyTurnsOnCallerDataOfAnIncludedJournalAppender() {
		try (ConfigurableApplicationContext context = run(INCLUDING_CONFIGURATION,
				"--systemd.logging.journal-format=native", "--systemd.logging.journal-caller-data=true")) {
			assertThat(root().getAppender("JOURNAL")).isInstanceOfSatisfying(JournalAppender.class,
					(journal) -> assertThat(journal.isIncludeCallerData()).isTrue());
		}
	}

	private static String standardOutputStream() throws Exception {
		Map<String, Object> attributes = Files.readAttributes(Path.of("/proc/self/fd/1"), "unix:dev,ino");
		return attributes.get("dev") + ":" + attributes.get("ino");
	}

	private static Logger root() {
		return ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
	}

	private ConfigurableApplicationContext run(String... extraArgs) {
		List<String> args = new ArrayList<>();
		if (Arrays.stream(extraArgs).noneMatch((arg) -> arg.startsWith("--systemd.enabled="))) {
			args.add("--systemd.enabled=true");
		}
		args.addAll(List.of(extraArgs));
		return TestApplications.run(TestApplication.class, args);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
