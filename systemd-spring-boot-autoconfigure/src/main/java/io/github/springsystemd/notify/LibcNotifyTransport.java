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
package io.github.springsystemd.notify;

import java.util.Arrays;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.github.springsystemd.libc.Libc;
import io.github.springsystemd.libc.LibcException;
import io.github.springsystemd.libc.SharedDescriptor;

/**
 * {@link NotifyTransport} over one connected {@code AF_UNIX} datagram socket
 * ({@code socket(AF_UNIX, SOCK_DGRAM|SOCK_CLOEXEC)} and {@code connect} with the exact
 * address length), kept open across notifications. Each datagram goes with {@code send}
 * (or {@code sendmsg} when file descriptors go along) and
 * {@code MSG_DONTWAIT|MSG_NOSIGNAL}: a send never blocks, a full receiver queue fails
 * with {@code EAGAIN}. When the service manager's socket was replaced ({@code systemctl
 * daemon-reexec}), the send fails with {@code ECONNREFUSED}, {@code ENOTCONN} or the
 * like: the socket is then reopened and the datagram sent once more. Senders do not wait
 * on each other, only on a reconnection.
 */
final class LibcNotifyTransport implements NotifyTransport {

	private static final int FLAGS = Libc.MSG_DONTWAIT | Libc.MSG_NOSIGNAL;

	private static final Set<String> RECONNECT = Set.of("ECONNREFUSED", "ECONNRESET", "ENOTCONN", "ENOENT", "EPIPE",
			"EDESTADDRREQ");

	private final Libc libc;

	private final byte[] sunPath;

	private final Object reconnectLock = new Object();

	private volatile @Nullable SharedDescriptor connection;

	LibcNotifyTransport(Libc libc, byte[] sunPath) {
		this.libc = libc;
		this.sunPath = sunPath.clone();
	}

	@Override
	public void send(byte[] sunPath, byte[] payload, int[] fileDescriptors) throws NotifyException {
		if (!Arrays.equals(sunPath, this.sunPath)) {
			sendOnce(sunPath, payload, fileDescriptors);
			return;
		}
		SharedDescriptor current = this.connection;
		if (current == null) {
			current = reconnect(null);
		}
		try {
			sendOn(current, payload, fileDescriptors);
		}
		catch (LibcException ex) {
			if (!RECONNECT.contains(ex.getErrnoName())) {
				throw failure(ex);
			}
			try {
				sendOn(reconnect(current), payload, fileDescriptors);
			}
			catch (LibcException retried) {
				throw failure(retried);
			}
		}
	}

	private void sendOn(SharedDescriptor connection, byte[] payload, int[] fileDescriptors)
			throws LibcException, NotifyException {
		if (!connection.acquire()) {
			connection = reconnect(connection);
			if (!connection.acquire()) {
				throw new NotifyException("closed", "the notification socket was closed while sending");
			}
		}
		try {
			long sent = (fileDescriptors.length > 0)
					? this.libc.sendmsg(connection.fd(), payload, fileDescriptors, FLAGS)
					: this.libc.send(connection.fd(), payload, FLAGS);
			checkLength(sent, payload);
		}
		finally {
			connection.release();
		}
	}

	/**
	 * Replace the connection that failed with a new one, unless another thread already
	 * has.
	 */
	private SharedDescriptor reconnect(@Nullable SharedDescriptor failed) throws NotifyException {
		synchronized (this.reconnectLock) {
			SharedDescriptor current = this.connection;
			if (current != null && current != failed) {
				return current;
			}
			SharedDescriptor fresh;
			try {
				fresh = new SharedDescriptor(this.libc, open(this.sunPath));
			}
			catch (LibcException ex) {
				if (current != null) {
					this.connection = null;
					current.retire();
				}
				throw failure(ex);
			}
			this.connection = fresh;
			if (current != null) {
				current.retire();
			}
			return fresh;
		}
	}

	private int open(byte[] sunPath) throws LibcException {
		int fd = this.libc.socket(Libc.AF_UNIX, Libc.SOCK_DGRAM | Libc.SOCK_CLOEXEC, 0);
		try {
			this.libc.connect(fd, sunPath);
			return fd;
		}
		catch (LibcException ex) {
			closeQuietly(fd);
			throw ex;
		}
	}

	private void sendOnce(byte[] sunPath, byte[] payload, int[] fileDescriptors) throws NotifyException {
		try {
			int fd = open(sunPath);
			try {
				long sent = (fileDescriptors.length > 0) ? this.libc.sendmsg(fd, payload, fileDescriptors, FLAGS)
						: this.libc.send(fd, payload, FLAGS);
				checkLength(sent, payload);
			}
			finally {
				closeQuietly(fd);
			}
		}
		catch (LibcException ex) {
			throw failure(ex);
		}
	}

	private static void checkLength(long sent, byte[] payload) throws NotifyException {
		if (sent != payload.length) {
			throw new NotifyException("short-send", "only " + sent + " of " + payload.length + " bytes were sent");
		}
	}

	@Override
	public long monotonicMicros() {
		try {
			return this.libc.clockGettime(Libc.CLOCK_MONOTONIC) / 1000;
		}
		catch (LibcException ex) {
			return NotifyTransport.super.monotonicMicros();
		}
	}

	private void closeQuietly(int fd) {
		try {
			this.libc.close(fd);
		}
		catch (LibcException ex) {
			// Nothing to do: the descriptor is released by the kernel either way
		}
	}

	private static NotifyException failure(LibcException ex) {
		return new NotifyException(ex.getErrnoName(), String.valueOf(ex.getMessage()));
	}

}
