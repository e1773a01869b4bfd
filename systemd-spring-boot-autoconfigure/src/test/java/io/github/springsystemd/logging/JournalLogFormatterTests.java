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
package io.github.springsystemd.logging;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link JournalLogFormatter}.
 */
class JournalLogFormatterTests {

	private final LoggerContext context = new LoggerContext();

	private final Logger logger = this.context.getLogger("io.github.springsystemd.sample.Orders");

	@Test
	void lineHasPriorityPrefixAndNoTimestampOrPid() {
		this.context.putProperty("APPLICATION_NAME", "orders");
		this.context.putProperty("PID", "4242");
		String line = new JournalLogFormatter(this.context).format(event(Level.WARN, "Disk is filling up", null));
		assertThat(line).isEqualTo(
				"<4>WARN  --- [orders] [           main] io.github.springsystemd.sample.Orders    : Disk is filling up\n");
	}

	@Test
	void everyLevelHasItsSyslogPriority() {
		JournalLogFormatter formatter = new JournalLogFormatter(this.context);
		assertThat(formatter.format(event(Level.ERROR, "m", null))).startsWith("<3>ERROR --- ");
		assertThat(formatter.format(event(Level.WARN, "m", null))).startsWith("<4>WARN  --- ");
		assertThat(formatter.format(event(Level.INFO, "m", null))).startsWith("<6>INFO  --- ");
		assertThat(formatter.format(event(Level.DEBUG, "m", null))).startsWith("<7>DEBUG --- ");
		assertThat(formatter.format(event(Level.TRACE, "m", null))).startsWith("<7>TRACE --- ");
	}

	@Test
	void everyLineOfAMessageAndItsStackTraceHasThePrefix() {
		String formatted = new JournalLogFormatter(this.context)
			.format(event(Level.ERROR, "Reload failed:\nsecond line", new IllegalStateException("broken")));
		assertThat(formatted).endsWith("\n");
		assertThat(formatted.lines()).hasSizeGreaterThan(3).allMatch((line) -> line.startsWith("<3>"));
		assertThat(formatted).contains("<3>second line\n")
			.contains("<3>java.lang.IllegalStateException: broken\n")
			.containsPattern("<3>\\s+at io\\.github\\.springsystemd\\.logging\\.JournalLogFormatterTests");
	}

	@Test
	void nulDoesNotEndTheRecord() {
		String formatted = new JournalLogFormatter(this.context).format(event(Level.WARN, "a\0b", null));
		assertThat(formatted).doesNotContain("\0").endsWith(" : a\u2400b\n").startsWith("<4>");
		assertThat(formatted.lines()).hasSize(1);
	}

	@Test
	void lineLongerThanTheRecordLimitIsWrittenAsRecordsThatEachHaveThePriority() {
		String message = "start-" + "x".repeat(70_000) + "-end";
		String formatted = new JournalLogFormatter(this.context).format(event(Level.ERROR, message, null));
		assertThat(formatted.lines()).hasSize(3)
			.allMatch((line) -> line.startsWith("<3>"))
			.allMatch(
					(line) -> line.getBytes(StandardCharsets.UTF_8).length <= 3 + JournalLogFormatter.MAX_RECORD_BYTES);
		assertThat(formatted.lines().map((line) -> line.substring(3)).collect(Collectors.joining()))
			.endsWith(" : " + message);
	}

	@Test
	void recordLimitCountsBytesAndKeepsSurrogatePairsWhole() {
		String message = "\uD83D\uDE00".repeat(20_000) + "\u00e9".repeat(20_000);
		String formatted = new JournalLogFormatter(this.context).format(event(Level.INFO, message, null));
		List<String> records = formatted.lines().toList();
		assertThat(records).hasSizeGreaterThan(3)
			.allMatch(
					(line) -> line.getBytes(StandardCharsets.UTF_8).length <= 3 + JournalLogFormatter.MAX_RECORD_BYTES)
			.allMatch((line) -> line.startsWith("<6>"))
			.noneMatch((line) -> Character.isHighSurrogate(line.charAt(line.length() - 1)));
		assertThat(records.stream().map((line) -> line.substring(3)).collect(Collectors.joining()))
			.endsWith(" : " + message);
	}

	@Test
	void recordLimitHoldsWhereverASurrogatePairFalls() {
		JournalLogFormatter formatter = new JournalLogFormatter(this.context);
		for (int offset = 0; offset < 4; offset++) {
			String message = "a".repeat(offset) + "\uD83D\uDE00".repeat(20_000);
			List<String> records = formatter.format(event(Level.INFO, message, null)).lines().toList();
			assertThat(records).allSatisfy((line) -> assertThat(line.getBytes(StandardCharsets.UTF_8).length)
				.isLessThanOrEqualTo(3 + JournalLogFormatter.MAX_RECORD_BYTES));
		}
	}

	@Test
	void levelPatternIsApplied() {
		this.context.putProperty("LOG_LEVEL_PATTERN", "%.-1p");
		assertThat(new JournalLogFormatter(this.context).format(event(Level.INFO, "m", null))).startsWith("<6>I --- ");
	}

	private LoggingEvent event(Level level, String message, Throwable throwable) {
		LoggingEvent event = new LoggingEvent(Logger.class.getName(), this.logger, level, message, throwable, null);
		event.setThreadName("main");
		return event;
	}

}
