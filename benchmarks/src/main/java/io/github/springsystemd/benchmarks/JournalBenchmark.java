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
package io.github.springsystemd.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.EncoderBase;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import io.github.springsystemd.logging.JournalAppender;
import io.github.springsystemd.logging.JournalLogFormatter;

/**
 * Cost of one log event on the logging thread, from the appender's {@code doAppend} to
 * the bytes handed to the kernel: the starter's {@link JournalAppender} (a native journal
 * entry with fields, one datagram to {@code JOURNAL_SOCKET}, which {@code run.sh} binds
 * to a receiver that drains it) against the console line format
 * ({@link JournalLogFormatter} through a Logback {@link OutputStreamAppender}, as Spring
 * Boot's console appender writes it, to an AF_UNIX stream socket drained by a thread of
 * this JVM, as journald reads standard output). The event is an INFO with a 60-character
 * message and {@code traceId}, {@code spanId} and {@code orderId} in the MDC. The native
 * appender never waits: an entry the receiver's full queue refuses ({@code EAGAIN}) goes
 * to the fallback appender, here one that discards it. To measure delivered entries, the
 * benchmark then yields and appends again until the journal takes it; the number of
 * refusals is printed at the end of the trial.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class JournalBenchmark {

	private final LoggerContext context = new LoggerContext();

	private JournalAppender journal;

	private DiscardingAppender fallback;

	private OutputStreamAppender<ILoggingEvent> console;

	private LoggingEvent event;

	private Path streamPath;

	private ServerSocketChannel server;

	private Thread drain;

	@Setup(Level.Trial)
	public void setUp() throws IOException {
		String socket = System.getenv("JOURNAL_SOCKET");
		if (socket == null) {
			throw new IllegalStateException("JOURNAL_SOCKET is not set; run the benchmarks with benchmarks/run.sh");
		}
		this.context.setMDCAdapter(new LogbackMDCAdapter());
		Logger logger = this.context.getLogger("com.example.orders.OrderService");
		this.event = new LoggingEvent(Logger.class.getName(), logger, ch.qos.logback.classic.Level.INFO,
				"Order 42 placed for customer alice, 3 items, total 129.90 EUR", null, null);
		this.event.setMDCPropertyMap(
				Map.of("traceId", "4bf92f3577b34da6a3ce929d0e0e4736", "spanId", "00f067aa0ba902b7", "orderId", "42"));
		this.fallback = new DiscardingAppender();
		this.fallback.setContext(this.context);
		this.fallback.start();
		this.journal = new JournalAppender();
		this.journal.setContext(this.context);
		this.journal.setSocketPath(socket);
		this.journal.setSyslogIdentifier("orders");
		this.journal.setJournalFormat("native");
		this.journal.addAppender(this.fallback);
		this.journal.start();
		this.journal.doAppend(this.event);
		if (this.journal.getSentCount() != 1) {
			throw new IllegalStateException("Could not send to JOURNAL_SOCKET '" + socket + "'");
		}
		this.streamPath = Files.createTempDirectory("journal-benchmark").resolve("stdout.sock");
		this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
		this.server.bind(UnixDomainSocketAddress.of(this.streamPath));
		SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(this.streamPath));
		SocketChannel accepted = this.server.accept();
		this.drain = new Thread(() -> drain(accepted), "stdout-drain");
		this.drain.setDaemon(true);
		this.drain.start();
		this.console = new OutputStreamAppender<>();
		this.console.setContext(this.context);
		this.console.setEncoder(new FormatterEncoder(new JournalLogFormatter()));
		this.console.setOutputStream(Channels.newOutputStream(client));
		this.console.start();
	}

	private static void drain(SocketChannel channel) {
		ByteBuffer buffer = ByteBuffer.allocateDirect(256 * 1024);
		try {
			while (channel.read(buffer) >= 0) {
				buffer.clear();
			}
		}
		catch (IOException ex) {
			// Closed at the end of the trial
		}
	}

	@TearDown(Level.Trial)
	public void tearDown() throws IOException {
		System.out.println("JOURNAL_REFUSED " + this.journal.getFallbackCount() + " of "
				+ (this.journal.getSentCount() + this.journal.getFallbackCount()) + " sends");
		this.journal.stop();
		this.console.stop();
		this.server.close();
		Files.deleteIfExists(this.streamPath);
		Files.deleteIfExists(this.streamPath.getParent());
	}

	@Benchmark
	public void nativeJournal() {
		long sent = this.journal.getSentCount();
		this.journal.doAppend(this.event);
		while (this.journal.getSentCount() == sent) {
			Thread.yield();
			this.journal.doAppend(this.event);
		}
	}

	@Benchmark
	public void consoleLine() {
		this.console.doAppend(this.event);
	}

	/**
	 * Discards the events the journal did not take (the journal appender counts them).
	 */
	static final class DiscardingAppender extends AppenderBase<ILoggingEvent> {

		@Override
		protected void append(ILoggingEvent event) {
		}

	}

	/**
	 * Encodes with the journal line format, as Spring Boot's structured console encoder
	 * does with {@code logging.structured.format.console}.
	 */
	static final class FormatterEncoder extends EncoderBase<ILoggingEvent> {

		private final JournalLogFormatter formatter;

		FormatterEncoder(JournalLogFormatter formatter) {
			this.formatter = formatter;
		}

		@Override
		public byte[] headerBytes() {
			return null;
		}

		@Override
		public byte[] encode(ILoggingEvent event) {
			return this.formatter.format(event).getBytes(StandardCharsets.UTF_8);
		}

		@Override
		public byte[] footerBytes() {
			return null;
		}

	}

}
