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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.WebServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link WarmUp} against a real HTTP server on the loopback interface (the
 * JDK's), standing in for the loopback listener of the application's web server.
 */
@ExtendWith(OutputCaptureExtension.class)
class WarmUpTests {

	private final CountDownLatch release = new CountDownLatch(1);

	private final List<InetSocketAddress> clients = new CopyOnWriteArrayList<>();

	private final List<String> connectionHeaders = new CopyOnWriteArrayList<>();

	private HttpServer server;

	@BeforeEach
	void startServer() throws Exception {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/", (exchange) -> {
			this.clients.add(exchange.getRemoteAddress());
			this.connectionHeaders.add(String.valueOf(exchange.getRequestHeaders().get("Connection")));
			byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		this.server.createContext("/hang", (exchange) -> {
			try {
				this.release.await(60, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			exchange.close();
		});
		this.server.start();
	}

	@AfterEach
	void stopServer() {
		this.release.countDown();
		this.server.stop(0);
	}

	@Test
	void pathThatIsNotAValidUriIsAFailureNotAWarmUpWithoutAnswers(CapturedOutput output) {
		warmUp(1, List.of("/a b", "/"), Duration.ofSeconds(10)).run(mock(WebServer.class));
		assertThat(output).contains("Warmed the web server up with 1 requests to [/a b, /] in ")
			.contains("1 got no answer, the first: /a b: java.lang.IllegalArgumentException")
			.contains("WARN");
	}

	@Test
	void zeroTimeoutStillEnds(CapturedOutput output) {
		// Thread.join(0) and a socket timeout of 0 would wait for ever
		assertTimeoutPreemptively(Duration.ofSeconds(20),
				() -> warmUp(1, List.of("/hang"), Duration.ZERO).run(mock(WebServer.class)));
		// the request's own read timeout and the warm-up's deadline race: either ends it
		assertThat(output).contains("Warmed the web server up with 0 requests to [/hang] in ")
			.containsAnyOf("cut short at systemd.socket-activation.warm-up.timeout=0s",
					"1 got no answer, the first: /hang");
	}

	@Test
	void timeoutLongerThanMillisecondsCanHoldIsServed(CapturedOutput output) {
		warmUp(2, List.of("/"), Duration.ofSeconds(Long.MAX_VALUE)).run(mock(WebServer.class));
		assertThat(output).contains("Warmed the web server up with 2 requests to [/] in ")
			.contains("(answers: 2 x 200) before taking connections");
	}

	@Test
	void eachRequestComesOnAConnectionOfItsOwn(CapturedOutput output) {
		// what a server does for each connection (accept, set-up, close) is warmed up too
		warmUp(5, List.of("/"), Duration.ofSeconds(10)).run(mock(WebServer.class));
		assertThat(output).contains("Warmed the web server up with 5 requests to [/] in ");
		assertThat(this.clients).hasSize(5).doesNotHaveDuplicates();
		assertThat(this.connectionHeaders).containsOnly("[close]");
	}

	private WarmUp warmUp(int requests, List<String> paths, Duration timeout) {
		int port = this.server.getAddress().getPort();
		LoopbackConnector connector = (webServer) -> LoopbackConnector.Listener.of(port, () -> {
		});
		return new WarmUp(requests, paths, timeout, List.of(connector));
	}

}
