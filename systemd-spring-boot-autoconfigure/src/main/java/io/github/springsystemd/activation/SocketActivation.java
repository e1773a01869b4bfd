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
import java.nio.channels.Channel;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

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
 * server; of the others, the only one, or the one named by
 * {@code systemd.socket-activation.fd-name}, serves the application. What cannot be used
 * is logged at {@code WARN} with the reason, and the web server then binds
 * {@code server.port} as usual. Descriptors that are not used are marked close-on-exec,
 * so child processes do not inherit them.
 *
 * @since 0.1.0
 */
public final class SocketActivation {

	private static final Log logger = LogFactory.getLog(SocketActivation.class);

	private static final SocketActivation NONE = new SocketActivation(null, null, null);

	private final ListenSocket socket;

	private final ListenSocket managementSocket;

	private final SocketInspector inspector;

	private final SocketRelease release;

	private final SocketRelease managementRelease;

	private boolean inherited;

	private boolean managementOpened;

	private SocketActivation(ListenSocket socket, ListenSocket managementSocket, SocketInspector inspector) {
		this.socket = socket;
		this.managementSocket = managementSocket;
		this.inspector = inspector;
		this.release = releaseOf(socket);
		this.managementRelease = releaseOf(managementSocket);
	}

	private static SocketRelease releaseOf(ListenSocket socket) {
		return (socket != null) ? new SocketRelease(socket.toString(), socket.address().getPort()) : null;
	}

	/**
	 * Return the socket activation for this process.
	 * @param fds the value of {@code LISTEN_FDS}
	 * @param pid the value of {@code LISTEN_PID}
	 * @param names the value of {@code LISTEN_FDNAMES}
	 * @param fdName the name of the socket for the web server, or {@code null} to take
	 * the only one passed
	 * @param managementFdName the name of the socket for a separate management server, or
	 * {@code null} for none
	 * @return the socket activation, which may have no socket
	 */
	public static SocketActivation resolve(String fds, String pid, String names, String fdName,
			String managementFdName) {
		return resolve(fds, pid, names, fdName, managementFdName, ProcessHandle.current().pid(), NativeInspector::get);
	}

	static SocketActivation resolve(String fds, String pid, String names, String fdName, String managementFdName,
			long ownPid, Supplier<SocketInspector> inspectors) {
		List<ListenFd> passed;
		try {
			passed = ListenFds.parse(fds, pid, names, ownPid);
		}
		catch (InvalidEnvironmentException ex) {
			logger.warn(ex.getMessage() + "; socket activation is off and the web server binds server.port");
			return NONE;
		}
		if (passed.isEmpty()) {
			return NONE;
		}
		SocketInspector inspector = inspectors.get();
		if (inspector == null) {
			return NONE;
		}
		List<ListenSocket> usable = new ArrayList<>();
		for (ListenFd fd : passed) {
			SocketInspector.Description description = inspector.describe(fd.fd());
			if (description.usable()) {
				usable.add(new ListenSocket(fd.fd(), fd.name(), description.address()));
			}
			else {
				logger.warn(
						"Passed fd " + fd.fd() + " '" + fd.name() + "' " + description.problem() + "; it is not used");
			}
		}
		ListenSocket management = usable.stream()
			.filter((socket) -> socket.name().equals(managementFdName))
			.findFirst()
			.orElse(null);
		List<ListenSocket> candidates = usable.stream().filter((socket) -> socket != management).toList();
		ListenSocket chosen = choose(candidates, fdName, passed, management != null);
		for (ListenFd fd : passed) {
			if (chosen == null || fd.fd() != chosen.fd()) {
				inspector.closeOnExec(fd.fd());
			}
		}
		if (chosen != null) {
			logger.info("Serving on the socket passed by systemd: " + chosen);
		}
		if (management != null) {
			logger.info("The management server serves on the socket passed by systemd: " + management);
		}
		return (chosen != null || management != null) ? new SocketActivation(chosen, management, inspector) : NONE;
	}

	private static ListenSocket choose(List<ListenSocket> candidates, String fdName, List<ListenFd> passed,
			boolean management) {
		String names = passed.stream().map(ListenFd::name).collect(Collectors.joining("', '", "'", "'"));
		if (fdName != null) {
			Optional<ListenSocket> named = candidates.stream()
				.filter((socket) -> socket.name().equals(fdName))
				.findFirst();
			if (named.isEmpty()) {
				logger.warn("No usable passed socket is named '" + fdName + "' (systemd.socket-activation.fd-name); "
						+ "passed: " + names + ". The web server binds server.port");
			}
			return named.orElse(null);
		}
		if (candidates.size() > 1) {
			logger.warn(candidates.size() + " listening sockets were passed for the web server (" + names
					+ "); set systemd.socket-activation.fd-name to the one for the web server. "
					+ "The web server binds server.port");
			return null;
		}
		if (candidates.isEmpty()) {
			if (!management) {
				logger.warn("None of the passed sockets (" + names + ") can serve; the web server binds server.port");
			}
			return null;
		}
		return candidates.get(0);
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
	 * Move the socket to standard input, where the JDK's
	 * {@link System#inheritedChannel()} and the web servers that use it find it. Does
	 * nothing the second time.
	 * @throws IllegalStateException if there is no socket
	 */
	public synchronized void inheritAsStandardInput() {
		if (this.socket == null) {
			throw new IllegalStateException("No socket was passed");
		}
		if (!this.inherited) {
			this.inspector.moveToStandardInput(this.socket.fd());
			this.inherited = true;
		}
	}

	/**
	 * Return the passed socket as the JDK's {@link System#inheritedChannel() inherited
	 * channel}, moving it to standard input first. Web servers must not close it: closing
	 * the inherited channel points the standard streams at {@code /dev/null}.
	 * @return the channel
	 * @throws IllegalStateException if there is no socket or the JDK does not see it as a
	 * server socket channel
	 * @throws UncheckedIOException if the channel cannot be read
	 */
	public ServerSocketChannel inheritedChannel() {
		inheritAsStandardInput();
		try {
			Channel channel = System.inheritedChannel();
			if (channel instanceof ServerSocketChannel serverChannel) {
				return serverChannel;
			}
			throw new IllegalStateException(
					"The socket passed by systemd is not available as the inherited channel (" + channel + ")");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Open a JDK channel over the management socket. The JDK hands out only one passed
	 * socket, standard input, as a channel; so a channel is bound to an ephemeral
	 * loopback port and its descriptor then replaced by the passed socket. The channel
	 * accepts from and closes the passed socket, but still reports the loopback address:
	 * use {@link ListenSocket#address()} of the {@link #getManagementSocket() management
	 * socket} for the real one. Can be called once.
	 * @return the channel, in blocking mode
	 * @throws IllegalStateException if there is no management socket or it was opened
	 * already
	 * @throws UncheckedIOException if the channel cannot be opened
	 */
	synchronized ServerSocketChannel openManagementChannel() {
		if (this.managementSocket == null) {
			throw new IllegalStateException("No management socket was passed");
		}
		boolean ipv6 = this.managementSocket.address().getAddress() instanceof Inet6Address;
		try {
			ServerSocketChannel channel = ServerSocketChannel
				.open(ipv6 ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
			try {
				InetAddress loopback = InetAddress.getByName(ipv6 ? "::1" : "127.0.0.1");
				channel.bind(new InetSocketAddress(loopback, 0), 1);
				int port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
				int fd = ListeningSockets.findDescriptor(port)
					.orElseThrow(() -> new IOException("Cannot find the descriptor of the channel on port " + port));
				this.inspector.replace(this.managementSocket.fd(), fd);
				this.managementOpened = true;
				return channel;
			}
			catch (IOException | RuntimeException ex) {
				channel.close();
				throw ex;
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not open the management socket passed by systemd", ex);
		}
	}

	/**
	 * Say at {@code WARN} when a management socket was passed but nothing serves on it,
	 * because there is no separate management server.
	 */
	public synchronized void warnIfManagementSocketUnused() {
		if (this.managementSocket != null && !this.managementOpened) {
			logger.warn("The socket " + this.managementSocket
					+ " was passed for a separate management server, but there is none (management.server.port "
					+ "is not set to a port of its own); nothing serves on it");
		}
	}

	Optional<ListenSocket> socket(Server server) {
		return (server == Server.MANAGEMENT) ? getManagementSocket() : getSocket();
	}

	/**
	 * Open a channel over the socket of a server, whose closing leaves the inherited
	 * channel open and which reports the address the socket listens on.
	 * @param server the server
	 * @return the channel
	 * @throws IOException if the channel cannot be opened
	 */
	PausableServerSocketChannel openChannel(Server server) throws IOException {
		if (server == Server.MANAGEMENT) {
			return new PausableServerSocketChannel(openManagementChannel(), this.managementSocket.address());
		}
		return new PausableServerSocketChannel(inheritedChannel());
	}

	/**
	 * Add what makes a server stop taking connections from its passed socket, run by
	 * {@link #release(Server)}.
	 * @param server the server
	 * @param stopAccepting stops the server taking connections and returns what pauses it
	 * once the connections it has already taken are served
	 */
	void onRelease(Server server, Supplier<Runnable> stopAccepting) {
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
	 * served. The socket itself stays open, and so do the standard streams: the JDK's
	 * inherited channel, whose closing would point them at {@code /dev/null}, is never
	 * closed. Does nothing the second time.
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
		public static Server of(String serverNamespace) {
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

		static SocketInspector get() {
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

}
