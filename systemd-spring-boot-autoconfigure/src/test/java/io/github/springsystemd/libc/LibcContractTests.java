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
package io.github.springsystemd.libc;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import io.github.springsystemd.activation.ActivationFixtures;
import io.github.springsystemd.libc.Libc.SocketName;
import io.github.springsystemd.test.NotifySocketReceiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The contract every {@link Libc} keeps, against real sockets and descriptors.
 */
@EnabledOnOs(OS.LINUX)
abstract class LibcContractTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	@TempDir
	Path temp;

	abstract Libc libc() throws Exception;

	@Test
	void connectedSocketSendsExactPayload() throws Exception {
		Libc libc = libc();
		try (NotifySocketReceiver receiver = NotifySocketReceiver.bind(this.temp.resolve("notify"))) {
			int fd = libc.socket(Libc.AF_UNIX, Libc.SOCK_DGRAM | Libc.SOCK_CLOEXEC, 0);
			try {
				libc.connect(fd, sunPath(this.temp.resolve("notify")));
				byte[] payload = "STATUS=Grüße\nWATCHDOG=1".getBytes(StandardCharsets.UTF_8);
				assertThat(libc.send(fd, payload, Libc.MSG_DONTWAIT | Libc.MSG_NOSIGNAL)).isEqualTo(payload.length);
				assertThat(receiver.poll(TIMEOUT)).isEqualTo("STATUS=Grüße\nWATCHDOG=1");
			}
			finally {
				libc.close(fd);
			}
		}
	}

	@Test
	void sendtoReachesAbstractNameWithExactLength() throws Exception {
		Libc libc = libc();
		String name = "libc-test-" + ProcessHandle.current().pid() + "-" + getClass().getSimpleName();
		try (NotifySocketReceiver receiver = NotifySocketReceiver.bindAbstract(name)) {
			int fd = libc.socket(Libc.AF_UNIX, Libc.SOCK_DGRAM | Libc.SOCK_CLOEXEC, 0);
			try {
				byte[] sunPath = ("\0" + name).getBytes(StandardCharsets.UTF_8);
				libc.sendto(fd, "READY=1".getBytes(StandardCharsets.UTF_8), Libc.MSG_NOSIGNAL, sunPath);
				assertThat(receiver.poll(TIMEOUT)).isEqualTo("READY=1");
			}
			finally {
				libc.close(fd);
			}
		}
	}

	@Test
	void sendmsgPassesDescriptorsWithScmRights() throws Exception {
		Libc libc = libc();
		try (NotifySocketReceiver receiver = NotifySocketReceiver.bind(this.temp.resolve("notify"));
				ServerSocketChannel listener = ServerSocketChannel.open()) {
			listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			int listening = ActivationFixtures.listeningDescriptor(listener.socket().getLocalPort()).orElseThrow();
			int memfd = libc.memfdCreate("test", Libc.MFD_CLOEXEC);
			int fd = libc.socket(Libc.AF_UNIX, Libc.SOCK_DGRAM | Libc.SOCK_CLOEXEC, 0);
			try {
				libc.connect(fd, sunPath(this.temp.resolve("notify")));
				byte[] payload = "FDSTORE=1".getBytes(StandardCharsets.UTF_8);
				assertThat(libc.sendmsg(fd, payload, new int[] { listening, memfd }, Libc.MSG_NOSIGNAL))
					.isEqualTo(payload.length);
				assertThat(receiver.poll(TIMEOUT)).isEqualTo("FDSTORE=1");
				assertThat(receiver.receivedDescriptors()).containsExactly(NotifySocketReceiver.describe(listening),
						NotifySocketReceiver.describe(memfd));
			}
			finally {
				libc.close(fd);
				libc.close(memfd);
			}
		}
	}

	@Test
	void sendmsgWithoutDescriptorsSendsPlainDatagram() throws Exception {
		Libc libc = libc();
		try (NotifySocketReceiver receiver = NotifySocketReceiver.bind(this.temp.resolve("notify"))) {
			int fd = libc.socket(Libc.AF_UNIX, Libc.SOCK_DGRAM | Libc.SOCK_CLOEXEC, 0);
			try {
				libc.connect(fd, sunPath(this.temp.resolve("notify")));
				libc.sendmsg(fd, "READY=1".getBytes(StandardCharsets.UTF_8), new int[0], Libc.MSG_NOSIGNAL);
				assertThat(receiver.poll(TIMEOUT)).isEqualTo("READY=1");
				assertThat(receiver.receivedDescriptors()).isEmpty();
			}
			finally {
				libc.close(fd);
			}
		}
	}

	@Test
	@Timeout(value = 10, threadMode = ThreadMode.SEPARATE_THREAD)
	void fullReceiverQueueFailsWithEagainInsteadOfBlocking() throws Exception {
		Libc libc = libc();
		int receiver = libc.socket(Libc.AF_UNIX, Libc.SOCK_DGRAM | Libc.SOCK_CLOEXEC, 0);
		int fd = libc.socket(Libc.AF_UNIX, Libc.SOCK_DGRAM | Libc.SOCK_CLOEXEC, 0);
		try {
			byte[] name = ("\0libc-full-" + ProcessHandle.current().pid() + "-" + getClass().getSimpleName())
				.getBytes(StandardCharsets.UTF_8);
			bind(receiver, name);
			libc.connect(fd, name);
			byte[] payload = "WATCHDOG=1".getBytes(StandardCharsets.UTF_8);
			assertThatExceptionOfType(LibcException.class).isThrownBy(() -> {
				for (int i = 0; i < 100_000; i++) {
					libc.send(fd, payload, Libc.MSG_DONTWAIT | Libc.MSG_NOSIGNAL);
				}
			}).satisfies((ex) -> assertThat(ex.getErrnoName()).isEqualTo("EAGAIN"));
		}
		finally {
			libc.close(fd);
			libc.close(receiver);
		}
	}

	@Test
	void failureCarriesErrnoNameAndDescription() throws Exception {
		Libc libc = libc();
		int fd = libc.socket(Libc.AF_UNIX, Libc.SOCK_DGRAM | Libc.SOCK_CLOEXEC, 0);
		try {
			assertThatExceptionOfType(LibcException.class)
				.isThrownBy(() -> libc.connect(fd, sunPath(this.temp.resolve("missing"))))
				.satisfies((ex) -> {
					assertThat(ex.getErrno()).isEqualTo(2);
					assertThat(ex.getErrnoName()).isEqualTo("ENOENT");
					assertThat(ex.getCall()).isEqualTo("connect");
					assertThat(ex.getMessage()).isEqualTo("connect failed: No such file or directory (ENOENT)");
				});
		}
		finally {
			libc.close(fd);
		}
		assertThatExceptionOfType(LibcException.class).isThrownBy(() -> libc.close(fd))
			.satisfies((ex) -> assertThat(ex.getErrnoName()).isEqualTo("EBADF"));
	}

	@Test
	void socketOptionsAndNameDescribeListeningSocket() throws Exception {
		Libc libc = libc();
		try (ServerSocketChannel listener = ServerSocketChannel.open()) {
			listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			int port = listener.socket().getLocalPort();
			int fd = ActivationFixtures.listeningDescriptor(port).orElseThrow();
			assertThat(libc.getsockopt(fd, Libc.SOL_SOCKET, Libc.SO_TYPE)).isEqualTo(Libc.SOCK_STREAM);
			assertThat(libc.getsockopt(fd, Libc.SOL_SOCKET, Libc.SO_ACCEPTCONN)).isEqualTo(1);
			SocketName name = libc.getsockname(fd);
			assertThat(name.port()).isEqualTo(port);
			assertThat(InetAddress.getByAddress(name.address())).isEqualTo(InetAddress.getLoopbackAddress());
			assertThat(name.family()).isIn(Libc.AF_INET, Libc.AF_INET6);
		}
	}

	@Test
	void dup3ReplacesDescriptorCloseOnExec() throws Exception {
		Libc libc = libc();
		int memfd = libc.memfdCreate("dup3", 0);
		int other = libc.memfdCreate("other", 0);
		try {
			assertThat(libc.fcntl(memfd, Libc.F_GETFD, 0) & Libc.FD_CLOEXEC).isZero();
			assertThat(libc.dup3(memfd, other, Libc.O_CLOEXEC)).isEqualTo(other);
			assertThat(libc.fcntl(other, Libc.F_GETFD, 0) & Libc.FD_CLOEXEC).isEqualTo(Libc.FD_CLOEXEC);
			assertThat(Files.readSymbolicLink(Path.of("/proc/self/fd/" + other)).toString()).contains("dup3");
			assertThat(libc.dup2(memfd, other)).isEqualTo(other);
			assertThat(libc.fcntl(other, Libc.F_GETFD, 0) & Libc.FD_CLOEXEC).isZero();
		}
		finally {
			libc.close(memfd);
			libc.close(other);
		}
	}

	@Test
	void memfdCanBeWrittenAndSealed() throws Exception {
		Libc libc = libc();
		int memfd = libc.memfdCreate("journal-entry", Libc.MFD_CLOEXEC | Libc.MFD_ALLOW_SEALING);
		try {
			assertThat(libc.write(memfd, "MESSAGE=x\n".getBytes(StandardCharsets.UTF_8))).isEqualTo(10);
			int seals = Libc.F_SEAL_SHRINK | Libc.F_SEAL_GROW | Libc.F_SEAL_WRITE | Libc.F_SEAL_SEAL;
			libc.fcntl(memfd, Libc.F_ADD_SEALS, seals);
			assertThat(libc.fcntl(memfd, Libc.F_GET_SEALS, 0)).isEqualTo(seals);
			assertThatExceptionOfType(LibcException.class).isThrownBy(() -> libc.write(memfd, new byte[] { 1 }))
				.satisfies((ex) -> assertThat(ex.getErrnoName()).isEqualTo("EPERM"));
			assertThat(Files.size(Path.of("/proc/self/fd/" + memfd))).isEqualTo(10);
		}
		finally {
			libc.close(memfd);
		}
	}

	@Test
	void pollReportsReadableSocket() throws Exception {
		Libc libc = libc();
		int receiver = libc.socket(Libc.AF_UNIX, Libc.SOCK_DGRAM | Libc.SOCK_CLOEXEC, 0);
		int fd = libc.socket(Libc.AF_UNIX, Libc.SOCK_DGRAM | Libc.SOCK_CLOEXEC, 0);
		try {
			byte[] name = ("\0libc-poll-" + ProcessHandle.current().pid() + "-" + getClass().getSimpleName())
				.getBytes(StandardCharsets.UTF_8);
			bind(receiver, name);
			assertThat(libc.poll(receiver, Libc.POLLIN, 0)).isZero();
			libc.sendto(fd, new byte[] { 'x' }, Libc.MSG_NOSIGNAL, name);
			assertThat(libc.poll(receiver, Libc.POLLIN, 1000) & Libc.POLLIN).isEqualTo(Libc.POLLIN);
		}
		finally {
			libc.close(fd);
			libc.close(receiver);
		}
	}

	@Test
	@Timeout(value = 10, threadMode = ThreadMode.SEPARATE_THREAD)
	void readDrainsFifoWithoutBlocking(@TempDir Path directory) throws Exception {
		Libc libc = libc();
		Path fifo = directory.resolve("fifo");
		assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
		int fd = libc.open(fifo.toString(), Libc.O_RDWR | Libc.O_NONBLOCK | Libc.O_CLOEXEC);
		try {
			byte[] buffer = new byte[8];
			assertThatExceptionOfType(LibcException.class).isThrownBy(() -> libc.read(fd, buffer))
				.satisfies((ex) -> assertThat(ex.getErrnoName()).isEqualTo("EAGAIN"));
			assertThat(libc.poll(fd, Libc.POLLIN, 0)).isZero();
			Files.write(fifo, "abc".getBytes(StandardCharsets.US_ASCII));
			assertThat(libc.poll(fd, Libc.POLLIN, 1000) & Libc.POLLIN).isEqualTo(Libc.POLLIN);
			assertThat(libc.read(fd, buffer)).isEqualTo(3);
			assertThat(new String(buffer, 0, 3, StandardCharsets.US_ASCII)).isEqualTo("abc");
		}
		finally {
			libc.close(fd);
		}
	}

	@Test
	void monotonicClockAgreesWithNanoTime() throws Exception {
		Libc libc = libc();
		long before = System.nanoTime();
		long monotonic = libc.clockGettime(Libc.CLOCK_MONOTONIC);
		long after = System.nanoTime();
		assertThat(monotonic).isBetween(before - 1_000_000, after + 1_000_000);
	}

	@Test
	void strerrorDescribesErrno() throws Exception {
		assertThat(libc().strerror(111)).isEqualTo("Connection refused");
	}

	private static byte[] sunPath(Path path) {
		return path.toString().getBytes(StandardCharsets.UTF_8);
	}

	private void bind(int fd, byte[] name) {
		NotifySocketReceiver.bindDescriptor(fd, name);
	}

}
