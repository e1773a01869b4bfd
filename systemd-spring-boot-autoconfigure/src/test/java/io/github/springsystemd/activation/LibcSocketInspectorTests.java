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
package io.github.springsystemd.activation;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import io.github.springsystemd.libc.NativeAccessException;
import io.github.springsystemd.libc.NativeLibc;
import io.github.springsystemd.test.FileDescriptors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LibcSocketInspector} against real sockets made through libc.
 */
@EnabledOnOs(OS.LINUX)
class LibcSocketInspectorTests {

	private static final Libc libc = Native.load("c", Libc.class);

	private final LibcSocketInspector inspector = new LibcSocketInspector(nativeLibc());

	private final List<Integer> opened = new ArrayList<>();

	private static io.github.springsystemd.libc.Libc nativeLibc() {
		try {
			return NativeLibc.get();
		}
		catch (NativeAccessException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@AfterEach
	void closeAll() {
		for (int fd : this.opened) {
			try {
				libc.close(fd);
			}
			catch (LastErrorException ex) {
				// already closed by the test
			}
		}
	}

	@Test
	void listeningTcpSocketIsUsableWithItsAddress() {
		int fd = tcp(true);
		SocketInspector.Description description = this.inspector.describe(fd);
		assertThat(description.usable()).isTrue();
		assertThat(description.address().getAddress()).isEqualTo(InetAddress.getLoopbackAddress());
		assertThat(description.address().getPort()).isPositive();
	}

	@Test
	void tcpSocketThatIsNotListeningIsRejected() {
		assertThat(this.inspector.describe(tcp(false)).problem())
			.isEqualTo("is not listening (Accept=yes passes connections, not listeners)");
	}

	@Test
	void udpSocketIsRejected() {
		int fd = libc.socket(2, 2, 0);
		this.opened.add(fd);
		assertThat(this.inspector.describe(fd).problem()).isEqualTo("is not a stream (TCP) socket");
	}

	@Test
	void unixSocketIsRejected() {
		int fd = libc.socket(1, 1, 0);
		this.opened.add(fd);
		byte[] name = ("\0inspector-test-" + ProcessHandle.current().pid()).getBytes();
		byte[] address = ByteBuffer.allocate(2 + name.length)
			.order(ByteOrder.nativeOrder())
			.putShort((short) 1)
			.put(name)
			.array();
		libc.bind(fd, address, address.length);
		libc.listen(fd, 1);
		assertThat(this.inspector.describe(fd).problem()).isEqualTo("is an AF_UNIX socket; the web server needs TCP");
	}

	@Test
	void fileIsRejected() {
		int fd = libc.open("/dev/null", 0);
		this.opened.add(fd);
		assertThat(this.inspector.describe(fd).problem()).isEqualTo("is not a socket");
	}

	@Test
	void closedDescriptorIsRejected() {
		int fd = tcp(true);
		libc.close(fd);
		assertThat(this.inspector.describe(fd).problem()).isEqualTo("is not an open file descriptor");
	}

	@Test
	void closeOnExecIsSet() throws IOException {
		int fd = tcp(true);
		assertThat(FileDescriptors.closeOnExec(fd)).isFalse();
		this.inspector.closeOnExec(fd);
		assertThat(FileDescriptors.closeOnExec(fd)).isTrue();
	}

	@Test
	void replacedDescriptorRefersToThePassedSocketCloseOnExecAndThePassedOneIsClosed() throws IOException {
		int passed = tcp(true);
		int target = tcp(false);
		String socket = Files.readSymbolicLink(Path.of("/proc/self/fd/" + passed)).toString();
		this.inspector.replace(passed, target);
		assertThat(Files.readSymbolicLink(Path.of("/proc/self/fd/" + target))).hasToString(socket);
		assertThat(FileDescriptors.closeOnExec(target)).isTrue();
		assertThat(this.inspector.describe(passed).problem()).isEqualTo("is not an open file descriptor");
		assertThat(this.inspector.describe(target).usable()).isTrue();
	}

	@Test
	void releasedDescriptorAboveTheStandardStreamsIsClosed() {
		int fd = tcp(true);
		this.inspector.release(fd);
		assertThat(this.inspector.describe(fd).problem()).isEqualTo("is not an open file descriptor");
	}

	private int tcp(boolean listen) {
		int fd = libc.socket(2, 1, 0);
		this.opened.add(fd);
		byte[] address = ByteBuffer.allocate(16)
			.order(ByteOrder.nativeOrder())
			.putShort((short) 2)
			.order(ByteOrder.BIG_ENDIAN)
			.putShort((short) 0)
			.put(new byte[] { 127, 0, 0, 1 })
			.array();
		libc.bind(fd, address, address.length);
		if (listen) {
			libc.listen(fd, 8);
		}
		return fd;
	}

	private interface Libc extends Library {

		int socket(int domain, int type, int protocol) throws LastErrorException;

		int bind(int fd, byte[] address, int length) throws LastErrorException;

		int listen(int fd, int backlog) throws LastErrorException;

		int open(String path, int flags) throws LastErrorException;

		int close(int fd) throws LastErrorException;

	}

}
