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

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.util.ClassUtils;

import io.github.springsystemd.dbus.UnitFacts;
import io.github.springsystemd.notify.SystemdNotifier;
import io.github.springsystemd.protocol.Notification;
import io.github.springsystemd.unit.SystemdUnit;

/**
 * Keeps the web server's listening socket in systemd's file descriptor store
 * ({@code FDSTORE=1}), so that the next start of the service gets it back through
 * {@code LISTEN_FDS} and serves on it: while the service restarts, connections wait in
 * the socket's backlog instead of being refused, without a {@code .socket} unit.
 * <p>
 * The socket is stored once the web server has started, unless it was itself passed by
 * systemd. With {@link Mode#AUTO} it is stored only where the service manager has a store
 * for it: {@code $FDSTORE} (systemd 254+) or the unit's {@code FileDescriptorStoreMax=}
 * read over D-Bus; otherwise nothing is sent (systemd 252 logs an error for every
 * descriptor it cannot store).
 * <p>
 * Once the socket is stored, {@link #release()} makes Tomcat stop taking connections from
 * it before it shuts down (see {@link TomcatAcceptorPause}), so that they wait for the
 * next start; Jetty and Reactor Netty take none while they close their socket.
 *
 * @since 0.1.0
 */
public final class FileDescriptorStore implements ApplicationListener<WebServerInitializedEvent> {

	private static final Log logger = LogFactory.getLog(FileDescriptorStore.class);

	private static final Duration FACTS_TIMEOUT = Duration.ofSeconds(5);

	private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(1);

	private static final boolean TOMCAT_PRESENT = ClassUtils
		.isPresent("org.springframework.boot.tomcat.TomcatWebServer", FileDescriptorStore.class.getClassLoader());

	private final SystemdNotifier notifier;

	private final SocketActivation activation;

	private final SystemdUnit unit;

	private final Mode mode;

	private final String name;

	private final String storeSize;

	private volatile WebServer storedServer;

	/**
	 * Create a new {@link FileDescriptorStore}.
	 * @param notifier the notifier
	 * @param activation the socket activation, or {@code null} when no sockets were
	 * passed
	 * @param unit the unit, to read {@code FileDescriptorStoreMax=}, or {@code null}
	 * @param mode whether to store
	 * @param name the name to store the socket under ({@code FDNAME=})
	 * @param storeSize the value of {@code $FDSTORE}, or {@code null}
	 */
	public FileDescriptorStore(SystemdNotifier notifier, SocketActivation activation, SystemdUnit unit, Mode mode,
			String name, String storeSize) {
		this.notifier = notifier;
		this.activation = activation;
		this.unit = unit;
		this.mode = mode;
		this.name = name;
		this.storeSize = storeSize;
	}

	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		if (this.mode == Mode.FALSE || event.getApplicationContext().getServerNamespace() != null) {
			return;
		}
		if (this.activation != null && this.activation.getSocket().isPresent()) {
			logger.debug("The web server serves on a socket passed by systemd; it is not stored again");
			return;
		}
		int port = event.getWebServer().getPort();
		if (port <= 0) {
			return;
		}
		WebServer server = event.getWebServer();
		if (this.mode == Mode.TRUE || storeSize() > 0) {
			store(server, port);
			return;
		}
		Thread thread = new Thread(() -> storeIfTheUnitHasAStore(server, port), "systemd-fd-store");
		thread.setDaemon(true);
		thread.start();
	}

	private long storeSize() {
		try {
			return (this.storeSize != null) ? Long.parseLong(this.storeSize.trim()) : 0;
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	void storeIfTheUnitHasAStore(WebServer server, int port) {
		Optional<UnitFacts> facts = awaitFacts();
		Long max = facts.map(UnitFacts::fileDescriptorStoreMax).orElse(null);
		if (max != null && max > 0) {
			store(server, port);
		}
		else {
			logger.debug("Not storing the web server's socket: FileDescriptorStoreMax="
					+ ((max != null) ? max : "unknown (no D-Bus)") + "; set systemd.fd-store.enabled=true to force it");
		}
	}

	private Optional<UnitFacts> awaitFacts() {
		if (this.unit == null) {
			return Optional.empty();
		}
		long deadline = System.nanoTime() + FACTS_TIMEOUT.toNanos();
		this.unit.refresh();
		while (this.unit.getFacts().isEmpty() && System.nanoTime() < deadline) {
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		return this.unit.getFacts();
	}

	void store(WebServer server, int port) {
		OptionalInt fd = ListeningSockets.findDescriptor(port);
		if (fd.isEmpty()) {
			logger.warn("Could not find the web server's listening socket for port " + port
					+ "; it is not stored in systemd's file descriptor store");
			return;
		}
		if (this.notifier.notify(Notification.of("FDSTORE", "1").and("FDNAME", this.name), fd.getAsInt())) {
			logger.info("Stored the web server's listening socket (port " + port
					+ ") in systemd's file descriptor store as '" + this.name
					+ "': restarts keep accepting connections");
			this.storedServer = server;
		}
	}

	/**
	 * Make the web server stop taking connections from the stored socket, then wait (at
	 * most a second, for idle keep-alive connections) until those it has taken are
	 * served. Does nothing when no socket was stored.
	 */
	public void release() {
		WebServer server = this.storedServer;
		this.storedServer = null;
		if (server == null) {
			return;
		}
		if (TOMCAT_PRESENT) {
			TomcatAcceptorPause.pause(server, DRAIN_TIMEOUT);
		}
	}

	/**
	 * Whether to store the socket.
	 */
	public enum Mode {

		/**
		 * Store where the service manager has a store for it.
		 */
		AUTO,

		/**
		 * Always store.
		 */
		TRUE,

		/**
		 * Never store.
		 */
		FALSE

	}

}
