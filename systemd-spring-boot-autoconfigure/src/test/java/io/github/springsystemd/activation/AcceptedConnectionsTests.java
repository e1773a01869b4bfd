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
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.springsystemd.libc.Libc;
import io.github.springsystemd.libc.NativeLibc;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AcceptedConnections}, on real sockets, counted natively and from the
 * {@code /proc/net} tables.
 */
@EnabledOnOs(OS.LINUX)
class AcceptedConnectionsTests {

	@ParameterizedTest(name = "native: {0}")
	@ValueSource(booleans = { true, false })
	void acceptedConnectionsAreCountedUntilClosedButNotTheListenerOrClients(boolean useNative) throws Exception {
		try (ServerSocketChannel channel = ServerSocketChannel.open();
				ServerSocketChannel other = ServerSocketChannel.open()) {
			channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			other.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			int port = channel.socket().getLocalPort();
			AcceptedConnections connections = useNative
					? new AcceptedConnections(port, NativeLibc.get(), AcceptedConnectionsTests::noTables)
					: new AcceptedConnections(port, null);
			List<SocketChannel> opened = new ArrayList<>();
			try {
				opened.add(SocketChannel.open(channel.getLocalAddress()));
				opened.add(SocketChannel.open(channel.getLocalAddress()));
				opened.add(SocketChannel.open(other.getLocalAddress()));
				// the clients, in this process too, and the listener are not counted
				assertThat(connections.count()).isZero();
				SocketChannel first = channel.accept();
				SocketChannel second = channel.accept();
				opened.add(other.accept());
				assertThat(connections.count()).isEqualTo(2);
				assertThat(connections.awaitNone(Duration.ofMillis(50))).isEqualTo(2);
				first.close();
				assertThat(connections.count()).isOne();
				second.close();
				assertThat(connections.awaitNone(Duration.ofSeconds(5))).isZero();
			}
			finally {
				for (SocketChannel socket : opened) {
					socket.close();
				}
			}
		}
	}

	@ParameterizedTest(name = "native: {0}")
	@ValueSource(booleans = { true, false })
	void awaitingNoneReturnsAtOnceWithoutConnections(boolean useNative) throws Exception {
		try (ServerSocketChannel channel = ServerSocketChannel.open()) {
			channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			int port = channel.socket().getLocalPort();
			AcceptedConnections connections = useNative
					? new AcceptedConnections(port, NativeLibc.get(), AcceptedConnectionsTests::noTables)
					: new AcceptedConnections(port, null);
			assertThat(connections.awaitNone(Duration.ofSeconds(30))).isZero();
		}
	}

	@Test
	void nativeFailureFallsBackToTheTablesForGood() throws Exception {
		AtomicInteger nativeCalls = new AtomicInteger();
		Libc failing = (Libc) Proxy.newProxyInstance(Libc.class.getClassLoader(), new Class<?>[] { Libc.class },
				(proxy, method, args) -> {
					nativeCalls.incrementAndGet();
					throw new IllegalStateException("no native access");
				});
		AtomicInteger tableReadings = new AtomicInteger();
		AcceptedConnections connections = new AcceptedConnections(8080, failing, () -> {
			tableReadings.incrementAndGet();
			return 0;
		});
		try (ServerSocketChannel channel = ServerSocketChannel.open()) {
			// a socket of this process, so that the failing interface is asked about it
			channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			assertThat(connections.count()).isZero();
			int asked = nativeCalls.get();
			assertThat(asked).isPositive();
			assertThat(connections.count()).isZero();
			assertThat(tableReadings).hasValue(2);
			assertThat(nativeCalls).hasValue(asked);
		}
	}

	private static int noTables() {
		throw new AssertionError("the tables were read although native access works");
	}

}
