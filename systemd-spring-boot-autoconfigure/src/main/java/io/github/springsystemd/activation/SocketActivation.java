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
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import io.github.springsystemd.libc.NativeAccessException;
import io.github.springsystemd.libc.NativeLibc;
import io.github.springsystemd.protocol.InvalidEnvironmentException;
import io.github.springsystemd.protocol.ListenFd;
import io.github.springsystemd.protocol.ListenFds;

/**
 * The listening sockets that the service manager passed for the web server and the
 * management server, from a {@code .socket} unit or the file descriptor store
 * ({@code LISTEN_FDS}, {@code LISTEN_PID}, {@code LISTEN_FDNAMES}).
 * <p>
 * Every passed descriptor is checked: it must be a listening TCP socket. The one named by
 * {@code systemd.socket-activation.management-fd-name} serves a separate management
 * server. Of the others, the application is served on the one named by
 * {@code systemd.socket-activation.fd-name}, else on the one the file descriptor store
 * passed back under {@code systemd.fd-store.fd-name}, else on the only one. What cannot
 * be used is logged at {@code WARN} with the reason, and the web server then binds
 * {@code server.port} as usual. Every passed descriptor is marked close-on-exec at once,
 * so child processes do not inherit them.
 * <p>
 * Each socket is served as a channel of its own, over a close-on-exec descriptor above
 * the standard streams: no passed socket is ever moved to standard input, where a child
 * process started with {@link ProcessBuilder#inheritIO()} would inherit it.
 * <p>
 * Without {@code LISTEN_FDS}, a listening TCP socket on standard input (inetd-style
 * activation, {@code StandardInput=socket}) serves the application: it is moved off
 * standard input, which then reads {@code /dev/null}, as do standard output and error
 * where they are the same socket.
 *
 * @since 0.1.0
 */
public final class SocketActivation {

	private static final Log logger = LogFactory.getLog(SocketActivation.class);

	/**
	 * How many passed descriptors that cannot be served on are named one by one; the rest
	 * are counted in one line.
	 */
	private static final int MAX_UNUSABLE_NAMED = 5;

	private static final SocketActivation NONE = new SocketActivation(null, null, null);

	private static final int STANDARD_INPUT = 0;

	private static final int STANDARD_ERROR = 2;

	private static final String STANDARD_INPUT_NAME = "stdin";

	private final @Nullable ListenSocket socket;

	private final @Nullable ListenSocket managementSocket;

	private final @Nullable SocketInspector inspector;

	private final @Nullable SocketRelease release;

	private final @Nullable SocketRelease managementRelease;

	private final Set<Server> opened = EnumSet.noneOf(Server.class);

	private final List<Runnable> readyActions = new ArrayList<>();

	private final Set<Server> held = EnumSet.noneOf(Server.class);

	private boolean acceptWhenReady;

	private boolean ready;

	private SocketActivation(@Nullable ListenSocket socket, @Nullable ListenSocket managementSocket,
			@Nullable SocketInspector inspector) {
		this.socket = socket;
		this.managementSocket = managementSocket;
		this.inspector = inspector;
		this.release = releaseOf(socket);
		this.managementRelease = releaseOf(managementSocket);
	}

	private static @Nullable SocketRelease releaseOf(@Nullable ListenSocket socket) {
		return (socket != null) ? new SocketRelease(socket.toString(), socket.address().getPort()) : null;
	}

	/**
	 * Return whether standard input is a socket, as it is with inetd-style activation
	 * ({@code StandardInput=socket} in {@code systemd.exec(5)}). Reads
	 * {@code /proc/self/fd/0}; no native code.
	 * @return whether standard input is a socket
	 */
	public static boolean isStandardInputSocket() {
		return TcpSocketTable.isStandardInputSocket();
	}

	/**
	 * Return the socket activation for this process.
	 * <p>
	 * Internal to the starter: not a public API (for its auto-configuration and web
	 * server adapters).
	 * @param fds the value of {@code LISTEN_FDS}, or {@code null} to take a listening TCP
	 * socket on standard input ({@code StandardInput=socket}) if there is one
	 * @param pid the value of {@code LISTEN_PID}
	 * @param names the value of {@code LISTEN_FDNAMES}
	 * @param fdName the name of the socket for the web server, or {@code null} to take
	 * the one stored under {@code storedFdName}, or else the only one passed
	 * @param storedFdName the name the web server's socket is stored under in the file
	 * descriptor store, which serves the web server when no socket is named
	 * {@code fdName}, or {@code null} for none
	 * @param managementFdName the name of the socket for a separate management server, or
	 * {@code null} for none
	 * @return the socket activation, which may have no socket
	 */
	public static SocketActivation resolve(@Nullable String fds, @Nullable String pid, @Nullable String names,
			@Nullable String fdName, @Nullable String storedFdName, @Nullable String managementFdName) {
		return resolve(fds, pid, names, fdName, storedFdName, managementFdName, ProcessHandle.current().pid(),
				NativeInspector::get, TcpSocketTable::describeDescriptor);
	}

	static SocketActivation resolve(@Nullable String fds, @Nullable String pid, @Nullable String names,
			@Nullable String fdName, @Nullable String storedFdName, @Nullable String managementFdName, long ownPid,
			Supplier<@Nullable SocketInspector> inspectors, IntFunction<@Nullable String> descriptors) {
		if (fds == null) {
			return resolveStandardInput(inspectors, descriptors);
		}
		List<ListenFd> passed;
		try {
			passed = ListenFds.parse(fds, pid, names, ownPid);
		}
		catch (InvalidEnvironmentException ex) {
			logger.warn(ex.getMessage() + "; socket activation is off and the web server binds server.port");
			return NONE;
		}
		if (passed.isEmpty()) {
			warnIfPassedToAnotherProcess(fds, pid, ownPid);
			return NONE;
		}
		SocketInspector inspector = inspectors.get();
		if (inspector == null) {
			return NONE;
		}
		List<ListenSocket> usable = new ArrayList<>();
		List<SocketInspector.Description> descriptions = new ArrayList<>();
		int unusableAtEnd = 0;
		for (ListenFd fd : passed) {
			SocketInspector.Description description = inspector.describe(fd.fd());
			descriptions.add(description);
			InetSocketAddress address = description.address();
			if (address != null) {
				usable.add(new ListenSocket(fd.fd(), fd.name(), address));
			}
			// a socket of another kind was passed on purpose; past the passed sockets,
			// the descriptors are files or closed
			unusableAtEnd = description.socket() ? 0 : unusableAtEnd + 1;
		}
		// without names to confirm the count, the last descriptors that are no sockets
		// may not have been passed at all
		int suspected = (names == null) ? unusableAtEnd : 0;
		int unusable = 0;
		for (int i = 0; i < passed.size(); i++) {
			SocketInspector.Description description = descriptions.get(i);
			if (description.usable() || ++unusable > MAX_UNUSABLE_NAMED) {
				continue;
			}
			ListenFd fd = passed.get(i);
			String which = (i >= passed.size() - suspected) ? "Fd " + fd.fd() + ", counted by LISTEN_FDS,"
					: "Passed fd " + fd.fd() + " '" + fd.name() + "'";
			logger.warn(which + " " + description.problem() + "; it is not used");
		}
		if (unusable > MAX_UNUSABLE_NAMED) {
			logger.warn((unusable - MAX_UNUSABLE_NAMED) + " more of the " + passed.size() + " descriptors of "
					+ ListenFds.FDS_VARIABLE + "=" + fds + " are not used either");
		}
		if (suspected > 0) {
			warnCountMayBeTooHigh(passed, suspected);
		}
		ListenSocket management = usable.stream()
			.filter((socket) -> socket.name().equals(managementFdName))
			.findFirst()
			.orElse(null);
		List<ListenSocket> candidates = usable.stream().filter((socket) -> socket != management).toList();
		Choice choice = choose(candidates, fdName, storedFdName, passed.stream().map(ListenFd::name).toList(),
				management != null);
		choice.log();
		ListenSocket chosen = choice.socket();
		for (ListenFd fd : passed) {
			inspector.closeOnExec(fd.fd());
		}
		if (chosen != null) {
			logger.info("Serving on the socket passed by systemd: " + chosen);
		}
		if (management != null) {
			logger.info("The management server serves on the socket passed by systemd: " + management);
		}
		return (chosen != null || management != null) ? new SocketActivation(chosen, management, inspector) : NONE;
	}

	/**
	 * Say that {@code LISTEN_FDS} may count more descriptors than were passed, when the
	 * last ones are not sockets or not open and no {@code LISTEN_FDNAMES} confirms the
	 * count (systemd sets it from version 227 on, {@code systemd-socket-activate} only
	 * with {@code --fdname}): past the passed sockets, the descriptors are the JVM's own
	 * (its jar files), and each alone reads like a misconfigured socket.
	 */
	private static void warnCountMayBeTooHigh(List<ListenFd> passed, int unusableAtEnd) {
		String fds = Integer.toString(passed.size());
		int last = passed.get(passed.size() - 1).fd();
		int first = last - unusableAtEnd + 1;
		String which = (unusableAtEnd == 1) ? "fd " + last : "fds " + first + "-" + last;
		int sockets = passed.size() - unusableAtEnd;
		String fewer = switch (sockets) {
			case 0 -> "if none was passed, " + ListenFds.FDS_VARIABLE + " must not be set";
			case 1 -> "if only fd " + ListenFds.FIRST_FD + " was passed, " + ListenFds.FDS_VARIABLE + " must be 1";
			default ->
				"if only " + sockets + " descriptors were passed, " + ListenFds.FDS_VARIABLE + " must be " + sockets;
		};
		logger.warn(which + ", the last " + ((unusableAtEnd == 1) ? "descriptor" : unusableAtEnd + " descriptors")
				+ " that " + ListenFds.FDS_VARIABLE + "=" + fds + " counts, "
				+ ((unusableAtEnd == 1) ? "is not an open socket" : "are not open sockets") + ", and "
				+ ListenFds.NAMES_VARIABLE + " is not set: " + fewer + ". It counts the descriptors passed from fd "
				+ ListenFds.FIRST_FD + " on (sd_listen_fds(3)); any past them are this process's own");
	}

	/**
	 * Say why sockets that systemd passed are not used when {@code LISTEN_PID} names
	 * another process, as it does for a JVM that a launch script starts without
	 * {@code exec}: {@code sd_listen_fds(3)} ignores them, and the web server binds
	 * {@code server.port} instead.
	 */
	private static void warnIfPassedToAnotherProcess(String fds, @Nullable String pid, long ownPid) {
		if (fds.trim().equals("0")) {
			return;
		}
		if (pid == null) {
			logger.warn(ListenFds.FDS_VARIABLE + "=" + fds + " is set without " + ListenFds.PID_VARIABLE
					+ "; the passed sockets are not used and the web server binds server.port");
		}
		else if (!pid.trim().equals(Long.toString(ownPid)) && isJavaProcess(pid)) {
			logger.debug(ListenFds.PID_VARIABLE + "=" + pid + " names the JVM this one inherited "
					+ ListenFds.FDS_VARIABLE + "=" + fds + " from; the sockets are its own, not this process's");
		}
		else if (!pid.trim().equals(Long.toString(ownPid))) {
			logger.warn(ListenFds.PID_VARIABLE + "=" + pid + " names another process than this one (" + ownPid
					+ "), so the sockets of " + ListenFds.FDS_VARIABLE + "=" + fds
					+ " are not used and the web server binds server.port. A launch script must 'exec java' "
					+ "so that the JVM is the process systemd started");
		}
	}

	/**
	 * Return whether the process with the given pid runs a JVM, as a parent application
	 * that starts this one does; a launch script is a shell.
	 */
	private static boolean isJavaProcess(String pid) {
		try {
			return ProcessHandle.of(Long.parseLong(pid.trim()))
				.flatMap((process) -> process.info().command())
				.map((command) -> command.endsWith("/java") || command.equals("java"))
				.orElse(false);
		}
		catch (NumberFormatException | SecurityException | UnsupportedOperationException ex) {
			return false;
		}
	}

	/**
	 * Take a listening TCP socket on standard input, as {@code StandardInput=socket}
	 * passes it without {@code LISTEN_FDS}. Reads only {@code /proc/self/fd} unless
	 * standard input is a socket.
	 */
	private static SocketActivation resolveStandardInput(Supplier<@Nullable SocketInspector> inspectors,
			IntFunction<@Nullable String> descriptors) {
		String input = descriptors.apply(STANDARD_INPUT);
		if (input == null || !input.startsWith("socket:")) {
			return NONE;
		}
		SocketInspector inspector = inspectors.get();
		if (inspector == null) {
			return NONE;
		}
		SocketInspector.Description description = inspector.describe(STANDARD_INPUT);
		InetSocketAddress address = description.address();
		if (address == null) {
			logger.debug("Standard input " + description.problem() + "; it is not served");
			return NONE;
		}
		ListenSocket socket = new ListenSocket(STANDARD_INPUT, STANDARD_INPUT_NAME, address);
		List<String> streams = new ArrayList<>();
		for (int stream = STANDARD_INPUT + 1; stream <= STANDARD_ERROR; stream++) {
			if (input.equals(descriptors.apply(stream))) {
				inspector.release(stream);
				streams.add((stream == STANDARD_ERROR) ? "error" : "output");
			}
		}
		logger.info("Serving on the listening socket passed as standard input (StandardInput=socket): " + socket);
		if (!streams.isEmpty()) {
			logger.warn("Standard " + String.join(" and ", streams) + " were the listening socket too "
					+ "(StandardInput=socket makes StandardOutput= default to inherit), so what was written there was "
					+ "lost; they now write to /dev/null. Add StandardOutput=journal to the unit, or pass the socket "
					+ "with a .socket unit and without StandardInput=socket");
		}
		return new SocketActivation(socket, null, inspector);
	}

	/**
	 * Choose the socket the web server serves on, without side effects: the one named
	 * {@code systemd.socket-activation.fd-name}, else the one stored under
	 * {@code systemd.fd-store.fd-name}, else the only one.
	 * @param candidates the usable sockets, the management server's set apart
	 * @param fdName {@code systemd.socket-activation.fd-name}, or {@code null}
	 * @param storedFdName {@code systemd.fd-store.fd-name}, or {@code null} when nothing
	 * is stored
	 * @param passedNames the names of every passed socket, for the messages
	 * @param management whether a socket was set apart for the management server
	 * @return the choice and what to say about it
	 */
	static Choice choose(List<ListenSocket> candidates, @Nullable String fdName, @Nullable String storedFdName,
			List<String> passedNames, boolean management) {
		Optional<ListenSocket> named = named(candidates, fdName);
		if (named.isPresent()) {
			return Choice.quietly(named.get());
		}
		String names = quoted(passedNames);
		String listening = quoted(candidates.stream().map(ListenSocket::name).toList());
		Optional<ListenSocket> stored = named(candidates, storedFdName);
		if (stored.isPresent()) {
			String storedUnder = "the socket stored under '" + storedFdName + "' (systemd.fd-store.fd-name)";
			if (fdName != null) {
				return Choice.warning(stored.get(),
						"No usable passed socket is named '" + fdName
								+ "' (systemd.socket-activation.fd-name); passed: " + names
								+ ". The web server serves on " + storedUnder);
			}
			if (candidates.size() > 1) {
				return new Choice(stored.get(), candidates.size() + " listening sockets were passed for the web "
						+ "server (" + listening + "); it serves on " + storedUnder, false);
			}
			return Choice.quietly(stored.get());
		}
		if (fdName != null) {
			return Choice.warning(null, "No usable passed socket is named '" + fdName
					+ "' (systemd.socket-activation.fd-name); passed: " + names + ". The web server binds server.port");
		}
		if (candidates.size() > 1) {
			return Choice.warning(null,
					candidates.size() + " listening sockets were passed for the web server (" + listening
							+ "); set systemd.socket-activation.fd-name to the one for the web server. "
							+ "The web server binds server.port");
		}
		if (candidates.isEmpty()) {
			return management ? Choice.quietly(null) : Choice.warning(null,
					"None of the passed sockets (" + names + ") can serve; the web server binds server.port");
		}
		return Choice.quietly(candidates.get(0));
	}

	private static String quoted(List<String> names) {
		return names.stream().collect(Collectors.joining("', '", "'", "'"));
	}

	private static Optional<ListenSocket> named(List<ListenSocket> candidates, @Nullable String name) {
		return candidates.stream().filter((socket) -> socket.name().equals(name)).findFirst();
	}

	/**
	 * Return the socket the web server serves on.
	 * @return the socket, or empty when none was passed or none can be used
	 */
	public Optional<ListenSocket> getSocket() {
		return Optional.ofNullable(this.socket);
	}

	/**
	 * Return the socket a separate management server serves on.
	 * @return the socket, or empty when none was passed under the management name
	 */
	public Optional<ListenSocket> getManagementSocket() {
		return Optional.ofNullable(this.managementSocket);
	}

	/**
	 * Open a JDK channel over the socket of a server. The JDK hands out only standard
	 * input as a channel over a passed socket; so a channel is bound to an ephemeral
	 * loopback port and its descriptor then replaced, close-on-exec, by the passed
	 * socket, whose own descriptor is released. The channel accepts from and closes the
	 * passed socket, but still reports the loopback address: use
	 * {@link ListenSocket#address()} for the real one. Can be called once per server.
	 * <p>
	 * Internal to the starter: not a public API (for its auto-configuration and web
	 * server adapters).
	 * @param server the server
	 * @return the channel, in blocking mode
	 * @throws IllegalStateException if there is no socket for that server or it was
	 * opened already
	 * @throws UncheckedIOException if the channel cannot be opened
	 */
	public synchronized ServerSocketChannel openJdkChannel(Server server) {
		ListenSocket socket = socket(server).orElse(null);
		SocketInspector inspector = this.inspector;
		if (socket == null || inspector == null) {
			throw new IllegalStateException("No socket was passed for the " + describe(server));
		}
		if (this.opened.contains(server)) {
			throw new IllegalStateException("The socket " + socket + " is served already");
		}
		boolean ipv6 = socket.address().getAddress() instanceof Inet6Address;
		try {
			ServerSocketChannel channel = ServerSocketChannel
				.open(ipv6 ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
			try {
				InetAddress loopback = InetAddress.getByName(ipv6 ? "::1" : "127.0.0.1");
				channel.bind(new InetSocketAddress(loopback, 0), 1);
				int port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
				int fd = TcpSocketTable.findDescriptor(port)
					.orElseThrow(() -> new IOException("Cannot find the descriptor of the channel on port " + port));
				inspector.replace(socket.fd(), fd);
				this.opened.add(server);
				return channel;
			}
			catch (IOException | RuntimeException ex) {
				channel.close();
				throw ex;
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not open the socket passed by systemd for the " + describe(server),
					ex);
		}
	}

	private static String describe(Server server) {
		return (server == Server.MANAGEMENT) ? "management server" : "web server";
	}

	/**
	 * Make the servers take connections from their passed sockets only once
	 * {@link #ready()} is called: connections that arrive while the application starts
	 * wait in the socket's backlog, or are taken by another process serving on the same
	 * socket. Must be called before the servers open their sockets.
	 * <p>
	 * Internal to the starter: not a public API (for its auto-configuration and web
	 * server adapters).
	 * @param acceptWhenReady whether to take connections only once ready
	 */
	public synchronized void setAcceptWhenReady(boolean acceptWhenReady) {
		this.acceptWhenReady = acceptWhenReady;
	}

	/**
	 * Return whether the servers take connections only once {@link #ready()} is called.
	 * @return whether connections are held until the application is ready
	 */
	public synchronized boolean isAcceptWhenReady() {
		return this.acceptWhenReady;
	}

	/**
	 * Return whether the application's web server (not a separate management server)
	 * serves on a passed socket and takes its connections only once the application is
	 * ready, and it is not ready yet.
	 * <p>
	 * Internal to the starter: not a public API (for its auto-configuration and web
	 * server adapters).
	 * @return whether the application's connections are held
	 */
	public synchronized boolean isHoldingApplication() {
		return !this.ready && this.held.contains(Server.APPLICATION);
	}

	/**
	 * Let the servers take connections from their passed sockets, when they were held
	 * until the application is ready; a server that stopped taking them since (see
	 * {@link #release(Server)}) stays stopped. Does nothing the second time.
	 * <p>
	 * Internal to the starter: not a public API (for its auto-configuration and web
	 * server adapters).
	 */
	public void ready() {
		List<Runnable> actions;
		synchronized (this) {
			if (this.ready) {
				return;
			}
			this.ready = true;
			actions = List.copyOf(this.readyActions);
			this.readyActions.clear();
		}
		for (Runnable action : actions) {
			try {
				action.run();
			}
			catch (RuntimeException ex) {
				logger.warn("Could not let the web server take connections from the socket passed by systemd (" + ex
						+ "); requests wait until it stops");
			}
		}
		if (!actions.isEmpty()) {
			logger.debug("The application is ready: taking connections from the socket passed by systemd");
		}
	}

	/**
	 * Hold a server's connections until {@link #ready()}, if the servers take connections
	 * only once ready.
	 * <p>
	 * Internal to the starter: not a public API (for its auto-configuration and web
	 * server adapters).
	 * @param server the server
	 * @param hold stops the server taking connections, run now
	 * @param accept lets it take them, run once ready unless the server was released
	 * first
	 */
	public void holdUntilReady(Server server, Runnable hold, Runnable accept) {
		synchronized (this) {
			if (!this.acceptWhenReady || this.ready) {
				return;
			}
			hold.run();
			this.held.add(server);
			SocketRelease release = releaseFor(server);
			this.readyActions.add(() -> {
				if (release == null || !release.isReleased()) {
					accept.run();
				}
			});
		}
	}

	private @Nullable SocketRelease releaseFor(Server server) {
		return (server == Server.MANAGEMENT) ? this.managementRelease : this.release;
	}

	/**
	 * Return whether a server serves on its passed socket: whether it has opened it.
	 * @param server which server of the application
	 * @return whether it serves on a passed socket
	 */
	public synchronized boolean isServing(Server server) {
		return this.opened.contains(server);
	}

	/**
	 * Say at {@code WARN} when a management socket was passed but nothing serves on it,
	 * because there is no separate management server.
	 * <p>
	 * Internal to the starter: not a public API (for its auto-configuration and web
	 * server adapters).
	 */
	public synchronized void warnIfManagementSocketUnused() {
		if (this.managementSocket != null && !this.opened.contains(Server.MANAGEMENT)) {
			logger.warn("The socket " + this.managementSocket
					+ " was passed for a separate management server, but there is none (management.server.port "
					+ "is not set to a port of its own); nothing serves on it");
		}
	}

	/**
	 * Return the socket a server serves on.
	 * @param server the server
	 * @return the socket, or empty when none was passed for that server or it cannot be
	 * used
	 */
	public Optional<ListenSocket> socket(Server server) {
		return (server == Server.MANAGEMENT) ? getManagementSocket() : getSocket();
	}

	/**
	 * Add what makes a server stop taking connections from its passed socket, run by
	 * {@link #release(Server)}.
	 * <p>
	 * Internal to the starter: not a public API (for its auto-configuration and web
	 * server adapters).
	 * @param server the server
	 * @param stopAccepting stops the server taking connections and returns what pauses it
	 * once the connections it has already taken are served
	 */
	public void onRelease(Server server, Supplier<Runnable> stopAccepting) {
		SocketRelease release = (server == Server.MANAGEMENT) ? this.managementRelease : this.release;
		if (release != null) {
			release.add(stopAccepting);
		}
	}

	/**
	 * Stop a server taking connections from its passed socket, so that connections that
	 * arrive while the application shuts down wait in the socket's backlog for the next
	 * start instead of being taken by a server that is about to stop, then wait (at most
	 * a second, for idle keep-alive connections) until the connections already taken are
	 * served. Does nothing the second time.
	 * <p>
	 * Internal to the starter: not a public API (for its auto-configuration and web
	 * server adapters).
	 * @param server the server whose context is closing
	 */
	public void release(Server server) {
		SocketRelease release = (server == Server.MANAGEMENT) ? this.managementRelease : this.release;
		if (release != null) {
			release.run();
		}
	}

	/**
	 * The servers a passed socket can be for.
	 */
	public enum Server {

		/**
		 * The application's web server.
		 */
		APPLICATION,

		/**
		 * A separate management server ({@code management.server.port}).
		 */
		MANAGEMENT;

		private static final String MANAGEMENT_NAMESPACE = "management";

		/**
		 * Return the server of a web server's context.
		 * @param serverNamespace the context's server namespace
		 * @return the server, or {@code null} for a server that is neither
		 */
		public static @Nullable Server of(@Nullable String serverNamespace) {
			if (serverNamespace == null) {
				return APPLICATION;
			}
			return MANAGEMENT_NAMESPACE.equals(serverNamespace) ? MANAGEMENT : null;
		}

	}

	/**
	 * Loads the native inspector only when descriptors were actually passed.
	 */
	private static final class NativeInspector {

		static @Nullable SocketInspector get() {
			try {
				return new LibcSocketInspector(NativeLibc.get());
			}
			catch (NativeAccessException ex) {
				logger.debug("Sockets were passed (LISTEN_FDS) but native access is not available; "
						+ "the web server binds server.port", ex);
				return null;
			}
		}

	}

	/**
	 * Which passed socket the web server serves on, and what to say about it.
	 *
	 * @param socket the socket, or {@code null} when the web server binds
	 * {@code server.port}
	 * @param message what to log, or {@code null} for nothing
	 * @param warning whether the message is logged at {@code WARN} rather than
	 * {@code INFO}
	 */
	record Choice(@Nullable ListenSocket socket, @Nullable String message, boolean warning) {

		static Choice quietly(@Nullable ListenSocket socket) {
			return new Choice(socket, null, false);
		}

		static Choice warning(@Nullable ListenSocket socket, String message) {
			return new Choice(socket, message, true);
		}

		void log() {
			if (this.message != null && this.warning) {
				logger.warn(this.message);
			}
			else if (this.message != null) {
				logger.info(this.message);
			}
		}

	}

}
