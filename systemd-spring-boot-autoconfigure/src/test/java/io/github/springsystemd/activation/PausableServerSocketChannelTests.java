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
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link PausableServerSocketChannel} over a real listening channel.
 */
class PausableServerSocketChannelTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private ServerSocketChannel listening;

	private PausableServerSocketChannel channel;

	@BeforeEach
	void open() throws Exception {
		this.listening = ServerSocketChannel.open();
		this.listening.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
		this.channel = new PausableServerSocketChannel(this.listening);
	}

	@AfterEach
	void close() throws Exception {
		this.channel.close();
		this.listening.close();
	}

	@Test
	void blockingAcceptWaitsForAConnection() throws Exception {
		CompletableFuture<SocketChannel> accepted = CompletableFuture.supplyAsync(this::accept);
		await().during(Duration.ofMillis(100)).atMost(WAIT).until(() -> !accepted.isDone());
		try (SocketChannel client = SocketChannel.open(this.listening.getLocalAddress());
				SocketChannel server = accepted.get(10, TimeUnit.SECONDS)) {
			assertThat(server.getRemoteAddress()).isEqualTo(client.getLocalAddress());
		}
	}

	@Test
	void pausedChannelLeavesConnectionsInTheBacklog() throws Exception {
		CompletableFuture<SocketChannel> accepted = CompletableFuture.supplyAsync(this::accept);
		this.channel.pause();
		try (SocketChannel client = SocketChannel.open(this.listening.getLocalAddress())) {
			await().during(Duration.ofMillis(200)).atMost(WAIT).until(() -> !accepted.isDone());
			this.channel.close();
			assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> accepted.get(10, TimeUnit.SECONDS))
				.withCauseInstanceOf(AsynchronousCloseException.class);
			assertThat(this.listening.isOpen()).isTrue();
			this.listening.configureBlocking(true);
			try (SocketChannel next = this.listening.accept()) {
				assertThat(next.getRemoteAddress()).isEqualTo(client.getLocalAddress());
			}
		}
	}

	@Test
	void waitingAfterThePauseIsAwaited() throws Exception {
		this.channel.pause();
		assertThat(this.channel.awaitPausedAccept(Duration.ofMillis(50))).isFalse();
		CompletableFuture<SocketChannel> accepted = CompletableFuture.supplyAsync(this::accept);
		assertThat(this.channel.awaitPausedAccept(Duration.ofSeconds(30))).isTrue();
		assertThat(accepted).isNotDone();
	}

	@Test
	void wokenAcceptReturnsWithoutTakingAConnection() throws Exception {
		CompletableFuture<SocketChannel> accepted = CompletableFuture.supplyAsync(this::accept);
		this.channel.pause();
		assertThat(this.channel.awaitPausedAccept(Duration.ofSeconds(30))).isTrue();
		try (SocketChannel client = SocketChannel.open(this.listening.getLocalAddress())) {
			this.channel.wakeAccept();
			assertThat(accepted.get(30, TimeUnit.SECONDS)).isNull();
			this.channel.close();
			this.listening.configureBlocking(true);
			try (SocketChannel next = this.listening.accept()) {
				assertThat(next.getRemoteAddress()).isEqualTo(client.getLocalAddress());
			}
		}
	}

	@Test
	void wakeUpBeforeAConnectionArrivesTakesNone() throws Exception {
		this.channel.wakeAccept();
		try (SocketChannel client = SocketChannel.open(this.listening.getLocalAddress())) {
			assertThat(this.channel.accept()).isNull();
			try (SocketChannel next = this.channel.accept()) {
				assertThat(next.getRemoteAddress()).isEqualTo(client.getLocalAddress());
			}
		}
	}

	@Test
	void closingLeavesTheListeningChannelOpen() throws Exception {
		this.channel.close();
		assertThat(this.channel.isOpen()).isFalse();
		assertThat(this.listening.isOpen()).isTrue();
	}

	@Test
	void reportsTheListeningAddress() throws Exception {
		assertThat(this.channel.getLocalAddress()).isEqualTo(this.listening.getLocalAddress());
		assertThat(this.channel.socket().getLocalPort()).isEqualTo(this.listening.socket().getLocalPort());
	}

	private SocketChannel accept() {
		try {
			return this.channel.accept();
		}
		catch (Exception ex) {
			throw new java.util.concurrent.CompletionException(ex);
		}
	}

}
