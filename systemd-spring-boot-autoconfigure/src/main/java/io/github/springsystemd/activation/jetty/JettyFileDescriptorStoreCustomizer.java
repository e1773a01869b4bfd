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
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.component.LifeCycle;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.jetty.ConfigurableJettyWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

import io.github.springsystemd.activation.FileDescriptorStore;
import io.github.springsystemd.activation.PausableServerSocketChannel;
import io.github.springsystemd.activation.SocketActivation.Server;

/**
 * Makes Jetty accept through a {@link PausableServerSocketChannel} when it binds its port
 * itself, so that a socket kept in systemd's file descriptor store can be released on
 * shutdown without a connection lost: the channel stops accepting before Jetty shuts
 * down, and connections that arrive meanwhile wait in the socket's backlog for the next
 * start. The channel is bound when the connector starts, as Jetty binds it
 * ({@code server.address}, {@code server.port}, the connector's accept queue size and
 * address reuse); when that fails, Jetty binds the port as usual and reports why. A
 * connector without acceptor threads ({@code server.jetty.threads.acceptors=0}) is left
 * alone.
 */
final class JettyFileDescriptorStoreCustomizer
		implements WebServerFactoryCustomizer<ConfigurableJettyWebServerFactory>, Ordered {

	private static final Log logger = LogFactory.getLog(JettyFileDescriptorStoreCustomizer.class);

	private static final Runnable NOTHING = () -> {
	};

	private final FileDescriptorStore store;

	private final Server server;

	/**
	 * Create a new {@link JettyFileDescriptorStoreCustomizer}.
	 * @param store the file descriptor store
	 * @param server the server whose factory is customized
	 */
	JettyFileDescriptorStoreCustomizer(FileDescriptorStore store, Server server) {
		this.store = store;
		this.server = server;
	}

	@Override
	public void customize(ConfigurableJettyWebServerFactory factory) {
		if (!this.store.mayStore(this.server)) {
			return;
		}
		factory.addServerCustomizers((jetty) -> {
			for (Connector connector : jetty.getConnectors()) {
				if (connector instanceof ServerConnector serverConnector && serverConnector.getAcceptors() > 0) {
					serverConnector.addEventListener(new OpenWhenStarting(serverConnector));
				}
			}
		});
	}

	/**
	 * Binds the connector's socket as the connector starts, where Jetty would bind it
	 * ({@code ServerConnector.open()} then finds it open): never before the web server
	 * starts, and never for a server that does not start.
	 */
	private final class OpenWhenStarting implements LifeCycle.Listener {

		private final ServerConnector connector;

		private boolean opened;

		OpenWhenStarting(ServerConnector connector) {
			this.connector = connector;
		}

		@Override
		public void lifeCycleStarting(LifeCycle event) {
			if (!this.opened && this.connector.getTransport() == null) {
				this.opened = true;
				open(this.connector);
			}
		}

	}

	private void open(ServerConnector connector) {
		InetSocketAddress address = (connector.getHost() != null)
				? new InetSocketAddress(connector.getHost(), connector.getPort())
				: new InetSocketAddress(connector.getPort());
		ServerSocketChannel channel = null;
		try {
			channel = ServerSocketChannel.open();
			channel.setOption(StandardSocketOptions.SO_REUSEADDR, connector.getReuseAddress());
			if (connector.isReusePort()) {
				channel.setOption(StandardSocketOptions.SO_REUSEPORT, true);
			}
			channel.bind(address, connector.getAcceptQueueSize());
			PausableServerSocketChannel pausable = new PausableServerSocketChannel(channel,
					(InetSocketAddress) channel.getLocalAddress());
			connector.open(pausable);
			this.store.onRelease(this.server, () -> {
				pausable.pause();
				return NOTHING;
			});
		}
		catch (IOException | RuntimeException ex) {
			close(channel);
			logger.debug("Jetty binds " + address + " itself, and may close a connection it takes as it shuts down: "
					+ "the socket could not be bound for it to accept through a pausable channel", ex);
		}
	}

	private static void close(@Nullable ServerSocketChannel channel) {
		if (channel == null) {
			return;
		}
		try {
			channel.close();
		}
		catch (IOException ex) {
			// the bind failed already; Jetty says why when it binds
		}
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
