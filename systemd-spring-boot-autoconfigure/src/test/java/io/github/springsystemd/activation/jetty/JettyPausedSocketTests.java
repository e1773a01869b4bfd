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
package io.github.springsystemd.activation.jetty;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.List;

import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.github.springsystemd.activation.PausableServerSocketChannel;
import io.github.springsystemd.test.PendingRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Jetty over a {@link PausableServerSocketChannel}, whose listening channel outlives the
 * server as systemd's socket does: what the paused server does not take waits for the
 * next one, and stopping Jetty leaves the listening channel open.
 */
@ExtendWith(OutputCaptureExtension.class)
class JettyPausedSocketTests {

	private final ServerSocketChannel listening;

	private final Server server = new Server();

	JettyPausedSocketTests() throws Exception {
		this.listening = ServerSocketChannel.open();
		this.listening.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
	}

	@AfterEach
	void stop() throws Exception {
		this.server.stop();
		this.listening.close();
	}

	@Test
	void connectionsThatArriveAfterThePauseWaitForTheNextServer(CapturedOutput output) throws Exception {
		PausableServerSocketChannel channel = new PausableServerSocketChannel(this.listening);
		ServerConnector connector = new ServerConnector(this.server);
		connector.open(channel);
		this.server.addConnector(connector);
		this.server.setHandler(new Handler.Abstract() {

			@Override
			public boolean handle(Request request, Response response, Callback callback) {
				Content.Sink.write(response, true, "served by jetty", callback);
				return true;
			}

		});
		this.server.start();
		int port = connector.getLocalPort();
		assertThat(port).isEqualTo(this.listening.socket().getLocalPort());
		assertThat(new PendingRequest(port).response()).endsWith("served by jetty");
		channel.pause();
		List<PendingRequest> requests = PendingRequest.send(port, 5);
		this.server.stop();
		assertThat(this.listening.isOpen()).isTrue();
		PendingRequest.answerQueued(this.listening, requests.size(), "served next", Duration.ofSeconds(10));
		for (PendingRequest request : requests) {
			assertThat(request.response()).endsWith("served next");
		}
		assertThat(output).doesNotContain("Accept Failure");
	}

}
