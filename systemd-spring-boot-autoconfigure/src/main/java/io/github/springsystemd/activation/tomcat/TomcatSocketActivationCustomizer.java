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
import java.io.UncheckedIOException;

import org.apache.catalina.connector.Connector;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.tomcat.TomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

import io.github.springsystemd.activation.PausableServerSocketChannel;
import io.github.springsystemd.activation.SocketActivation.Server;
import io.github.springsystemd.activation.SocketActivation;

/**
 * Makes Tomcat serve on a socket passed by systemd instead of binding its port: the
 * application's socket, and a separate management server's, are each opened as a channel
 * of their own and served through {@link PassedSocketHttp11NioProtocol}. On shutdown the
 * connector stops taking connections before Tomcat pauses it (see
 * {@link TomcatAcceptorPause}). When connections are taken only once the application is
 * ready, the channel is held until then (see
 * {@link SocketActivation#setAcceptWhenReady(boolean)}).
 */
final class TomcatSocketActivationCustomizer
		implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

	private static final Log logger = LogFactory.getLog(TomcatSocketActivationCustomizer.class);

	static final String DEFAULT_PROTOCOL = "org.apache.coyote.http11.Http11NioProtocol";

	private final SocketActivation activation;

	private final Server server;

	/**
	 * Create a new {@link TomcatSocketActivationCustomizer}.
	 * @param activation the socket activation
	 * @param server the server whose factory is customized
	 */
	TomcatSocketActivationCustomizer(SocketActivation activation, Server server) {
		this.activation = activation;
		this.server = server;
	}

	@Override
	public void customize(ConfigurableTomcatWebServerFactory factory) {
		this.activation.socket(this.server).ifPresent((socket) -> {
			if (!useProtocol(factory)) {
				return;
			}
			factory.setAddress(socket.address().getAddress());
			factory.setPort(socket.address().getPort());
			factory.addConnectorCustomizers(this::serveOnPassedSocket);
		});
	}

	private boolean useProtocol(ConfigurableTomcatWebServerFactory factory) {
		if (factory instanceof TomcatWebServerFactory tomcat && (DEFAULT_PROTOCOL.equals(tomcat.getProtocol())
				|| PassedSocketHttp11NioProtocol.class.getName().equals(tomcat.getProtocol()))) {
			tomcat.setProtocol(PassedSocketHttp11NioProtocol.class.getName());
			return true;
		}
		boolean management = this.server == Server.MANAGEMENT;
		logger.warn(((management) ? "The management server's Tomcat" : "Tomcat") + " does not use " + DEFAULT_PROTOCOL
				+ "; it binds " + ((management) ? "management.server.port" : "server.port")
				+ " instead of serving on the socket passed by systemd");
		return false;
	}

	private void serveOnPassedSocket(Connector connector) {
		if (!(connector.getProtocolHandler() instanceof PassedSocketHttp11NioProtocol protocol)) {
			return;
		}
		PausableServerSocketChannel channel;
		try {
			channel = PausableServerSocketChannel.open(this.activation, this.server);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not serve on the socket passed by systemd", ex);
		}
		protocol.serveOn(channel);
		this.activation.onRelease(this.server, () -> {
			if (channel.isHeld()) {
				// never took a connection: nothing to hand on or to wait for
				channel.pause();
				return () -> {
				};
			}
			return TomcatAcceptorPause.stopAccepting(connector);
		});
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
