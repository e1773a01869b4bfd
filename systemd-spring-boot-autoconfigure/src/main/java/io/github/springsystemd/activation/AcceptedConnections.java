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
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.IntSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.jspecify.annotations.Nullable;

import io.github.springsystemd.libc.Libc;
import io.github.springsystemd.libc.Libc.SocketName;
import io.github.springsystemd.libc.LibcException;
import io.github.springsystemd.libc.NativeAccessException;
import io.github.springsystemd.libc.NativeLibc;

/**
 * The connections this process has accepted on a TCP port and not yet closed, counted
 * while a server that stops taking connections from a shared socket finishes those it has
 * taken. With native access, each socket of {@code /proc/self/fd} is asked for its local
 * port ({@code getsockname(2)}) and whether it listens ({@code SO_ACCEPTCONN}): a
 * {@code readlink(2)} per open file descriptor and three system calls per socket. Without
 * native access, or once counting through it failed, {@code /proc/net/tcp} and
 * {@code /proc/net/tcp6} are read, which list every TCP socket of the network namespace,
 * including each connection closed in the last minute ({@code TIME_WAIT}): under a load
 * of short connections that is thousands of lines, tens of milliseconds of CPU per
 * reading, so they are read every 50 ms instead of every 10 ms.
 */
final class AcceptedConnections {

	private static final Log logger = LogFactory.getLog(AcceptedConnections.class);

	private static final Duration NATIVE_POLL = Duration.ofMillis(10);

	private static final Duration TABLE_POLL = Duration.ofMillis(50);

	private static final Path DESCRIPTORS = Path.of("/proc/self/fd");

	private final int port;

	private final IntSupplier table;

	/**
	 * The native interface, until counting through it fails: from then on the tables are
	 * read.
	 */
	private volatile @Nullable Libc libc;

	AcceptedConnections(int port, @Nullable Libc libc) {
		this(port, libc, () -> TcpSocketTable.countConnections(port));
	}

	AcceptedConnections(int port, @Nullable Libc libc, IntSupplier table) {
		this.port = port;
		this.libc = libc;
		this.table = table;
	}

	/**
	 * Return the connections on a port, counted natively where native access is
	 * available.
	 * @param port the port
	 * @return the connections
	 */
	static AcceptedConnections on(int port) {
		try {
			return new AcceptedConnections(port, NativeLibc.get());
		}
		catch (NativeAccessException ex) {
			return new AcceptedConnections(port, null);
		}
	}

	/**
	 * Return how many connections to the port this process holds open: accepted and not
	 * yet closed by the web server.
	 * @return the number of connections, or {@code 0} when they cannot be read
	 */
	int count() {
		Libc libc = this.libc;
		if (libc != null) {
			try {
				return countNatively(libc);
			}
			catch (IOException | RuntimeException ex) {
				logger.debug("Could not count the connections on port " + this.port + " natively (" + ex
						+ "); reading /proc/net/tcp instead", ex);
				this.libc = null;
			}
		}
		return this.table.getAsInt();
	}

	/**
	 * Wait until this process holds no connection to the port any more.
	 * @param timeout how long to wait at most, for example for idle keep-alive
	 * connections
	 * @return how many connections were still open when waiting ended
	 */
	int awaitNone(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		int open = count();
		while (open > 0 && System.nanoTime() < deadline) {
			try {
				Thread.sleep(((this.libc != null) ? NATIVE_POLL : TABLE_POLL).toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
			open = count();
		}
		return open;
	}

	private int countNatively(Libc libc) throws IOException {
		int count = 0;
		try (DirectoryStream<Path> descriptors = Files.newDirectoryStream(DESCRIPTORS)) {
			for (Path descriptor : descriptors) {
				if (isAcceptedConnection(libc, descriptor)) {
					count++;
				}
			}
		}
		return count;
	}

	private boolean isAcceptedConnection(Libc libc, Path descriptor) {
		int fd;
		try {
			if (!Files.readSymbolicLink(descriptor).toString().startsWith("socket:")) {
				return false;
			}
			fd = Integer.parseInt(descriptor.getFileName().toString());
		}
		catch (IOException | RuntimeException ex) {
			// closed since it was listed
			return false;
		}
		try {
			if (libc.getsockopt(fd, Libc.SOL_SOCKET, Libc.SO_TYPE) != Libc.SOCK_STREAM
					|| libc.getsockopt(fd, Libc.SOL_SOCKET, Libc.SO_ACCEPTCONN) != 0) {
				return false;
			}
			SocketName name = libc.getsockname(fd);
			return (name.family() == Libc.AF_INET || name.family() == Libc.AF_INET6) && name.port() == this.port;
		}
		catch (LibcException ex) {
			// closed since it was listed, or not a socket any more
			return false;
		}
	}

}
