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

import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.jetty.servlet.JettyServletWebServerFactory;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.springsystemd.test.FileDescriptors;
import io.github.springsystemd.test.HeldSocket;
import io.github.springsystemd.test.NotifySocketReceiver;
import io.github.springsystemd.test.PendingRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Whole applications on Tomcat, Jetty and Reactor Netty hand their listening socket to
 * the file descriptor store when the service manager says it has one ({@code $FDSTORE}),
 * close-on-exec, sent to a real notification socket.
 */
@EnabledOnOs(OS.LINUX)
class FileDescriptorStoreApplicationTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@RegisterExtension
	final NotifySocketReceiver receiver = NotifySocketReceiver.perTest();

	@ParameterizedTest
	@EnumSource
	void storesItsListeningSocket(Server server) throws Exception {
		try (ConfigurableApplicationContext context = run(server, "--server.port=0")) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			assertThat(this.receiver.await((message) -> message.startsWith("FDSTORE=1"), WAIT))
				.isEqualTo("FDSTORE=1\nFDNAME=server");
			int fd = TcpSocketTable.findDescriptor(port).orElseThrow();
			assertThat(this.receiver.receivedDescriptors()).containsExactly(NotifySocketReceiver.describe(fd));
			assertThat(FileDescriptors.closeOnExec(fd)).as("the stored socket is close-on-exec").isTrue();
		}
	}

	/**
	 * The stored socket is held here as systemd holds it; once the store releases the
	 * server, new connections wait in the backlog, and are answered by the "next start"
	 * after the application has closed.
	 */
	@ParameterizedTest
	@EnumSource
	void leavesConnectionsForTheNextStartOnceReleased(Server server) throws Exception {
		HeldSocket held;
		List<PendingRequest> waiting;
		try (ConfigurableApplicationContext context = run(server, "--server.port=0")) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			this.receiver.await((message) -> message.startsWith("FDSTORE=1"), WAIT);
			held = HeldSocket.hold(TcpSocketTable.findDescriptor(port).orElseThrow());
			assertThat(new PendingRequest(port).response()).startsWith("HTTP/1.1 404");
			context.getBean(FileDescriptorStore.class).release(context);
			waiting = PendingRequest.send(port, 5);
		}
		try (held) {
			assertThat(held.serveQueuedAsTheNextStart()).isEqualTo(waiting.size());
			for (PendingRequest request : waiting) {
				assertThat(request.response()).endsWith("served next");
			}
		}
	}

	@Test
	void jettyOnAPortInUseFailsAsSpringBootSaysIt() throws Exception {
		try (ServerSocketChannel taken = ServerSocketChannel.open()) {
			taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			int port = taken.socket().getLocalPort();
			Throwable failure = catchThrowable(() -> run(Server.JETTY, "--server.port=" + port).close());
			assertThat(failure).hasRootCauseInstanceOf(BindException.class);
			assertThat(causes(failure)).anyMatch(PortInUseException.class::isInstance);
		}
	}

	private ConfigurableApplicationContext run(Server server, String portArg) {
		SpringApplication application = new SpringApplication(server.configuration);
		application.setWebApplicationType(server.type);
		return application.run("--NOTIFY_SOCKET=" + this.receiver.getNotifySocket(), "--FDSTORE=1", portArg,
				"--server.address=127.0.0.1", "--spring.main.banner-mode=off");
	}

	private static List<Throwable> causes(Throwable failure) {
		List<Throwable> causes = new ArrayList<>();
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			causes.add(cause);
		}
		return causes;
	}

	enum Server {

		TOMCAT(TomcatApplication.class, WebApplicationType.SERVLET),

		JETTY(JettyApplication.class, WebApplicationType.SERVLET),

		REACTOR_NETTY(NettyApplication.class, WebApplicationType.REACTIVE);

		private final Class<?> configuration;

		private final WebApplicationType type;

		Server(Class<?> configuration, WebApplicationType type) {
			this.configuration = configuration;
			this.type = type;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class TomcatApplication {

		@Bean
		TomcatServletWebServerFactory tomcatServletWebServerFactory() {
			return new TomcatServletWebServerFactory();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class JettyApplication {

		@Bean
		JettyServletWebServerFactory jettyServletWebServerFactory() {
			return new JettyServletWebServerFactory();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class NettyApplication {

		@Bean
		NettyReactiveWebServerFactory nettyReactiveWebServerFactory() {
			return new NettyReactiveWebServerFactory();
		}

	}

}
