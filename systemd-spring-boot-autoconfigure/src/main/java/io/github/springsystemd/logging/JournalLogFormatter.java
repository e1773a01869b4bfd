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

import java.util.Map;
import java.util.function.Supplier;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.pattern.DynamicConverter;
import ch.qos.logback.core.spi.ScanException;
import ch.qos.logback.core.util.OptionHelper;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

import org.springframework.boot.logging.logback.ColorConverter;
import org.springframework.boot.logging.logback.CorrelationIdConverter;
import org.springframework.boot.logging.logback.EnclosedInSquareBracketsConverter;
import org.springframework.boot.logging.logback.ExtendedWhitespaceThrowableProxyConverter;
import org.springframework.boot.logging.logback.WhitespaceThrowableProxyConverter;
import org.springframework.boot.logging.structured.StructuredLogFormatter;

/**
 * Formats Logback events for the journal: Spring Boot's console line without the time
 * stamp and the pid, which the journal records itself, and with a syslog priority prefix
 * on every line, stack trace lines included ({@code <3>} error, {@code <4>} warn,
 * {@code <6>} info, {@code <7>} debug and trace), so that {@code journalctl -p warning}
 * selects by level. Every record journald stores from one event carries the event's
 * priority: a NUL character is written as {@code U+2400} and a line longer than 32 KiB is
 * written as several records, each with the prefix. {@code logging.pattern.level},
 * {@code logging.pattern.correlation} and {@code logging.exception-conversion-word} apply
 * as usual.
 * <p>
 * Used as {@code logging.structured.format.console}: set by
 * {@code JournalLoggingEnvironmentPostProcessor} when standard output is the journal, or
 * by hand with Spring Boot's {@code structured-console-appender.xml}.
 *
 * @since 0.1.0
 */
public class JournalLogFormatter implements StructuredLogFormatter<ILoggingEvent> {

	static final String PATTERN = "${LOG_LEVEL_PATTERN:-%-5p} --- %esb(){APPLICATION_NAME}%esb{APPLICATION_GROUP}"
			+ "[%15.15t] ${LOG_CORRELATION_PATTERN:-}%-40.40logger{39} : %m%n${LOG_EXCEPTION_CONVERSION_WORD:-%wEx}";

	private static final Map<String, Supplier<DynamicConverter>> CONVERTERS = Map.of("clr", ColorConverter::new,
			"correlationId", CorrelationIdConverter::new, "esb", EnclosedInSquareBracketsConverter::new, "wex",
			WhitespaceThrowableProxyConverter::new, "wEx", ExtendedWhitespaceThrowableProxyConverter::new);

	/**
	 * Longest record written, in bytes of UTF-8 without the prefix: journald splits a
	 * stream line at {@code LineMax=} (48K by default), and the pieces after a split
	 * would lose the priority.
	 */
	static final int MAX_RECORD_BYTES = 32 * 1024;

	/**
	 * What a NUL character is written as: journald ends a record at NUL, and the rest
	 * would lose the priority.
	 */
	static final String NUL_SYMBOL = "\u2400";

	private final PatternLayout layout;

	/**
	 * Create a new {@link JournalLogFormatter} for Logback's logger context.
	 */
	public JournalLogFormatter() {
		this(loggerContext());
	}

	JournalLogFormatter(LoggerContext context) {
		PatternLayout layout = new PatternLayout();
		layout.setContext(context);
		layout.getInstanceConverterMap().putAll(CONVERTERS);
		try {
			layout.setPattern(OptionHelper.substVars(PATTERN, context));
		}
		catch (ScanException ex) {
			throw new IllegalStateException("Cannot resolve the journal log pattern " + PATTERN, ex);
		}
		layout.start();
		this.layout = layout;
	}

	private static LoggerContext loggerContext() {
		ILoggerFactory factory = LoggerFactory.getILoggerFactory();
		if (factory instanceof LoggerContext context) {
			return context;
		}
		throw new IllegalStateException("The journal log format needs Logback, but SLF4J is bound to " + factory);
	}

	@Override
	public String format(ILoggingEvent event) {
		String text = this.layout.doLayout(event).replace("\0", NUL_SYMBOL);
		String prefix = "<" + priority(event.getLevel()) + ">";
		StringBuilder formatted = new StringBuilder(text.length() + 8 * prefix.length());
		int start = 0;
		while (start < text.length()) {
			int newline = text.indexOf('\n', start);
			int end = (newline >= 0) ? newline : text.length();
			appendLine(formatted, prefix, text, start, end);
			start = end + 1;
		}
		return formatted.toString();
	}

	/**
	 * Append one line, as records of at most {@link #MAX_RECORD_BYTES} bytes each, every
	 * one with the prefix and a newline.
	 */
	private static void appendLine(StringBuilder formatted, String prefix, CharSequence text, int start, int end) {
		int pieceStart = start;
		int bytes = 0;
		for (int i = start; i < end; i++) {
			char c = text.charAt(i);
			int length = utf8Length(c);
			if (length > 0 && bytes + length > MAX_RECORD_BYTES) {
				formatted.append(prefix).append(text, pieceStart, i).append('\n');
				pieceStart = i;
				bytes = 0;
			}
			bytes += length;
		}
		formatted.append(prefix).append(text, pieceStart, end).append('\n');
	}

	/**
	 * Return how many bytes of UTF-8 a character adds: a surrogate pair counts whole (4)
	 * at its high surrogate, so that a record never ends between the two.
	 */
	private static int utf8Length(char c) {
		if (c < 0x80) {
			return 1;
		}
		if (c < 0x800) {
			return 2;
		}
		if (Character.isHighSurrogate(c)) {
			return 4;
		}
		return Character.isLowSurrogate(c) ? 0 : 3;
	}

	/**
	 * Return the syslog priority of a level.
	 * @param level the level
	 * @return the priority: 3 for error, 4 for warn, 6 for info, 7 for debug and trace
	 */
	static int priority(Level level) {
		if (level.isGreaterOrEqual(Level.ERROR)) {
			return 3;
		}
		if (level.isGreaterOrEqual(Level.WARN)) {
			return 4;
		}
		if (level.isGreaterOrEqual(Level.INFO)) {
			return 6;
		}
		return 7;
	}

}
