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

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TcpSocketTable}.
 */
class TcpSocketTableTests {

	private static final String TCP = """
			  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
			   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 41001 1 0
			   1: 0100007F:1F90 0100007F:9C40 01 00000000:00000000 00:00000000 00000000     0        0 41002 1 0
			   2: 00000000:1F91 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 41003 1 0
			   3: 0100007F:1F90 0100007F:9C41 08 00000000:00000000 00:00000000 00000000     0        0 41004 1 0
			   4: 0100007F:1F90 0100007F:9C42 06 00000000:00000000 03:00000000 00000000     0        0 0 3 0
			   5: 0100007F:9C43 0100007F:1F90 01 00000000:00000000 00:00000000 00000000     0        0 41005 1 0
			""";

	@Test
	void onlyListeningSocketsOnThePortAreFound() {
		assertThat(TcpSocketTable.listeningInodes(TCP, 8080)).containsExactly("41001");
		assertThat(TcpSocketTable.listeningInodes(TCP, 8081)).containsExactly("41003");
		assertThat(TcpSocketTable.listeningInodes(TCP, 9090)).isEmpty();
	}

	@Test
	void acceptedConnectionsOnThePortAreFoundButNotThoseInTimeWaitOrToThePort() {
		assertThat(TcpSocketTable.connectionInodes(TCP, 8080)).containsExactlyInAnyOrder("41002", "41004");
		assertThat(TcpSocketTable.connectionInodes(TCP, 8081)).isEmpty();
	}

	@Test
	@EnabledOnOs(OS.LINUX)
	void acceptedConnectionsOfThisProcessAreCountedUntilClosed() throws Exception {
		try (ServerSocketChannel channel = ServerSocketChannel.open()) {
			channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			int port = channel.socket().getLocalPort();
			try (SocketChannel client = SocketChannel.open(channel.getLocalAddress())) {
				assertThat(TcpSocketTable.countConnections(port)).isZero();
				SocketChannel accepted = channel.accept();
				assertThat(TcpSocketTable.countConnections(port)).isOne();
				accepted.close();
				assertThat(TcpSocketTable.countConnections(port)).isZero();
			}
		}
	}

	@Test
	@EnabledOnOs(OS.LINUX)
	void descriptorOfARealListeningSocketIsFound() throws Exception {
		try (ServerSocketChannel channel = ServerSocketChannel.open()) {
			channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			int port = channel.socket().getLocalPort();
			int fd = TcpSocketTable.findDescriptor(port).orElseThrow();
			String link = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
			assertThat(link).startsWith("socket:[");
			String tables = Files.readString(Path.of("/proc/net/tcp")) + Files.readString(Path.of("/proc/net/tcp6"));
			assertThat(TcpSocketTable.listeningInodes(tables, port))
				.containsExactly(link.substring(8, link.length() - 1));
		}
	}

	@Test
	@EnabledOnOs(OS.LINUX)
	void portWithoutListenerHasNoDescriptor() throws Exception {
		int port;
		try (ServerSocketChannel channel = ServerSocketChannel.open()) {
			channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			port = channel.socket().getLocalPort();
		}
		assertThat(TcpSocketTable.findDescriptor(port)).isEmpty();
	}

}
