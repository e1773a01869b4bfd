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
package io.github.springsystemd.dbus;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.github.springsystemd.test.Uninterruptibly;
import io.github.springsystemd.unit.UnitFacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link SystemdBusReader} against buses that are missing, invalid or silent.
 */
@ExtendWith(OutputCaptureExtension.class)
class SystemdBusReaderTests {

	private static final long PID = ProcessHandle.current().pid();

	private static final Duration GENEROUS = Duration.ofSeconds(10);

	@TempDir
	Path temp;

	@Test
	void missingBusSocketIsEmptyQuicklyAndQuiet(CapturedOutput output) {
		SystemdBusReader reader = new SystemdBusReader("unix:path=/nonexistent/system_bus_socket", GENEROUS);
		long started = System.nanoTime();
		assertThat(readNow(reader, PID)).isEmpty();
		assertThat(elapsedSince(started)).isLessThan(Duration.ofSeconds(5));
		assertThat(output.toString().lines()).noneMatch(SystemdBusReaderTests::isOursAboveDebugOrAnyWarning)
			.noneMatch((line) -> line.contains("org.freedesktop.dbus"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "not a bus address", "unix:", "unix:abstract=/no/such/bus",
			"tcp:host=127.0.0.1,port=1", "unix:path=" })
	void invalidBusAddressIsEmpty(String address, CapturedOutput output) {
		SystemdBusReader reader = new SystemdBusReader(address, GENEROUS);
		long started = System.nanoTime();
		assertThat(readNow(reader, PID)).isEmpty();
		assertThat(elapsedSince(started)).isLessThan(Duration.ofSeconds(5));
		assertThat(output.toString().lines()).noneMatch(SystemdBusReaderTests::isOursAboveDebugOrAnyWarning);
	}

	@Test
	void pidOutOfRangeIsEmptyWithoutConnecting() throws Exception {
		try (SilentBus bus = SilentBus.bind(this.temp.resolve("bus"))) {
			SystemdBusReader reader = new SystemdBusReader(bus.getAddress(), GENEROUS);
			long started = System.nanoTime();
			assertThat(readNow(reader, -1)).isEmpty();
			assertThat(readNow(reader, 0)).isEmpty();
			assertThat(readNow(reader, 1L << 32)).isEmpty();
			assertThat(elapsedSince(started)).isLessThan(Duration.ofSeconds(5));
			assertThat(bus.getAccepted()).isZero();
		}
	}

	@Test
	void silentBusIsEmptyWithinTimeoutAndLoggedOnceAtInfo(CapturedOutput output) throws Exception {
		try (SilentBus bus = SilentBus.bind(this.temp.resolve("bus"))) {
			SystemdBusReader reader = new SystemdBusReader(bus.getAddress(), Duration.ofMillis(500));
			for (int i = 0; i < 3; i++) {
				long started = System.nanoTime();
				assertThat(readNow(reader, PID)).isEmpty();
				assertThat(elapsedSince(started)).isLessThan(GENEROUS);
			}
			assertThat(bus.getAccepted()).isPositive();
		}
		assertThat(output.toString().lines()).filteredOn((line) -> line.contains("did not answer within 500 ms"))
			.filteredOn(SystemdBusReaderTests::isAboveDebug)
			.hasSize(1)
			.allMatch((line) -> line.contains("INFO"));
	}

	@Test
	void busThatClosesTheConnectionIsEmptyAndSaidOnceWithoutErrorOrStack(CapturedOutput output) throws Exception {
		String address;
		try (ClosingBus bus = ClosingBus.bind(this.temp.resolve("bus"))) {
			address = bus.getAddress();
			SystemdBusReader reader = new SystemdBusReader(address, GENEROUS);
			assertThat(readNow(reader, PID)).isEmpty();
			await().atMost(GENEROUS).untilAsserted(() -> {
				assertThat(readNow(reader, PID)).isEmpty();
				assertThat(bus.getAuthenticated()).isGreaterThanOrEqualTo(2);
			});
		}
		assertThat(output.toString().lines()).noneMatch((line) -> line.contains(" ERROR ") || line.contains(" WARN "))
			.noneMatch((line) -> line.contains("FatalDBusException"))
			.noneMatch((line) -> line.startsWith("\tat "))
			.noneMatch((line) -> line.contains("Using transport") && isAboveDebug(line));
		assertThat(output.toString().lines()).filteredOn((line) -> line.contains("io.github.springsystemd"))
			.filteredOn(SystemdBusReaderTests::isAboveDebug)
			.hasSizeLessThanOrEqualTo(1)
			.allSatisfy((line) -> assertThat(line).contains("INFO")
				.contains("facts about the systemd unit are not available")
				.contains(address)
				.contains("closed the connection"));
	}

	@Test
	void concurrentReadsOfSilentBusAreEmptyWithoutPilingUpThreads() throws Exception {
		try (SilentBus bus = SilentBus.bind(this.temp.resolve("bus"))) {
			SystemdBusReader reader = new SystemdBusReader(bus.getAddress(), Duration.ofMillis(500));
			Set<Thread> threadsBefore = threads(SystemdBusReader.THREAD_NAME);
			ExecutorService callers = Executors.newFixedThreadPool(8);
			try {
				List<Future<Optional<UnitFacts>>> reads = new CopyOnWriteArrayList<>();
				for (int i = 0; i < 8; i++) {
					reads.add(callers.submit(() -> readNow(reader, PID)));
				}
				for (Future<Optional<UnitFacts>> read : reads) {
					assertThat(read.get(GENEROUS.toMillis(), TimeUnit.MILLISECONDS)).isEmpty();
				}
			}
			finally {
				callers.shutdownNow();
			}
			assertThat(startedSince(threadsBefore)).hasSizeLessThanOrEqualTo(1);
		}
	}

	@Test
	void readWhileEarlierReadIsStuckIsEmptyAtOnceAndStartsNothing() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		AtomicInteger queries = new AtomicInteger();
		UnitFacts facts = new UnitFacts("app.service", null, 0L, null, 0L, "252");
		// the first read waits this long; the next ones, at once, take much less
		Duration timeout = Duration.ofSeconds(2);
		SystemdBusReader reader = new SystemdBusReader(timeout, (pid) -> {
			queries.incrementAndGet();
			Uninterruptibly.await(release);
			return facts;
		});
		Set<Thread> threadsBefore = threads(SystemdBusReader.THREAD_NAME);
		assertThat(readNow(reader, PID)).isEmpty();
		long started = System.nanoTime();
		assertThat(readNow(reader, PID)).isEmpty();
		assertThat(readNow(reader, PID)).isEmpty();
		assertThat(elapsedSince(started)).isLessThan(timeout);
		assertThat(queries).hasValue(1);
		assertThat(startedSince(threadsBefore)).hasSize(1);
		release.countDown();
		await().atMost(GENEROUS).until(() -> readNow(reader, PID), (read) -> read.equals(Optional.of(facts)));
		assertThat(startedSince(threadsBefore)).hasSize(1);
	}

	@Test
	void failingQueryIsEmpty() {
		SystemdBusReader reader = new SystemdBusReader(GENEROUS, (pid) -> {
			throw new IllegalStateException("denied");
		});
		assertThat(readNow(reader, PID)).isEmpty();
		assertThat(readNow(reader, PID)).isEmpty();
	}

	@Test
	void linkageErrorIsEmpty() {
		SystemdBusReader reader = new SystemdBusReader(GENEROUS, (pid) -> {
			throw new NoClassDefFoundError("org/freedesktop/dbus/connections/impl/DBusConnectionBuilder");
		});
		assertThat(readNow(reader, PID)).isEmpty();
	}

	@Test
	void readIsStartedWhateverTheCallersInterruptAndLeavesItSet() {
		UnitFacts facts = new UnitFacts("app.service", null, 0L, null, 0L, "252");
		SystemdBusReader reader = new SystemdBusReader(GENEROUS, (pid) -> facts);
		CompletableFuture<Optional<UnitFacts>> read;
		Thread.currentThread().interrupt();
		try {
			read = reader.read(PID);
			assertThat(Thread.currentThread().isInterrupted()).isTrue();
		}
		finally {
			Thread.interrupted();
		}
		assertThat(read).succeedsWithin(GENEROUS).isEqualTo(Optional.of(facts));
	}

	@Test
	void timeoutIsSaidBeforeTheEmptyFactsComplete(CapturedOutput output) throws Exception {
		try (SilentBus bus = SilentBus.bind(this.temp.resolve("bus"))) {
			SystemdBusReader reader = new SystemdBusReader(bus.getAddress(), Duration.ofMillis(300));
			CompletableFuture<Boolean> saidFirst = reader.read(PID)
				.thenApply((facts) -> facts.isEmpty() && output.toString().contains("did not answer within 300 ms"));
			assertThat(saidFirst).succeedsWithin(GENEROUS).isEqualTo(true);
		}
	}

	@Test
	void abandonedReadInterruptsItsQuery() throws Exception {
		CountDownLatch interrupted = new CountDownLatch(1);
		SystemdBusReader reader = new SystemdBusReader(Duration.ofMillis(200), (pid) -> {
			try {
				Thread.sleep(GENEROUS.toMillis());
			}
			catch (InterruptedException ex) {
				interrupted.countDown();
			}
			return new UnitFacts("app.service", null, 0L, null, 0L, "252");
		});
		CompletableFuture<Optional<UnitFacts>> read = reader.read(PID);
		assertThat(read).isNotDone();
		assertThat(read).succeedsWithin(GENEROUS).isEqualTo(Optional.empty());
		assertThat(interrupted.await(GENEROUS.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
	}

	/**
	 * Read and wait for the facts, failing when the read does not end within
	 * {@link #GENEROUS}.
	 * @param reader the reader
	 * @param pid the process
	 * @return the facts
	 */
	static Optional<UnitFacts> readNow(SystemdBusReader reader, long pid) {
		return reader.read(pid).orTimeout(GENEROUS.toMillis(), TimeUnit.MILLISECONDS).join();
	}

	private static boolean isOursAboveDebugOrAnyWarning(String line) {
		return (line.contains("io.github.springsystemd") && isAboveDebug(line)) || line.contains(" WARN ")
				|| line.contains(" ERROR ");
	}

	private static boolean isAboveDebug(String line) {
		return line.contains(" INFO ") || line.contains(" WARN ") || line.contains(" ERROR ");
	}

	private static Duration elapsedSince(long started) {
		return Duration.ofNanos(System.nanoTime() - started);
	}

	/**
	 * Return the live threads of a name. Threads of earlier tests may still end while a
	 * test runs, so a test compares the threads it started, not how many there are.
	 */
	static Set<Thread> threads(String name) {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().equals(name))
			.collect(Collectors.toSet());
	}

	/**
	 * Return the live threads of the reader's name that were not among the given ones.
	 */
	static Set<Thread> startedSince(Set<Thread> before) {
		Set<Thread> started = threads(SystemdBusReader.THREAD_NAME);
		started.removeAll(before);
		return started;
	}

	/**
	 * An AF_UNIX stream socket that authenticates every client and closes the connection
	 * once it has read the first message ({@code Hello}), as a system bus does that will
	 * not serve the process.
	 */
	static final class ClosingBus implements AutoCloseable {

		private static final String GUID = "0123456789abcdef0123456789abcdef";

		private final Path path;

		private final ServerSocketChannel server;

		private final AtomicInteger authenticated = new AtomicInteger();

		private final Thread acceptor;

		private ClosingBus(Path path, ServerSocketChannel server) {
			this.path = path;
			this.server = server;
			this.acceptor = new Thread(this::accept, "closing-bus");
			this.acceptor.setDaemon(true);
			this.acceptor.start();
		}

		static ClosingBus bind(Path path) throws IOException {
			ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
			server.bind(UnixDomainSocketAddress.of(path));
			return new ClosingBus(path, server);
		}

		String getAddress() {
			return "unix:path=" + this.path;
		}

		int getAuthenticated() {
			return this.authenticated.get();
		}

		private void accept() {
			try {
				while (true) {
					try (SocketChannel client = this.server.accept()) {
						authenticateAndClose(client);
					}
				}
			}
			catch (IOException ex) {
				// the bus was closed
			}
		}

		private void authenticateAndClose(SocketChannel client) throws IOException {
			StringBuilder line = new StringBuilder();
			ByteBuffer buffer = ByteBuffer.allocate(1);
			while (client.read(buffer.clear()) > 0) {
				char c = (char) buffer.get(0);
				if (c != '\n') {
					if (c != '\0' && c != '\r') {
						line.append(c);
					}
					continue;
				}
				String command = line.toString();
				line.setLength(0);
				if (command.startsWith("BEGIN")) {
					this.authenticated.incrementAndGet();
					readMessage(client);
					return;
				}
				String reply = command.startsWith("AUTH ") ? "OK " + GUID
						: command.startsWith("NEGOTIATE_UNIX_FD") ? "AGREE_UNIX_FD" : "REJECTED EXTERNAL";
				client.write(ByteBuffer.wrap((reply + "\r\n").getBytes(StandardCharsets.US_ASCII)));
			}
		}

		/**
		 * Read one whole message, so that closing the connection ends the client's stream
		 * instead of resetting it.
		 */
		private static void readMessage(SocketChannel client) throws IOException {
			ByteBuffer header = readFully(client, 16);
			header.order((header.get(0) == 'l') ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
			int bodyLength = header.getInt(4);
			int fieldsLength = header.getInt(12);
			readFully(client, ((fieldsLength + 7) & ~7) + bodyLength);
		}

		private static ByteBuffer readFully(SocketChannel client, int length) throws IOException {
			ByteBuffer buffer = ByteBuffer.allocate(length);
			while (buffer.hasRemaining() && client.read(buffer) >= 0) {
				// keep reading
			}
			return buffer;
		}

		@Override
		public void close() throws IOException {
			this.server.close();
		}

	}

	/**
	 * An AF_UNIX stream socket that accepts connections and never answers.
	 */
	static final class SilentBus implements AutoCloseable {

		private final Path path;

		private final ServerSocketChannel server;

		private final List<SocketChannel> clients = new CopyOnWriteArrayList<>();

		private final Thread acceptor;

		private SilentBus(Path path, ServerSocketChannel server) {
			this.path = path;
			this.server = server;
			this.acceptor = new Thread(this::accept, "silent-bus");
			this.acceptor.setDaemon(true);
			this.acceptor.start();
		}

		static SilentBus bind(Path path) throws IOException {
			ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
			server.bind(UnixDomainSocketAddress.of(path));
			return new SilentBus(path, server);
		}

		String getAddress() {
			return "unix:path=" + this.path;
		}

		int getAccepted() {
			return this.clients.size();
		}

		private void accept() {
			try {
				while (true) {
					this.clients.add(this.server.accept());
				}
			}
			catch (IOException ex) {
				// the bus was closed
			}
		}

		@Override
		public void close() throws IOException {
			this.server.close();
			for (SocketChannel client : this.clients) {
				client.close();
			}
		}

	}

}
