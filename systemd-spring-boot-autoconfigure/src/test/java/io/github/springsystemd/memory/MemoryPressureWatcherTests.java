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
package io.github.springsystemd.memory;

import java.io.FileOutputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.context.ApplicationEventPublisher;

import io.github.springsystemd.libc.NativeLibc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link MemoryPressureWatcher} with a real FIFO, a regular file and an
 * {@code AF_UNIX} socket as the watch.
 */
@EnabledOnOs(OS.LINUX)
@ExtendWith(OutputCaptureExtension.class)
class MemoryPressureWatcherTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@TempDir
	Path directory;

	private final List<MemoryPressureEvent> events = new CopyOnWriteArrayList<>();

	private final ApplicationEventPublisher publisher = (event) -> this.events.add((MemoryPressureEvent) event);

	private MemoryPressureWatcher watcher;

	@AfterEach
	void stop() {
		if (this.watcher != null) {
			this.watcher.stop();
			await().atMost(TIMEOUT).until(() -> !this.watcher.isWatching());
		}
	}

	@Test
	void fifoSignalsPressureAndEpisodeEndsAfterQuietPeriod(CapturedOutput output) throws Exception {
		Path fifo = fifo();
		ConcurrentMapCacheManager caches = new ConcurrentMapCacheManager("prices", "users");
		caches.getCache("prices").put("a", "1");
		this.watcher = new MemoryPressureWatcher(MemoryPressureWatch.of(fifo.toString(), null), NativeLibc::get,
				this.publisher, Duration.ofSeconds(1), () -> List.of(caches));
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		new MemoryPressureMetrics(this.watcher).bindTo(registry);
		this.watcher.start();
		await().atMost(TIMEOUT).until(this.watcher::isWatching);
		assertThat(this.events).isEmpty();
		try (OutputStream writer = new FileOutputStream(fifo.toFile())) {
			writer.write('x');
			writer.flush();
			await().atMost(TIMEOUT).until(() -> this.events.size() == 1);
			writer.write('y');
			writer.flush();
			await().atMost(TIMEOUT).until(() -> this.events.size() == 2);
		}
		assertThat(this.events.get(0).isEpisodeStart()).isTrue();
		assertThat(this.events.get(0).getWatch()).isEqualTo(fifo);
		assertThat(this.events.get(0).getStall()).isNull();
		assertThat(this.events.get(1).getEventInEpisode()).isEqualTo(2);
		assertThat(this.watcher.isUnderPressure()).isTrue();
		assertThat(registry.get("systemd.memory.pressure.active").gauge().value()).isEqualTo(1);
		assertThat(registry.get("systemd.memory.pressure.events").functionCounter().count()).isEqualTo(2);
		assertThat(registry.find("systemd.memory.pressure.stall").meter()).isNull();
		assertThat(caches.getCache("prices").get("a")).isNull();
		assertThat(this.watcher.getCachesCleared()).isEqualTo(4);
		await().atMost(TIMEOUT).until(() -> !this.watcher.isUnderPressure());
		assertThat(registry.get("systemd.memory.pressure.active").gauge().value()).isZero();
		assertThat(this.watcher.getEpisodes()).isEqualTo(1);
		assertThat(output)
			.containsOnlyOnce("Memory pressure: systemd's watch '" + fifo + "' signalled; cleared 2 caches")
			.containsOnlyOnce("Memory pressure over after ")
			.contains(": 2 events, none in the last 1s");
		assertThat(this.watcher.isWatching()).isTrue();
	}

	@Test
	void stopEndsTheThreadAndClosesTheFifo() throws Exception {
		Path fifo = fifo();
		this.watcher = new MemoryPressureWatcher(MemoryPressureWatch.of(fifo.toString(), null), NativeLibc::get,
				this.publisher, Duration.ofSeconds(1), List::of);
		this.watcher.start();
		await().atMost(TIMEOUT).until(this.watcher::isWatching);
		this.watcher.stop();
		await().atMost(TIMEOUT).until(() -> !this.watcher.isWatching());
		assertThat(this.watcher.isRunning()).isFalse();
		assertThat(this.events).isEmpty();
	}

	@Test
	void regularFileGetsTheTriggerWritten() throws Exception {
		Path file = this.directory.resolve("memory.pressure");
		Files.writeString(file, "");
		String trigger = Base64.getEncoder().encodeToString("some 10000 2000000\0".getBytes(StandardCharsets.US_ASCII));
		this.watcher = new MemoryPressureWatcher(MemoryPressureWatch.of(file.toString(), trigger), NativeLibc::get,
				this.publisher, Duration.ofSeconds(1), List::of);
		this.watcher.start();
		await().atMost(TIMEOUT).until(() -> Files.size(file) > 0);
		assertThat(Files.readString(file)).isEqualTo("some 10000 2000000\0");
		assertThat(this.watcher.isWatching()).isTrue();
		assertThat(this.events).isEmpty();
	}

	@Test
	void socketGetsTheTriggerAndSignalsPressureUntilClosed(CapturedOutput output) throws Exception {
		Path path = this.directory.resolve("pressure.sock");
		try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
			server.bind(UnixDomainSocketAddress.of(path));
			String trigger = Base64.getEncoder()
				.encodeToString("full 1000 1000000".getBytes(StandardCharsets.US_ASCII));
			this.watcher = new MemoryPressureWatcher(MemoryPressureWatch.of(path.toString(), trigger), NativeLibc::get,
					this.publisher, Duration.ofSeconds(1), List::of);
			this.watcher.start();
			try (SocketChannel connection = server.accept()) {
				ByteBuffer received = ByteBuffer.allocate(64);
				while (received.position() < 17) {
					connection.read(received);
				}
				assertThat(new String(received.array(), 0, received.position(), StandardCharsets.US_ASCII))
					.isEqualTo("full 1000 1000000");
				connection.write(ByteBuffer.wrap(new byte[] { 1 }));
				await().atMost(TIMEOUT).until(() -> this.events.size() == 1);
			}
			await().atMost(TIMEOUT).until(() -> !this.watcher.isWatching());
			assertThat(output).contains("Stopped watching memory pressure: MEMORY_PRESSURE_WATCH '" + path
					+ "': the socket was closed by its peer");
		}
	}

	@Test
	void missingFileIsNamedAndNothingIsWatched(CapturedOutput output) throws Exception {
		Path missing = this.directory.resolve("gone/memory.pressure");
		this.watcher = new MemoryPressureWatcher(MemoryPressureWatch.of(missing.toString(), null), NativeLibc::get,
				this.publisher, Duration.ofSeconds(1), List::of);
		this.watcher.start();
		await().atMost(TIMEOUT).until(() -> output.toString().contains("Cannot watch memory pressure"));
		assertThat(output)
			.contains("Cannot watch memory pressure: MEMORY_PRESSURE_WATCH '" + missing + "': no such file")
			.contains("; memory pressure is not watched");
		await().atMost(TIMEOUT).until(() -> !this.watcher.isWatching());
	}

	private Path fifo() throws Exception {
		Path fifo = this.directory.resolve("pressure.fifo");
		Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
		assertThat(mkfifo.waitFor()).isZero();
		return fifo;
	}

}
