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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.ClassUtils;

import io.github.springsystemd.activation.SocketActivation.Server;
import io.github.springsystemd.unit.UnitFacts;
import io.github.springsystemd.libc.NativeAccessException;
import io.github.springsystemd.libc.NativeLibc;
import io.github.springsystemd.notify.SystemdNotifier;
import io.github.springsystemd.protocol.FileDescriptorStoreMax;
import io.github.springsystemd.protocol.InvalidEnvironmentException;
import io.github.springsystemd.protocol.Notification;
import io.github.springsystemd.unit.SystemdUnit;

/**
 * Keeps the web server's listening socket, and a separate management server's, in
 * systemd's file descriptor store ({@code FDSTORE=1}), so that the next start of the
 * service gets them back through {@code LISTEN_FDS} and serves on them: while the service
 * restarts, connections wait in the sockets' backlogs instead of being refused, without a
 * {@code .socket} unit.
 * <p>
 * A socket is stored once its server has started, unless it was itself passed by systemd,
 * and is marked close-on-exec so that no child process inherits it. With
 * {@link Mode#AUTO} it is stored only where the service manager has a store for it:
 * {@code $FDSTORE} (systemd 254+) or the unit's {@code FileDescriptorStoreMax=} read over
 * D-Bus (the starter brings dbus-java); otherwise nothing is sent (systemd 252 logs an
 * error for every descriptor it cannot store). When neither tells the store size, that is
 * said once at {@code WARN}, with the setting that forces the store. A socket that the
 * known size leaves no room for (a separate management server's, beside the web server's,
 * with {@code FileDescriptorStoreMax=1}) is not sent either: a {@code WARN} names the
 * size the unit needs. An application that stops before its socket is stored stores
 * nothing.
 * <p>
 * Once a socket is stored, {@link #release(ApplicationContext)} makes the server stop
 * taking connections from it before it shuts down, and waits until those it has taken are
 * served, so that the others wait for the next start. What stops each server is handed to
 * the store by that server's customizer (see {@link #onRelease(Server, Supplier)}):
 * Tomcat's stops its connectors' acceptors, Jetty's pauses a
 * {@link PausableServerSocketChannel} and Reactor Netty's stops reading its server
 * channel.
 *
 * @since 0.1.0
 */
public final class FileDescriptorStore implements ApplicationListener<WebServerInitializedEvent> {

	private static final Log logger = LogFactory.getLog(FileDescriptorStore.class);

	private static final Duration FACTS_TIMEOUT = Duration.ofSeconds(5);

	/**
	 * The store's size when it is not known ({@link Mode#ALWAYS}).
	 */
	static final long UNKNOWN_SIZE = -1;

	private static final boolean DBUS_PRESENT = ClassUtils.isPresent(
			"org.freedesktop.dbus.connections.impl.DBusConnectionBuilder", FileDescriptorStore.class.getClassLoader());

	private final SystemdNotifier notifier;

	private final @Nullable SocketActivation activation;

	private final @Nullable SystemdUnit unit;

	private final Mode mode;

	private final String name;

	private final @Nullable String storeSize;

	private final String managementName;

	private final Map<ApplicationContext, Stored> stored = new ConcurrentHashMap<>();

	private final Map<Server, List<Supplier<Runnable>>> stopsAccepting = new ConcurrentHashMap<>();

	private final Set<Function<WebServer, Runnable>> webServerStops = new CopyOnWriteArraySet<>();

	private final AtomicBoolean storeSizeUnknownSaid = new AtomicBoolean();

	private final AtomicBoolean storeSizeInvalidSaid = new AtomicBoolean();

	/**
	 * The contexts that began to close: nothing of theirs is stored any more. Guarded by
	 * itself, which also makes storing a socket and a context's closing one after the
	 * other.
	 */
	private final Set<ApplicationContext> closing = Collections.newSetFromMap(new WeakHashMap<>());

	/**
	 * Create a new {@link FileDescriptorStore}.
	 * @param notifier the notifier
	 * @param activation the socket activation, or {@code null} when no sockets were
	 * passed
	 * @param unit the unit, to read {@code FileDescriptorStoreMax=}, or {@code null}
	 * @param mode whether to store
	 * @param name the name to store the web server's socket under ({@code FDNAME=})
	 * @param managementName the name to store a separate management server's socket under
	 * @param storeSize the value of {@code $FDSTORE}, or {@code null}
	 */
	public FileDescriptorStore(SystemdNotifier notifier, @Nullable SocketActivation activation,
			@Nullable SystemdUnit unit, Mode mode, String name, String managementName, @Nullable String storeSize) {
		this.notifier = notifier;
		this.activation = activation;
		this.unit = unit;
		this.mode = mode;
		this.name = name;
		this.managementName = managementName;
		this.storeSize = storeSize;
	}

	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		Server server = Server.of(event.getApplicationContext().getServerNamespace());
		if (this.mode == Mode.NEVER || server == null || !this.notifier.isActive()) {
			return;
		}
		if (this.activation != null && this.activation.socket(server).isPresent()) {
			logger.debug("The " + describe(server) + " serves on a socket passed by systemd; it is not stored again");
			return;
		}
		WebServer webServer = event.getWebServer();
		int port = webServer.getPort();
		if (port <= 0) {
			return;
		}
		Stored stored = new Stored(server, webServer, port);
		if (this.mode == Mode.ALWAYS) {
			store(event.getApplicationContext(), stored, UNKNOWN_SIZE);
			return;
		}
		long storeSize = storeSize();
		if (storeSize > 0) {
			store(event.getApplicationContext(), stored, storeSize);
			return;
		}
		ApplicationContext context = event.getApplicationContext();
		// the facts complete on the bus reader's or a timer's thread, which must not wait
		// for the store's work
		readFacts()
			.thenAcceptAsync((facts) -> storeIfTheUnitHasAStore(context, stored, facts),
					FileDescriptorStore::onThreadOfItsOwn)
			.exceptionally((ex) -> {
				logger.warn("Could not store the " + describe(server) + "'s listening socket", ex);
				return null;
			});
	}

	private static void onThreadOfItsOwn(Runnable task) {
		Thread thread = new Thread(task, "systemd-fd-store");
		thread.setDaemon(true);
		thread.start();
	}

	private CompletableFuture<Optional<UnitFacts>> readFacts() {
		return (this.unit != null) ? this.unit.readFacts(FACTS_TIMEOUT)
				: CompletableFuture.completedFuture(Optional.empty());
	}

	private static String describe(Server server) {
		return (server == Server.MANAGEMENT) ? "management server" : "web server";
	}

	private long storeSize() {
		try {
			return FileDescriptorStoreMax.parse(this.storeSize).orElse(0);
		}
		catch (InvalidEnvironmentException ex) {
			if (this.storeSizeInvalidSaid.compareAndSet(false, true)) {
				logger
					.warn(ex.getMessage() + " (systemd sets it to the unit's FileDescriptorStoreMax=); it is ignored");
			}
			return 0;
		}
	}

	void storeIfTheUnitHasAStore(ApplicationContext context, Stored stored, Optional<UnitFacts> facts) {
		if (context instanceof ConfigurableApplicationContext configurable && !configurable.isActive()) {
			return;
		}
		Long max = facts.map(UnitFacts::fileDescriptorStoreMax).orElse(null);
		if (max == null) {
			warnStoreSizeUnknown(stored);
		}
		else if (max > 0) {
			store(context, stored, max);
		}
		else {
			logger.debug("Not storing the " + describe(stored.server())
					+ "'s socket: the unit has FileDescriptorStoreMax=0; set systemd.fd-store.mode=always to force it");
		}
	}

	private void warnStoreSizeUnknown(Stored stored) {
		if (!this.storeSizeUnknownSaid.compareAndSet(false, true)) {
			return;
		}
		String reason = DBUS_PRESENT ? "the D-Bus system bus could not be asked"
				: "dbus-java (com.github.hypfvieh:dbus-java-transport-native-unixsocket) is not on the classpath";
		String variable = (this.storeSize != null) ? "$FDSTORE '" + this.storeSize + "' is not a positive number"
				: "no $FDSTORE, which systemd sets from 254 on,";
		logger.warn("Could not learn the unit's FileDescriptorStoreMax= (" + variable + " and " + reason + "), so the "
				+ describe(stored.server())
				+ "'s listening socket is not kept in systemd's file descriptor store: if the unit has one, restarts "
				+ "refuse connections. Set systemd.fd-store.mode=always when the unit sets FileDescriptorStoreMax=, "
				+ "or never to silence this");
	}

	/**
	 * Store a server's socket, unless its application began to close or the store, of the
	 * given size, is full.
	 * @param context the server's application context
	 * @param stored the server
	 * @param max the store's size ({@code FileDescriptorStoreMax=}), or
	 * {@link #UNKNOWN_SIZE}
	 */
	void store(ApplicationContext context, Stored stored, long max) {
		String what = describe(stored.server());
		synchronized (this.closing) {
			if (this.closing.contains(context)
					|| (context.getParent() != null && this.closing.contains(context.getParent()))) {
				logger.debug("Not storing the " + what + "'s listening socket: the application is stopping");
				return;
			}
			List<String> held = held(stored.server());
			if (max != UNKNOWN_SIZE && held.size() >= max) {
				logger.warn("The unit's FileDescriptorStoreMax=" + max + " is full (it holds the "
						+ String.join(" and the ", held) + "'s listening socket), so the " + what
						+ "'s listening socket (port " + stored.port()
						+ ") is not stored and restarts refuse its connections: set FileDescriptorStoreMax="
						+ (held.size() + 1) + ", one for each server that binds its own port");
				return;
			}
			OptionalInt fd = TcpSocketTable.findDescriptor(stored.port());
			if (fd.isEmpty()) {
				logger.warn("Could not find the " + what + "'s listening socket for port " + stored.port()
						+ "; it is not stored in systemd's file descriptor store");
				return;
			}
			closeOnExec(fd.getAsInt());
			String name = (stored.server() == Server.MANAGEMENT) ? this.managementName : this.name;
			if (this.notifier.notify(Notification.of("FDSTORE", "1").and("FDNAME", name), fd.getAsInt())) {
				logger.info("Stored the " + what + "'s listening socket (port " + stored.port()
						+ ") in systemd's file descriptor store as '" + name
						+ "': restarts keep accepting connections");
				this.stored.put(context, stored);
			}
		}
	}

	/**
	 * The servers whose sockets the store holds, as far as this process knows, or takes
	 * first: those it stored, the web server's when it came back from the store under its
	 * name (a management socket of the store's name may come from a socket unit as well),
	 * and, for the management server's, the web server's that is still to be stored (over
	 * D-Bus, the two stores may run in either order).
	 */
	private List<String> held(Server storing) {
		List<String> held = new ArrayList<>();
		boolean application = this.activation != null && this.activation.socket(Server.APPLICATION)
			.filter((socket) -> socket.name().equals(this.name))
			.isPresent();
		for (Stored stored : this.stored.values()) {
			application |= stored.server() == Server.APPLICATION;
			if (stored.server() != Server.APPLICATION) {
				held.add(describe(stored.server()));
			}
		}
		if (application || (storing == Server.MANAGEMENT && mayStore(Server.APPLICATION))) {
			held.add(0, describe(Server.APPLICATION));
		}
		return held;
	}

	/**
	 * Mark the socket close-on-exec: the JDK opens its sockets inheritable and only its
	 * own process launcher closes them in children.
	 */
	private static void closeOnExec(int fd) {
		try {
			new LibcSocketInspector(NativeLibc.get()).closeOnExec(fd);
		}
		catch (NativeAccessException ex) {
			logger.debug("Could not mark the stored socket close-on-exec: " + ex);
		}
	}

	/**
	 * Return whether a server binds its socket itself, so that the socket may be stored:
	 * the store is not turned off, notifications are enabled, and systemd passed no
	 * socket for that server.
	 * <p>
	 * Internal to the starter: not a public API (for its auto-configuration and web
	 * server adapters).
	 * @param server the server
	 * @return whether the server's own socket may be stored
	 */
	public boolean mayStore(Server server) {
		return this.mode != Mode.NEVER && this.notifier.isActive()
				&& (this.activation == null || this.activation.socket(server).isEmpty());
	}

	/**
	 * Add what makes a server stop taking connections from its stored socket, run by
	 * {@link #release(ApplicationContext)} when that server's socket was stored.
	 * <p>
	 * Internal to the starter: not a public API (for its auto-configuration and web
	 * server adapters).
	 * @param server the server
	 * @param stopAccepting stops the server taking connections, and returns only once a
	 * connection taken before is open in this process; returns what pauses it once the
	 * connections it has taken are served
	 */
	public void onRelease(Server server, Supplier<Runnable> stopAccepting) {
		this.stopsAccepting.computeIfAbsent(server, (key) -> new CopyOnWriteArrayList<>()).add(stopAccepting);
	}

	/**
	 * Add what makes a kind of web server stop taking connections from its stored socket,
	 * found from the started web server whatever its factory did, and run by
	 * {@link #release(ApplicationContext)} before what
	 * {@link #onRelease(Server, Supplier)} added. Adding the same function again has no
	 * effect.
	 * <p>
	 * Internal to the starter: not a public API (for its auto-configuration and web
	 * server adapters).
	 * @param stopAccepting stops a web server of its kind taking connections, and returns
	 * only once a connection taken before is open in this process; returns what pauses it
	 * once the connections it has taken are served, or a no-op for another kind of web
	 * server
	 */
	public void onRelease(Function<WebServer, Runnable> stopAccepting) {
		this.webServerStops.add(stopAccepting);
	}

	/**
	 * Make the web server of a context stop taking connections from its stored socket,
	 * then wait (at most a second, for idle keep-alive connections) until those it has
	 * taken are served. Does nothing when no socket of that context was stored. From then
	 * on, no socket of that context or of its children is stored.
	 * <p>
	 * Internal to the starter: not a public API (for its auto-configuration and web
	 * server adapters).
	 * @param context the context that is closing
	 */
	public void release(ApplicationContext context) {
		Stored stored;
		synchronized (this.closing) {
			this.closing.add(context);
			stored = this.stored.remove(context);
		}
		if (stored == null) {
			return;
		}
		SocketRelease release = new SocketRelease(
				"the " + describe(stored.server()) + "'s stored socket (port " + stored.port() + ")", stored.port());
		for (Function<WebServer, Runnable> stop : this.webServerStops) {
			release.add(() -> stop.apply(stored.webServer()));
		}
		List<Supplier<Runnable>> stops = this.stopsAccepting.remove(stored.server());
		if (stops != null) {
			stops.forEach(release::add);
		}
		release.run();
	}

	/**
	 * A web server whose socket is stored.
	 *
	 * @param server which server it is
	 * @param webServer the web server
	 * @param port its port
	 */
	record Stored(Server server, WebServer webServer, int port) {

	}

	/**
	 * Whether to store the socket, the values of {@code systemd.fd-store.mode}.
	 */
	public enum Mode {

		/**
		 * Store it where the service manager has a store for it: {@code $FDSTORE}
		 * (systemd 254+) or the unit's {@code FileDescriptorStoreMax=}, read over D-Bus,
		 * is above 0. When neither can be learned, nothing is stored and a {@code WARN}
		 * says so.
		 */
		AUTO,

		/**
		 * Store it without asking the service manager, for a unit that sets
		 * {@code FileDescriptorStoreMax=} where its size cannot be learned (systemd 252
		 * without D-Bus). systemd logs an error for a socket it has no room for.
		 */
		ALWAYS,

		/**
		 * Never store it.
		 */
		NEVER

	}

}
