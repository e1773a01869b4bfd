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
package io.github.springsystemd.activation.netty;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;

import io.github.springsystemd.activation.netty.NettySocketActivationCustomizer.InheritedChannelLoopResources;
import io.github.springsystemd.activation.netty.NettySocketActivationCustomizer.InheritedServerSocketChannel;
import io.github.springsystemd.test.PendingRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reactor Netty over an {@link InheritedServerSocketChannel}, whose JDK channel outlives
 * the server as the inherited channel does: once it stops reading, what it has not taken
 * waits for the next server, and disposing the server leaves the JDK channel open.
 */
class NettyInheritedChannelTests {

	private final ServerSocketChannel listening;

	private final LoopResources loops = LoopResources.create("netty-inherited-test");

	NettyInheritedChannelTests() throws Exception {
		this.listening = ServerSocketChannel.open();
		this.listening.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
	}

	@AfterEach
	void stop() throws Exception {
		this.loops.dispose();
		this.listening.close();
	}

	@Test
	void connectionsThatArriveAfterReadingStopsWaitForTheNextServer() throws Exception {
		InheritedServerSocketChannel channel = new InheritedServerSocketChannel(this.listening, null);
		DisposableServer server = HttpServer.create()
			.runOn(new InheritedChannelLoopResources(() -> this.loops, () -> channel), false)
			.handle((request, response) -> response.sendString(Mono.just("served by netty")))
			.bindNow();
		int port = this.listening.socket().getLocalPort();
		assertThat(server.port()).isEqualTo(port);
		assertThat(new PendingRequest(port).response()).endsWith("served by netty");
		channel.config().setAutoRead(false);
		channel.eventLoop().submit(() -> {
		}).get();
		List<PendingRequest> requests = PendingRequest.send(port, 5);
		server.disposeNow(Duration.ofSeconds(10));
		assertThat(this.listening.isOpen()).isTrue();
		PendingRequest.answerQueued(this.listening, requests.size(), "served next", Duration.ofSeconds(10));
		for (PendingRequest request : requests) {
			assertThat(request.response()).endsWith("served next");
		}
	}

	@Test
	void channelOfItsOwnReportsThePassedAddressAndIsClosedWithTheServer() throws Exception {
		InetSocketAddress passed = new InetSocketAddress(InetAddress.getLoopbackAddress(), 8123);
		InheritedServerSocketChannel channel = new InheritedServerSocketChannel(this.listening, passed);
		DisposableServer server = HttpServer.create()
			.runOn(new InheritedChannelLoopResources(() -> this.loops, () -> channel), false)
			.handle((request, response) -> response.sendString(Mono.just("served by netty")))
			.bindNow();
		assertThat(server.port()).isEqualTo(8123);
		server.disposeNow(Duration.ofSeconds(10));
		assertThat(this.listening.isOpen()).isFalse();
	}

}
