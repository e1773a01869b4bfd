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

import java.nio.file.Path;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import io.github.springsystemd.logging.JournalAppender;
import io.github.springsystemd.test.JournalSocketReceiver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link JournalMetrics}, with a journal appender on a real AF_UNIX datagram
 * socket.
 */
@EnabledOnOs(OS.LINUX)
class JournalMetricsTests {

	@TempDir
	Path temp;

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	@Test
	void countsEventsSentAndWrittenToTheConsoleInstead() throws Exception {
		LoggerContext context = new LoggerContext();
		context.setMDCAdapter(new LogbackMDCAdapter());
		Path path = this.temp.resolve("journal");
		JournalAppender appender = new JournalAppender();
		appender.setContext(context);
		appender.setSocketPath(path.toString());
		appender.setJournalFormat("native");
		appender.start();
		Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		root.setLevel(Level.INFO);
		root.addAppender(appender);
		new JournalMetrics(context).bindTo(this.registry);
		try (JournalSocketReceiver receiver = JournalSocketReceiver.bind(path)) {
			root.info("sent");
			receiver.receive();
		}
		root.info("not sent: nothing listens any more");
		assertThat(this.registry.get("systemd.journal.events").tag("outcome", "sent").functionCounter().count())
			.isEqualTo(1);
		assertThat(this.registry.get("systemd.journal.events").tag("outcome", "console").functionCounter().count())
			.isEqualTo(1);
		appender.stop();
	}

	@Test
	void withoutJournalAppenderNothingIsCounted() {
		new JournalMetrics(new LoggerContext()).bindTo(this.registry);
		assertThat(this.registry.get("systemd.journal.events").tag("outcome", "sent").functionCounter().count())
			.isZero();
	}

}
