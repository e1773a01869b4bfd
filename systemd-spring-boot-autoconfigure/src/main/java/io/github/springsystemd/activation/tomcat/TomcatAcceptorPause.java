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

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.apache.catalina.connector.Connector;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.WebServer;

import io.github.springsystemd.activation.FileDescriptorStore;

/**
 * Stops a Tomcat connector taking connections from its listening socket without
 * destroying one and without leaving one of its own behind, for when systemd holds the
 * socket and the next start (or another instance serving on the same socket) is to accept
 * what is queued.
 * <p>
 * Tomcat's own pause wakes its acceptor with a connection to itself. That connection
 * queues behind the clients' connections, and the acceptor destroys whatever it takes
 * while paused: one client's connection on some stops, and otherwise the wake-up
 * connection stays queued, which makes systemd start a stopped socket-activated service
 * again. A connector that serves through {@link PassedSocketHttp11NioProtocol} is stopped
 * instead: its acceptor hands on the connection it has taken and waits without taking
 * another, and once the connections it has taken are served, the connector is paused,
 * which wakes the acceptor without a connection. Other protocols are paused by Tomcat
 * when it shuts down.
 */
final class TomcatAcceptorPause {

	private static final Log logger = LogFactory.getLog(TomcatAcceptorPause.class);

	private static final Duration ACCEPTOR_TIMEOUT = Duration.ofSeconds(1);

	private static final Runnable NOTHING = () -> {
	};

	/**
	 * {@link #stopAccepting(WebServer)}, for {@link FileDescriptorStore#onRelease}.
	 */
	static final Function<WebServer, Runnable> STOP_ACCEPTING = TomcatAcceptorPause::stopAccepting;

	private TomcatAcceptorPause() {
	}

	/**
	 * Stop the connectors of a Tomcat web server taking connections: their acceptors hand
	 * on the connection they have taken, if any, and then wait without taking another.
	 * Connections they have taken are still served.
	 * @param server the web server, which is left alone unless it is Tomcat
	 * @return what pauses the connectors once those connections are served
	 */
	static Runnable stopAccepting(WebServer server) {
		if (!(server instanceof TomcatWebServer tomcat)) {
			return NOTHING;
		}
		List<Runnable> pauses = new ArrayList<>();
		for (Connector connector : tomcat.getTomcat().getService().findConnectors()) {
			pauses.add(stopAccepting(connector));
		}
		return () -> pauses.forEach(Runnable::run);
	}

	/**
	 * Stop the connector taking connections: its acceptor hands on the connection it has
	 * taken, if any, and then waits without taking another. Connections it has taken are
	 * still served.
	 * @param connector the connector
	 * @return what pauses the connector once those connections are served; does nothing
	 * when the connector does not serve through {@link PassedSocketHttp11NioProtocol},
	 * and Tomcat then pauses it as usual when it shuts down
	 */
	static Runnable stopAccepting(Connector connector) {
		if (!(connector.getProtocolHandler() instanceof PassedSocketHttp11NioProtocol protocol)) {
			logger.debug("Tomcat's protocol " + connector.getProtocolHandler() + " is not "
					+ PassedSocketHttp11NioProtocol.class.getName() + "; it is paused by Tomcat when it shuts down");
			return NOTHING;
		}
		try {
			if (!protocol.stopAccepting(ACCEPTOR_TIMEOUT)) {
				logger.debug("Tomcat's acceptor did not stop within " + ACCEPTOR_TIMEOUT.toMillis()
						+ " ms (not started, or at its connection limit); it stops when the connector is paused");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return () -> pause(protocol);
	}

	private static void pause(PassedSocketHttp11NioProtocol protocol) {
		try {
			protocol.pauseEndpoint();
		}
		catch (RuntimeException ex) {
			logger.debug("Could not pause Tomcat's connector; it is paused when Tomcat shuts down", ex);
		}
	}

}
