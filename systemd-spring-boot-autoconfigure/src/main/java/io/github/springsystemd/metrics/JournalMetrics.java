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
package io.github.springsystemd.metrics;

import java.util.Iterator;
import java.util.function.ToLongFunction;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

import io.github.springsystemd.logging.JournalAppender;

/**
 * {@link MeterBinder} for log events sent to the journal: {@code systemd.journal.events},
 * tagged {@code outcome} {@code sent} (native journal entries) or {@code console} (events
 * the journal did not take, written as console lines instead), summed over the
 * {@link JournalAppender journal appenders} of Logback's root logger.
 *
 * @since 0.1.0
 */
public class JournalMetrics implements MeterBinder {

	private final ILoggerFactory loggerFactory;

	/**
	 * Create a new {@link JournalMetrics} for SLF4J's logger factory.
	 */
	public JournalMetrics() {
		this(LoggerFactory.getILoggerFactory());
	}

	JournalMetrics(ILoggerFactory loggerFactory) {
		this.loggerFactory = loggerFactory;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		counter(registry, "sent", JournalAppender::getSentCount);
		counter(registry, "console", JournalAppender::getFallbackCount);
	}

	private void counter(MeterRegistry registry, String outcome, ToLongFunction<JournalAppender> count) {
		FunctionCounter.builder("systemd.journal.events", this, (metrics) -> metrics.sum(count))
			.tag("outcome", outcome)
			.description("Log events sent to the journal as native entries, or written as console lines instead")
			.register(registry);
	}

	private double sum(ToLongFunction<JournalAppender> count) {
		if (!(this.loggerFactory instanceof LoggerContext context)) {
			return 0;
		}
		long sum = 0;
		Iterator<Appender<ILoggingEvent>> appenders = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
			.iteratorForAppenders();
		while (appenders.hasNext()) {
			if (appenders.next() instanceof JournalAppender journal) {
				sum += count.applyAsLong(journal);
			}
		}
		return sum;
	}

}
