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

import java.io.IOException;
import java.io.UncheckedIOException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.ServerConnector;

import org.springframework.boot.jetty.ConfigurableJettyWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

import io.github.springsystemd.activation.PausableServerSocketChannel;
import io.github.springsystemd.activation.SocketActivation.Server;
import io.github.springsystemd.activation.SocketActivation;

/**
 * Makes Jetty serve on the socket passed by systemd: the socket is opened as a channel of
 * its own and handed to the connector as a {@link PausableServerSocketChannel} instead of
 * binding {@code server.port}. On shutdown the channel stops accepting before Jetty
 * closes it.
 */
final class JettySocketActivationCustomizer
		implements WebServerFactoryCustomizer<ConfigurableJettyWebServerFactory>, Ordered {

	private static final Log logger = LogFactory.getLog(JettySocketActivationCustomizer.class);

	private final SocketActivation activation;

	private final Server server;

	/**
	 * Create a new {@link JettySocketActivationCustomizer}.
	 * @param activation the socket activation
	 * @param server the server whose factory is customized
	 */
	JettySocketActivationCustomizer(SocketActivation activation, Server server) {
		this.activation = activation;
		this.server = server;
	}

	@Override
	public void customize(ConfigurableJettyWebServerFactory factory) {
		this.activation.socket(this.server).ifPresent((socket) -> {
			factory.setAddress(socket.address().getAddress());
			factory.setPort(socket.address().getPort());
			factory.addServerCustomizers((server) -> {
				for (Connector connector : server.getConnectors()) {
					if (connector instanceof ServerConnector serverConnector) {
						open(serverConnector);
						return;
					}
				}
			});
		});
	}

	private void open(ServerConnector connector) {
		try {
			if (connector.getAcceptors() == 0) {
				openWithoutAcceptors(connector);
				return;
			}
			PausableServerSocketChannel channel = PausableServerSocketChannel.open(this.activation, this.server);
			connector.open(channel);
			this.activation.onRelease(this.server, () -> {
				channel.pause();
				return () -> {
				};
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not serve on the socket passed by systemd", ex);
		}
	}

	private void openWithoutAcceptors(ServerConnector connector) throws IOException {
		connector.open(this.activation.openJdkChannel(this.server));
		logger.warn(((this.server == Server.MANAGEMENT) ? "The management server's Jetty" : "Jetty")
				+ " has no acceptor threads (server.jetty.threads.acceptors=0), so it accepts in its selector from the "
				+ "socket passed by systemd: it reports an ephemeral loopback port as its port, and connections are "
				+ "not left waiting for the next start while it shuts down. Set server.jetty.threads.acceptors to 1 "
				+ "or more");
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
