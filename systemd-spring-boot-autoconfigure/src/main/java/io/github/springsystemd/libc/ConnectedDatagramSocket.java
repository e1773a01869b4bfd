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
package io.github.springsystemd.libc;

import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * One {@code AF_UNIX} datagram socket connected to a fixed address
 * ({@code socket(AF_UNIX, SOCK_DGRAM|SOCK_CLOEXEC)} and {@code connect}), kept open
 * across sends. When the receiver's socket was replaced (the service manager re-executed,
 * journald restarted), a send fails with {@code ECONNREFUSED}, {@code ECONNRESET},
 * {@code ENOTCONN}, {@code ENOENT}, {@code EPIPE} or {@code EDESTADDRREQ}: the socket is
 * then connected again and the send made once more. Thread-safe: senders share the
 * connection without waiting on each other, only on a reconnection, and a connection that
 * one thread replaces is closed once no other thread sends on it (see
 * {@link SharedDescriptor}).
 * <p>
 * Internal to the starter: not a public API.
 *
 * @since 0.1.0
 */
public final class ConnectedDatagramSocket implements AutoCloseable {

	private static final int EBADF = 9;

	private static final Set<String> RECONNECT = Set.of("ECONNREFUSED", "ECONNRESET", "ENOTCONN", "ENOENT", "EPIPE",
			"EDESTADDRREQ");

	private final Libc libc;

	private final byte[] sunPath;

	private final Object reconnectLock = new Object();

	private volatile @Nullable SharedDescriptor connection;

	private volatile boolean closed;

	/**
	 * Create a new socket; it connects on first use.
	 * @param libc the C library
	 * @param sunPath the address: a path, or an abstract name starting with {@code 0}, as
	 * {@code sun_path} holds it (see {@code unix(7)})
	 */
	public ConnectedDatagramSocket(Libc libc, byte[] sunPath) {
		this.libc = libc;
		this.sunPath = sunPath.clone();
	}

	/**
	 * Connect now unless connected, so that a receiver that is not there is known before
	 * the first send.
	 * @throws LibcException if the socket cannot be connected
	 */
	public void connect() throws LibcException {
		if (this.connection == null) {
			reconnect(null);
		}
	}

	/**
	 * Send on the connected socket, connecting first if need be, and once more on a new
	 * connection when the receiver's socket was replaced.
	 * @param send what sends, given the socket's descriptor; it must not close it or keep
	 * it
	 * @return what the send returned: the number of bytes sent
	 * @throws LibcException if the socket cannot be connected, if the send fails for
	 * another reason (such as {@code EAGAIN} when the receiver's queue is full), or
	 * {@code EBADF} if this socket was closed
	 */
	public long send(Send send) throws LibcException {
		SharedDescriptor current = this.connection;
		if (current == null) {
			current = reconnect(null);
		}
		try {
			return sendOn(current, send);
		}
		catch (LibcException ex) {
			if (!RECONNECT.contains(ex.getErrnoName())) {
				throw ex;
			}
			return sendOn(reconnect(current), send);
		}
	}

	private long sendOn(SharedDescriptor connection, Send send) throws LibcException {
		if (!connection.acquire()) {
			connection = reconnect(connection);
			if (!connection.acquire()) {
				throw new LibcException("send", EBADF, "the socket was closed while sending");
			}
		}
		try {
			return send.send(connection.fd());
		}
		finally {
			connection.release();
		}
	}

	/**
	 * Replace the connection that failed with a new one, unless another thread already
	 * has.
	 */
	private SharedDescriptor reconnect(@Nullable SharedDescriptor failed) throws LibcException {
		synchronized (this.reconnectLock) {
			SharedDescriptor current = this.connection;
			if (current != null && current != failed) {
				return current;
			}
			if (this.closed) {
				throw new LibcException("connect", EBADF, "the socket is closed");
			}
			SharedDescriptor fresh;
			try {
				fresh = new SharedDescriptor(this.libc, open());
			}
			catch (LibcException ex) {
				if (current != null) {
					this.connection = null;
					current.retire();
				}
				throw ex;
			}
			this.connection = fresh;
			if (current != null) {
				current.retire();
			}
			return fresh;
		}
	}

	private int open() throws LibcException {
		int fd = this.libc.socket(Libc.AF_UNIX, Libc.SOCK_DGRAM | Libc.SOCK_CLOEXEC, 0);
		try {
			this.libc.connect(fd, this.sunPath);
			return fd;
		}
		catch (LibcException ex) {
			try {
				this.libc.close(fd);
			}
			catch (LibcException closing) {
				// Nothing to do: the descriptor is released by the kernel either way
			}
			throw ex;
		}
	}

	/**
	 * Close the socket once no send uses it; later sends fail with {@code EBADF}.
	 */
	@Override
	public void close() {
		synchronized (this.reconnectLock) {
			this.closed = true;
			SharedDescriptor current = this.connection;
			this.connection = null;
			if (current != null) {
				current.retire();
			}
		}
	}

	/**
	 * What sends on the socket's descriptor.
	 */
	@FunctionalInterface
	public interface Send {

		/**
		 * Send on the descriptor.
		 * @param fd the connected socket's descriptor, valid during the call
		 * @return the number of bytes sent
		 * @throws LibcException if the send fails
		 */
		long send(int fd) throws LibcException;

	}

}
