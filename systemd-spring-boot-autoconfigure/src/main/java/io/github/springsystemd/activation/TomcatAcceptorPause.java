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

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.catalina.connector.Connector;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.coyote.AbstractProtocol;
import org.apache.tomcat.util.net.AbstractEndpoint;
import org.apache.tomcat.util.net.Acceptor;
import org.apache.tomcat.util.net.Acceptor.AcceptorState;
import org.apache.tomcat.util.threads.LimitLatch;

import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.WebServer;

/**
 * Stops a Tomcat connector taking connections from its listening socket without
 * destroying one and without leaving one of its own behind, for when systemd holds the
 * socket and the next start is to accept what is queued.
 * <p>
 * Tomcat's own pause wakes its acceptor with a connection to itself. That connection
 * queues behind the clients' connections, and the acceptor destroys whatever it takes
 * while paused: one client's connection on some stops, and otherwise the wake-up
 * connection stays queued, which makes systemd start a stopped socket-activated service
 * again. Here the connector's connection limit is set to zero first, so that the acceptor
 * hands the connection it takes to the server as usual and then waits at the limit
 * instead of accepting again (a connection to itself wakes it if the server is idle).
 * Once the connections it has taken are served, the endpoint is marked paused and the
 * limit lifted: the acceptor pauses without accepting, and Tomcat's own pause finds
 * nothing left to wake.
 *
 * @since 0.1.0
 */
public final class TomcatAcceptorPause {

	private static final Log logger = LogFactory.getLog(TomcatAcceptorPause.class);

	private static final int WAKE_TIMEOUT_MILLIS = 1000;

	private static final Duration BUSY_WAIT = Duration.ofMillis(50);

	private static final Duration IDLE_WAIT = Duration.ofSeconds(1);

	private static final Runnable NOTHING = () -> {
	};

	private final AbstractProtocol<?> protocol;

	private final AbstractEndpoint<?, ?> endpoint;

	private TomcatAcceptorPause(AbstractProtocol<?> protocol, AbstractEndpoint<?, ?> endpoint) {
		this.protocol = protocol;
		this.endpoint = endpoint;
	}

	/**
	 * Stop the connectors of a Tomcat web server taking connections: their acceptors hand
	 * on the connection they have taken, if any, and then wait at a connection limit of
	 * zero. Connections they have taken are still served.
	 * @param server the web server, which is left alone unless it is Tomcat
	 * @return what pauses the connectors once those connections are served
	 */
	public static Runnable stopAccepting(WebServer server) {
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
	 * taken, if any, and then waits at a connection limit of zero. Connections it has
	 * taken are still served.
	 * @param connector the connector
	 * @return what pauses the connector once those connections are served; does nothing
	 * when the connector could not be stopped, and Tomcat then pauses it as usual when it
	 * shuts down
	 */
	public static Runnable stopAccepting(Connector connector) {
		if (!(connector.getProtocolHandler() instanceof AbstractProtocol<?> protocol)) {
			logger.debug("Tomcat's protocol " + connector.getProtocolHandler() + " cannot be paused before shutdown");
			return NOTHING;
		}
		try {
			AbstractEndpoint<?, ?> endpoint = endpoint(protocol);
			LimitLatch latch = latch(endpoint);
			if (latch == null) {
				logger.debug("Tomcat has no connection limit (server.tomcat.max-connections=-1); "
						+ "its acceptor is paused by Tomcat when it shuts down");
				return NOTHING;
			}
			int maxConnections = protocol.getMaxConnections();
			protocol.setMaxConnections(0);
			if (!awaitWaiting(latch, BUSY_WAIT)) {
				wake(protocol.getAddress(), connector.getLocalPort());
			}
			if (!awaitWaiting(latch, IDLE_WAIT)) {
				protocol.setMaxConnections(maxConnections);
				logger.debug("Tomcat's acceptor did not stop at the connection limit; it is paused by Tomcat");
				return NOTHING;
			}
			return new TomcatAcceptorPause(protocol, endpoint)::pause;
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			logger.debug("Could not pause Tomcat's acceptor before shutdown; it is paused by Tomcat", ex);
			return NOTHING;
		}
	}

	/**
	 * Pause the connector: the acceptor leaves the connection limit and pauses without
	 * accepting, so Tomcat's own pause has nothing left to wake. Returns once the
	 * acceptor has paused (at most a second): were Tomcat to find it still running, it
	 * would wake it with a connection that nobody takes.
	 */
	private void pause() {
		try {
			Field paused = AbstractEndpoint.class.getDeclaredField("paused");
			paused.setAccessible(true);
			paused.setBoolean(this.endpoint, true);
			this.protocol.setMaxConnections(-1);
			awaitPaused(acceptor(this.endpoint), IDLE_WAIT);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			logger.debug("Could not pause Tomcat's acceptor", ex);
			this.protocol.setMaxConnections(-1);
		}
	}

	private static void awaitPaused(Acceptor<?> acceptor, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (acceptor != null && acceptor.getState() == AcceptorState.RUNNING && System.nanoTime() < deadline) {
			try {
				Thread.sleep(1);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private static Acceptor<?> acceptor(AbstractEndpoint<?, ?> endpoint) throws ReflectiveOperationException {
		Field acceptor = AbstractEndpoint.class.getDeclaredField("acceptor");
		acceptor.setAccessible(true);
		return (Acceptor<?>) acceptor.get(endpoint);
	}

	private static boolean awaitWaiting(LimitLatch latch, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!latch.hasQueuedThreads()) {
			if (System.nanoTime() > deadline) {
				return false;
			}
			try {
				Thread.sleep(1);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
		return true;
	}

	private static void wake(InetAddress address, int port) {
		InetAddress target = (address == null || address.isAnyLocalAddress()) ? InetAddress.getLoopbackAddress()
				: address;
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(target, port), WAKE_TIMEOUT_MILLIS);
		}
		catch (IOException ex) {
			logger.debug("Could not wake Tomcat's acceptor on " + target + ":" + port, ex);
		}
	}

	private static AbstractEndpoint<?, ?> endpoint(AbstractProtocol<?> protocol) throws ReflectiveOperationException {
		Method getEndpoint = AbstractProtocol.class.getDeclaredMethod("getEndpoint");
		getEndpoint.setAccessible(true);
		return (AbstractEndpoint<?, ?>) getEndpoint.invoke(protocol);
	}

	private static LimitLatch latch(AbstractEndpoint<?, ?> endpoint) throws ReflectiveOperationException {
		Field latch = AbstractEndpoint.class.getDeclaredField("connectionLimitLatch");
		latch.setAccessible(true);
		return (LimitLatch) latch.get(endpoint);
	}

}
