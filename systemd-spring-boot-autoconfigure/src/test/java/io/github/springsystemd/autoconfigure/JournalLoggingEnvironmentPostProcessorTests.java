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
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogs;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.mock.env.MockEnvironment;

import io.github.springsystemd.logging.JournalLogFormatter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link JournalLoggingEnvironmentPostProcessor}.
 */
@EnabledOnOs(OS.LINUX)
class JournalLoggingEnvironmentPostProcessorTests {

	private static final String STRUCTURED_FORMAT = "logging.structured.format.console";

	private final JournalLoggingEnvironmentPostProcessor postProcessor = new JournalLoggingEnvironmentPostProcessor(
			new DeferredLogs());

	private final SpringApplication application = new SpringApplication();

	@Test
	void standardOutputThatIsTheJournalGetsTheJournalFormat() throws Exception {
		MockEnvironment environment = environment().withProperty("JOURNAL_STREAM", standardOutput());
		this.postProcessor.postProcessEnvironment(environment, this.application);
		assertThat(environment.getProperty(STRUCTURED_FORMAT)).isEqualTo(JournalLogFormatter.class.getName());
		assertThat(environment.getPropertySources().stream().reduce((first, second) -> second).orElseThrow().getName())
			.isEqualTo(JournalLoggingEnvironmentPostProcessor.PROPERTY_SOURCE_NAME);
	}

	@Test
	void journalStreamOfAnotherFileIsIgnored() {
		MockEnvironment environment = environment().withProperty("JOURNAL_STREAM", "0:0");
		this.postProcessor.postProcessEnvironment(environment, this.application);
		assertThat(environment.containsProperty(STRUCTURED_FORMAT)).isFalse();
	}

	@Test
	void withoutJournalStreamNothingChanges() {
		MockEnvironment environment = environment();
		this.postProcessor.postProcessEnvironment(environment, this.application);
		assertThat(environment.containsProperty(STRUCTURED_FORMAT)).isFalse();
	}

	@Test
	void alwaysNeedsNoJournalStream() {
		MockEnvironment environment = environment().withProperty("systemd.logging.journal-format", "always");
		this.postProcessor.postProcessEnvironment(environment, this.application);
		assertThat(environment.getProperty(STRUCTURED_FORMAT)).isEqualTo(JournalLogFormatter.class.getName());
	}

	@Test
	void prefixUsesTheJournalFormatUnderTheJournalOnly() throws Exception {
		MockEnvironment journal = environment().withProperty("JOURNAL_STREAM", standardOutput())
			.withProperty("systemd.logging.journal-format", "prefix");
		this.postProcessor.postProcessEnvironment(journal, this.application);
		assertThat(journal.getProperty(STRUCTURED_FORMAT)).isEqualTo(JournalLogFormatter.class.getName());
		MockEnvironment elsewhere = environment().withProperty("systemd.logging.journal-format", "prefix");
		this.postProcessor.postProcessEnvironment(elsewhere, this.application);
		assertThat(elsewhere.containsProperty(STRUCTURED_FORMAT)).isFalse();
	}

	@Test
	void nativeUsesTheJournalFormatForEventsTheJournalDoesNotTakeEvenOffTheJournal() {
		MockEnvironment environment = environment().withProperty("systemd.logging.journal-format", "native");
		this.postProcessor.postProcessEnvironment(environment, this.application);
		assertThat(environment.getProperty(STRUCTURED_FORMAT)).isEqualTo(JournalLogFormatter.class.getName());
	}

	@Test
	void neverIgnoresTheJournal() throws Exception {
		MockEnvironment environment = environment().withProperty("JOURNAL_STREAM", standardOutput())
			.withProperty("systemd.logging.journal-format", "never");
		this.postProcessor.postProcessEnvironment(environment, this.application);
		assertThat(environment.containsProperty(STRUCTURED_FORMAT)).isFalse();
	}

	@Test
	void disabledSystemdIgnoresTheJournal() throws Exception {
		MockEnvironment environment = environment().withProperty("JOURNAL_STREAM", standardOutput())
			.withProperty("systemd.enabled", "false");
		this.postProcessor.postProcessEnvironment(environment, this.application);
		assertThat(environment.containsProperty(STRUCTURED_FORMAT)).isFalse();
	}

	@Test
	void consolePatternOfTheApplicationWins() throws Exception {
		MockEnvironment environment = environment().withProperty("JOURNAL_STREAM", standardOutput())
			.withProperty("logging.pattern.console", "%m%n");
		this.postProcessor.postProcessEnvironment(environment, this.application);
		assertThat(environment.containsProperty(STRUCTURED_FORMAT)).isFalse();
	}

	@Test
	void structuredFormatOfTheApplicationWins() throws Exception {
		MockEnvironment environment = environment().withProperty("JOURNAL_STREAM", standardOutput())
			.withProperty(STRUCTURED_FORMAT, "ecs");
		this.postProcessor.postProcessEnvironment(environment, this.application);
		assertThat(environment.getProperty(STRUCTURED_FORMAT)).isEqualTo("ecs");
	}

	@Test
	void otherLoggingSystemsAreLeftAlone() throws Exception {
		MockEnvironment environment = environment().withProperty("JOURNAL_STREAM", standardOutput());
		System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
		try {
			this.postProcessor.postProcessEnvironment(environment, this.application);
		}
		finally {
			System.clearProperty(LoggingSystem.SYSTEM_PROPERTY);
		}
		assertThat(environment.containsProperty(STRUCTURED_FORMAT)).isFalse();
	}

	private MockEnvironment environment() {
		return new MockEnvironment();
	}

	private String standardOutput() throws Exception {
		Map<String, Object> attributes = Files.readAttributes(Path.of("/proc/self/fd/1"), "unix:dev,ino");
		return attributes.get("dev") + ":" + attributes.get("ino");
	}

}
