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
package io.github.springsystemd.activation.tomcat;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.connector.Connector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;

import io.github.springsystemd.activation.ActivationFixtures;
import io.github.springsystemd.test.HeldSocket;
import io.github.springsystemd.test.PendingRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link TomcatAcceptorPause} with a real Tomcat whose listening socket is held
 * elsewhere, as systemd holds it, so that what Tomcat does not take waits for the next
 * server.
 */
@EnabledOnOs(OS.LINUX)
class TomcatAcceptorPauseTests {

	private TomcatWebServer server;

	private HeldSocket held;

	private final HelloServlet servlet = new HelloServlet();

	@BeforeEach
	void start() {
		TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory(0);
		factory.setAddress(InetAddress.getLoopbackAddress());
		factory.setProtocol(PassedSocketHttp11NioProtocol.class.getName());
		this.server = (TomcatWebServer) factory
			.getWebServer((context) -> context.addServlet("hello", this.servlet).addMapping("/"));
		this.server.start();
		this.held = HeldSocket.hold(ActivationFixtures.listeningDescriptor(this.server.getPort()).orElseThrow());
	}

	@AfterEach
	void stop() {
		this.server.stop();
		this.held.close();
	}

	@Test
	void connectionsThatArriveAfterThePauseWaitForTheNextServer() throws Exception {
		assertThat(new PendingRequest(this.server.getPort()).response()).endsWith("served by tomcat");
		pause(Duration.ofSeconds(1));
		List<PendingRequest> clients = PendingRequest.send(this.server.getPort(), 5);
		shutDownGracefully();
		this.server.stop();
		assertThat(this.held.serveQueuedAsTheNextStart()).isEqualTo(clients.size());
		for (PendingRequest client : clients) {
			assertThat(client.response()).endsWith("served next");
		}
	}

	@Test
	void connectionsTakenBeforeThePauseAreServed() throws Exception {
		PendingRequest early = new PendingRequest(this.server.getPort());
		await().atMost(Duration.ofSeconds(30))
			.until(() -> protocol().getOpenConnections() > 0 || this.servlet.served.get() > 0);
		pause(Duration.ofSeconds(10));
		assertThat(early.response()).endsWith("served by tomcat");
	}

	@Test
	void pausedTomcatLeavesNoConnectionOfItsOwnInTheBacklog() throws Exception {
		pause(Duration.ofSeconds(1));
		shutDownGracefully();
		this.server.stop();
		assertThat(this.held.serveQueued((request) -> "")).isZero();
		assertThat(this.held.acceptedConnections()).isZero();
	}

	@Test
	void acceptorStopsWithoutAConnection() throws Exception {
		assertThat(new PendingRequest(this.server.getPort()).response()).endsWith("served by tomcat");
		assertThat(protocol().stopAccepting(Duration.ofSeconds(30))).isTrue();
		List<PendingRequest> clients = PendingRequest.send(this.server.getPort(), 3);
		assertThat(this.held.serveQueuedAsTheNextStart()).isEqualTo(clients.size());
		for (PendingRequest client : clients) {
			assertThat(client.response()).endsWith("served next");
		}
	}

	@Test
	void pausedAndResumedTomcatLosesNoConnection() throws Exception {
		Connector connector = this.server.getTomcat().getConnector();
		connector.pause();
		List<PendingRequest> clients = PendingRequest.send(this.server.getPort(), 5);
		connector.resume();
		for (PendingRequest client : clients) {
			assertThat(client.response()).endsWith("served by tomcat");
		}
		assertThat(protocol().getOpenConnections()).isZero();
		assertThat(this.held.serveQueued((request) -> "")).isZero();
	}

	@Test
	void tomcatStopsWithoutConnectingToItsOwnSocket() throws Exception {
		assertThat(new PendingRequest(this.server.getPort()).response()).endsWith("served by tomcat");
		this.server.stop();
		assertThat(this.held.serveQueued((request) -> "")).isZero();
		assertThat(this.held.acceptedConnections()).isZero();
	}

	private PassedSocketHttp11NioProtocol protocol() {
		return (PassedSocketHttp11NioProtocol) this.server.getTomcat().getConnector().getProtocolHandler();
	}

	private void pause(Duration drainTimeout) {
		ActivationFixtures.release(this.server.getPort(), () -> TomcatAcceptorPause.stopAccepting(this.server),
				drainTimeout);
	}

	private void shutDownGracefully() throws InterruptedException {
		CountDownLatch done = new CountDownLatch(1);
		this.server.shutDownGracefully((result) -> done.countDown());
		assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
	}

	static class HelloServlet extends HttpServlet {

		private final AtomicInteger served = new AtomicInteger();

		@Override
		protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
			this.served.incrementAndGet();
			response.getWriter().write("served by tomcat");
		}

	}

}
