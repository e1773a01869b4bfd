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
package io.github.springsystemd.notify;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import io.github.springsystemd.libc.Libc;
import io.github.springsystemd.libc.NativeLibc;
import io.github.springsystemd.test.NotifySocketReceiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link LibcNotifyTransport} against real AF_UNIX datagram sockets: one
 * connected socket, reconnected when the receiver is replaced.
 */
@EnabledOnOs(OS.LINUX)
class LibcNotifyTransportTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	@TempDir
	Path temp;

	private Path socket;

	private byte[] address;

	private LibcNotifyTransport transport;

	@BeforeEach
	void createTransport() throws Exception {
		this.socket = this.temp.resolve("notify");
		this.address = this.socket.toString().getBytes(StandardCharsets.UTF_8);
		this.transport = new LibcNotifyTransport(NativeLibc.get(), this.address);
	}

	@Test
	void keepsOneConnectedSocketAcrossSends() throws Exception {
		try (NotifySocketReceiver receiver = NotifySocketReceiver.bind(this.socket)) {
			send("WATCHDOG=1");
			long sockets = countUnixDatagramSockets();
			for (int i = 0; i < 5; i++) {
				send("WATCHDOG=1");
			}
			assertThat(countUnixDatagramSockets()).isEqualTo(sockets);
			for (int i = 0; i < 6; i++) {
				assertThat(receiver.poll(TIMEOUT)).isEqualTo("WATCHDOG=1");
			}
		}
	}

	@Test
	void receiverReplacedBetweenSendsGetsTheNextSend() throws Exception {
		try (NotifySocketReceiver first = NotifySocketReceiver.bind(this.socket)) {
			send("READY=1");
			assertThat(first.poll(TIMEOUT)).isEqualTo("READY=1");
		}
		assertThat(this.socket).doesNotExist();
		try (NotifySocketReceiver second = NotifySocketReceiver.bind(this.socket)) {
			send("WATCHDOG=1");
			assertThat(second.poll(TIMEOUT)).isEqualTo("WATCHDOG=1");
			send("WATCHDOG=1");
			assertThat(second.poll(TIMEOUT)).isEqualTo("WATCHDOG=1");
		}
	}

	@Test
	@Timeout(value = 10, threadMode = ThreadMode.SEPARATE_THREAD)
	void fullQueueFailsAtOnceWithEagain() throws Exception {
		Libc libc = NativeLibc.get();
		int stalled = libc.socket(Libc.AF_UNIX, Libc.SOCK_DGRAM | Libc.SOCK_CLOEXEC, 0);
		try {
			byte[] sunPath = ("\0stalled-" + ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8);
			NotifySocketReceiver.bindDescriptor(stalled, sunPath);
			LibcNotifyTransport stalledTransport = new LibcNotifyTransport(libc, sunPath);
			assertThatExceptionOfType(NotifyException.class).isThrownBy(() -> {
				for (int i = 0; i < 100_000; i++) {
					stalledTransport.send(sunPath, bytes("WATCHDOG=1"), new int[0]);
				}
			}).satisfies((ex) -> assertThat(ex.getKind()).isEqualTo("EAGAIN"));
		}
		finally {
			libc.close(stalled);
		}
	}

	@Test
	void concurrentSendersWhileTheReceiverIsReplacedLoseNothingAfterwards() throws Exception {
		NotifySocketReceiver first = NotifySocketReceiver.bind(this.socket);
		send("READY=1");
		first.close();
		ExecutorService executor = Executors.newFixedThreadPool(4);
		try (NotifySocketReceiver second = NotifySocketReceiver.bind(this.socket)) {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<?>> futures = new ArrayList<>();
			for (int t = 0; t < 4; t++) {
				int thread = t;
				futures.add(executor.submit(() -> {
					start.await();
					for (int i = 0; i < 2; i++) {
						send("X_T=" + thread + "-" + i);
					}
					return null;
				}));
			}
			start.countDown();
			for (Future<?> future : futures) {
				future.get(10, TimeUnit.SECONDS);
			}
			List<String> received = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				received.add(second.poll(TIMEOUT));
			}
			assertThat(received).containsExactlyInAnyOrder("X_T=0-0", "X_T=0-1", "X_T=1-0", "X_T=1-1", "X_T=2-0",
					"X_T=2-1", "X_T=3-0", "X_T=3-1");
		}
		finally {
			executor.shutdownNow();
		}
	}

	private static long countUnixDatagramSockets() throws Exception {
		try (var links = Files.list(Path.of("/proc/self/fd"))) {
			return links.filter((link) -> {
				try {
					return Files.readSymbolicLink(link).toString().startsWith("socket:");
				}
				catch (Exception ex) {
					return false;
				}
			}).count();
		}
	}

	private void send(String message) throws Exception {
		this.transport.send(this.address, bytes(message), new int[0]);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
