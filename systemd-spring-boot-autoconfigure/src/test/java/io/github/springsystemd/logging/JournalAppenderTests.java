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

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.read.ListAppender;
import ch.qos.logback.core.status.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.github.springsystemd.libc.Libc;
import io.github.springsystemd.libc.LibcException;
import io.github.springsystemd.test.JournalSocketReceiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link JournalAppender}: the fields of an event, read back from a real
 * AF_UNIX datagram socket, and the fallback when no journal takes it.
 */
@EnabledOnOs(OS.LINUX)
class JournalAppenderTests {

	@TempDir
	Path temp;

	private final LoggerContext context = new LoggerContext();

	private final Logger logger = this.context.getLogger("com.example.Orders");

	private final ListAppender<ILoggingEvent> console = new ListAppender<>();

	private JournalAppender appender = new JournalAppender();

	@AfterEach
	void stop() {
		this.appender.stop();
	}

	@Test
	void sendsTheEventsFieldsAndItsMdcEntries() throws Exception {
		Path path = this.temp.resolve("journal");
		try (JournalSocketReceiver receiver = JournalSocketReceiver.bind(path)) {
			start(path);
			LoggingEvent event = event(Level.INFO, "Order 42 placed", null);
			event.setMDCPropertyMap(Map.of("traceId", "4bf92f3577b34da6a3ce929d0e0e4736", "spanId", "00f067aa0ba902b7",
					"user.id", "alice", "message", "shadowed", "9lives", "cat", "messageId", "catalogue"));
			this.appender.doAppend(event);
			Map<String, String> fields = parse(receiver.receive().bytes());
			assertThat(fields).containsEntry("MESSAGE", "Order 42 placed")
				.containsEntry("PRIORITY", "6")
				.containsEntry("SYSLOG_IDENTIFIER", "orders")
				.containsEntry("LOGGER_NAME", "com.example.Orders")
				.containsEntry("THREAD_NAME", Thread.currentThread().getName())
				.containsEntry("TRACE_ID", "4bf92f3577b34da6a3ce929d0e0e4736")
				.containsEntry("SPAN_ID", "00f067aa0ba902b7")
				.containsEntry("USER_ID", "alice")
				.containsEntry("MDC_MESSAGE", "shadowed")
				.containsEntry("MDC_9LIVES", "cat")
				.containsEntry("MDC_MESSAGE_ID", "catalogue")
				.doesNotContainKeys("STACK_TRACE", "ERRNO", "CODE_FILE");
			assertThat(this.appender.getSentCount()).isEqualTo(1);
			assertThat(this.console.list).isEmpty();
		}
	}

	@Test
	void namesAnExceptionWithoutCausesOnce() throws Exception {
		Path path = this.temp.resolve("journal");
		try (JournalSocketReceiver receiver = JournalSocketReceiver.bind(path)) {
			start(path);
			this.appender.doAppend(event(Level.ERROR, "Order 42 failed", new IllegalStateException("Payment refused")));
			Map<String, String> fields = parse(receiver.receive().bytes());
			assertThat(fields).containsEntry("MESSAGE",
					"Order 42 failed: java.lang.IllegalStateException: Payment refused");
		}
	}

	@Test
	void sendsAnExceptionsStackAndErrno() throws Exception {
		Path path = this.temp.resolve("journal");
		try (JournalSocketReceiver receiver = JournalSocketReceiver.bind(path)) {
			start(path);
			Exception failure = new IllegalStateException("Payment refused\nby the bank",
					new LibcException("connect", 111, "Connection refused"));
			this.appender.doAppend(event(Level.WARN, "Order 42 failed", failure));
			Map<String, String> fields = parse(receiver.receive().bytes());
			assertThat(fields)
				.containsEntry("MESSAGE",
						"Order 42 failed: java.lang.IllegalStateException: Payment refused; root cause: "
								+ "io.github.springsystemd.libc.LibcException: "
								+ failure.getCause().getMessage().lines().findFirst().orElseThrow())
				.containsEntry("PRIORITY", "4")
				.containsEntry("ERRNO", "111");
			assertThat(fields.get("STACK_TRACE"))
				.startsWith("java.lang.IllegalStateException: Payment refused\nby the bank")
				.contains("at io.github.springsystemd.logging.JournalAppenderTests")
				.contains("Caused by: io.github.springsystemd.libc.LibcException: connect failed");
		}
	}

	@Test
	void sendsTheCallerWhenAsked() throws Exception {
		Path path = this.temp.resolve("journal");
		try (JournalSocketReceiver receiver = JournalSocketReceiver.bind(path)) {
			this.appender.setIncludeCallerData(true);
			start(path);
			this.logger.addAppender(this.appender);
			this.logger.error("Disk full");
			Map<String, String> fields = parse(receiver.receive().bytes());
			assertThat(fields).containsEntry("PRIORITY", "3")
				.containsEntry("CODE_FILE", "JournalAppenderTests.java")
				.containsEntry("CODE_FUNC", JournalAppenderTests.class.getName() + ".sendsTheCallerWhenAsked");
			assertThat(Integer.parseInt(fields.get("CODE_LINE"))).isPositive();
		}
	}

	@Test
	void writesEventsTheJournalDoesNotTakeToTheAttachedAppendersAndCountsThem() {
		start(this.temp.resolve("no-journal"));
		assertTwoEventsGoToTheAttachedAppenders("ENOENT");
		assertThat(this.console.list.get(0).getLevel()).isEqualTo(Level.WARN);
		// said once: Spring Boot prints WARN statuses on the console beside the log line
		assertThat(this.context.getStatusManager().getCopyOfStatusList())
			.filteredOn((status) -> status.getMessage().startsWith("The journal did not take a log event"))
			.singleElement()
			.extracting(Status::getLevel)
			.isEqualTo(Status.INFO);
	}

	@Test
	@Timeout(value = 10, threadMode = ThreadMode.SEPARATE_THREAD)
	void writesAnEventToTheAttachedAppendersAndCountsItWhenTheJournalIsFull() throws Exception {
		Path path = this.temp.resolve("journal");
		try (JournalSocketReceiver receiver = JournalSocketReceiver.bind(path)) {
			start(path);
			String large = "x".repeat(4096);
			int appended = 0;
			while (this.appender.getFallbackCount() == 0 && appended < 1_000_000) {
				this.appender.doAppend(event(Level.INFO, large + " " + appended, null));
				appended++;
			}
			assertThat(this.appender.getFallbackCount()).isEqualTo(1);
			assertThat(this.appender.getSentCount()).isEqualTo(appended - 1);
			assertThat(this.console.list).extracting(ILoggingEvent::getFormattedMessage)
				.hasSize(2)
				.endsWith(large + " " + (appended - 1));
			assertThat(this.console.list.get(0).getLevel()).isEqualTo(Level.WARN);
			assertThat(this.console.list.get(0).getFormattedMessage())
				.startsWith("The journal did not take a log event")
				.contains("EAGAIN");
		}
	}

	@Test
	void writesEventsToTheAttachedAppendersAndCountsThemWhenTheNativeLayerFailsWithAnError() throws Exception {
		Libc libc = mock(Libc.class);
		given(libc.socket(anyInt(), anyInt(), anyInt())).willReturn(42);
		willThrow(new UnsatisfiedLinkError("Error looking up function 'send'")).given(libc)
			.send(anyInt(), any(), anyInt());
		this.appender = new JournalAppender(libc);
		start(this.temp.resolve("journal"));
		assertTwoEventsGoToTheAttachedAppenders("UnsatisfiedLinkError");
		assertThat(this.context.getStatusManager().getCopyOfStatusList())
			.filteredOn((status) -> status.getMessage().startsWith("The native layer failed"))
			.singleElement()
			.satisfies((status) -> assertThat(status.getThrowable()).isInstanceOf(UnsatisfiedLinkError.class));
	}

	@Test
	void letsAVirtualMachineErrorThrownWhileSendingPass() throws Exception {
		Libc libc = mock(Libc.class);
		given(libc.socket(anyInt(), anyInt(), anyInt())).willReturn(42);
		willThrow(new OutOfMemoryError("Java heap space")).given(libc).send(anyInt(), any(), anyInt());
		this.appender = new JournalAppender(libc);
		start(this.temp.resolve("journal"));
		LoggingEvent event = event(Level.INFO, "first", null);
		assertThatExceptionOfType(OutOfMemoryError.class).isThrownBy(() -> this.appender.doAppend(event));
		assertThat(this.appender.getFallbackCount()).isZero();
	}

	@ParameterizedTest
	@CsvSource({ "auto, other", "auto, ''", "prefix, standard output", "always, standard output",
			"never, standard output", "nonsense, other" })
	void writesEveryEventToTheAttachedAppendersUncountedWhenTheFormatIsNotNativeForTheStream(String format,
			String stream) throws Exception {
		Path path = this.temp.resolve("journal");
		try (JournalSocketReceiver receiver = JournalSocketReceiver.bind(path)) {
			startAsConfigured(path, format, stream);
			this.appender.doAppend(event(Level.INFO, "first", null));
			this.appender.doAppend(event(Level.ERROR, "second", null));
			assertThat(this.appender.isNativeEntries()).isFalse();
			assertThat(this.console.list).extracting(ILoggingEvent::getFormattedMessage)
				.containsExactly("first", "second");
			assertThat(this.appender.getSentCount()).isZero();
			assertThat(this.appender.getFallbackCount()).isZero();
		}
	}

	@ParameterizedTest
	@CsvSource({ "auto, standard output", "AUTO, standard output", "native, standard output", "native, other",
			"native, ''" })
	void sendsEventsWhenTheFormatIsNativeForTheStream(String format, String stream) throws Exception {
		Path path = this.temp.resolve("journal");
		try (JournalSocketReceiver receiver = JournalSocketReceiver.bind(path)) {
			startAsConfigured(path, format, stream);
			this.appender.doAppend(event(Level.INFO, "first", null));
			assertThat(parse(receiver.receive().bytes())).containsEntry("MESSAGE", "first");
			assertThat(this.appender.isNativeEntries()).isTrue();
			assertThat(this.appender.getSentCount()).isOne();
			assertThat(this.console.list).isEmpty();
		}
	}

	@Test
	void writesEveryEventToTheAttachedAppendersWhenSystemdIsDisabled() {
		this.appender.setJournalFormat("native");
		this.appender.setSystemdEnabled(false);
		startAsConfigured(this.temp.resolve("journal"));
		this.appender.doAppend(event(Level.INFO, "first", null));
		assertThat(this.appender.isNativeEntries()).isFalse();
		assertThat(this.console.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly("first");
		assertThat(this.appender.getFallbackCount()).isZero();
	}

	/**
	 * Append two events that the journal does not take: both go to the attached
	 * appenders, after one line that says why, and are counted.
	 */
	private void assertTwoEventsGoToTheAttachedAppenders(String why) {
		this.appender.doAppend(event(Level.INFO, "first", null));
		this.appender.doAppend(event(Level.ERROR, "second", null));
		assertThat(this.console.list).extracting(ILoggingEvent::getFormattedMessage)
			.hasSize(3)
			.endsWith("first", "second");
		assertThat(this.console.list.get(0).getFormattedMessage()).startsWith("The journal did not take a log event")
			.contains(why);
		assertThat(this.appender.getFallbackCount()).isEqualTo(2);
		assertThat(this.appender.getSentCount()).isZero();
	}

	private String journalStream(String stream) throws Exception {
		Path file = switch (stream) {
			case "standard output" -> Path.of("/proc/self/fd/1");
			case "other" -> Files.createFile(this.temp.resolve("other"));
			default -> null;
		};
		if (file == null) {
			return stream;
		}
		Map<String, Object> attributes = Files.readAttributes(file, "unix:dev,ino");
		return attributes.get("dev") + ":" + attributes.get("ino");
	}

	private void start(Path path) {
		this.appender.setJournalFormat("native");
		startAsConfigured(path);
	}

	private void startAsConfigured(Path path, String format, String stream) throws Exception {
		this.appender.setJournalFormat(format);
		this.appender.setJournalStream(journalStream(stream));
		startAsConfigured(path);
	}

	private void startAsConfigured(Path path) {
		this.context.setMDCAdapter(new LogbackMDCAdapter());
		this.console.setContext(this.context);
		this.console.start();
		this.appender.setContext(this.context);
		this.appender.setSocketPath(path.toString());
		this.appender.setSyslogIdentifier("orders");
		this.appender.addAppender(this.console);
		this.appender.start();
	}

	private LoggingEvent event(Level level, String message, Throwable throwable) {
		return new LoggingEvent(Logger.class.getName(), this.logger, level, message, throwable, null);
	}

	static Map<String, String> parse(byte[] entry) {
		Map<String, String> fields = new LinkedHashMap<>();
		ByteBuffer buffer = ByteBuffer.wrap(entry).order(ByteOrder.LITTLE_ENDIAN);
		while (buffer.hasRemaining()) {
			int start = buffer.position();
			int end = start;
			while (entry[end] != '=' && entry[end] != '\n') {
				end++;
			}
			String name = new String(entry, start, end - start, StandardCharsets.US_ASCII);
			if (entry[end] == '=') {
				int valueEnd = end + 1;
				while (entry[valueEnd] != '\n') {
					valueEnd++;
				}
				fields.put(name, new String(entry, end + 1, valueEnd - end - 1, StandardCharsets.UTF_8));
				buffer.position(valueEnd + 1);
			}
			else {
				buffer.position(end + 1);
				int length = (int) buffer.getLong();
				fields.put(name, new String(entry, buffer.position(), length, StandardCharsets.UTF_8));
				buffer.position(buffer.position() + length);
				assertThat(buffer.get()).isEqualTo((byte) '\n');
			}
		}
		return fields;
	}

}
