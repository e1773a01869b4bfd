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

import io.github.springsystemd.libc.ConnectedDatagramSocket;
import io.github.springsystemd.libc.Libc;
import io.github.springsystemd.libc.LibcException;

/**
 * {@link NotifyTransport} over one connected {@code AF_UNIX} datagram socket
 * ({@code socket(AF_UNIX, SOCK_DGRAM|SOCK_CLOEXEC)} and {@code connect} with the exact
 * address length), kept open across notifications. Each datagram goes with {@code send}
 * (or {@code sendmsg} when file descriptors go along) and
 * {@code MSG_DONTWAIT|MSG_NOSIGNAL}: a send never blocks, a full receiver queue fails
 * with {@code EAGAIN}. When the service manager's socket was replaced ({@code systemctl
 * daemon-reexec}), the send fails with {@code ECONNREFUSED}, {@code ENOTCONN} or the
 * like: the socket is then reopened and the datagram sent once more (see
 * {@link ConnectedDatagramSocket}). Senders do not wait on each other, only on a
 * reconnection. A notification for another address (a {@code NOTIFY_SOCKET} that changed)
 * goes on a socket of its own, closed after the send.
 */
final class LibcNotifyTransport implements NotifyTransport {

	private static final int FLAGS = Libc.MSG_DONTWAIT | Libc.MSG_NOSIGNAL;

	private final Libc libc;

	private final byte[] sunPath;

	private final ConnectedDatagramSocket socket;

	LibcNotifyTransport(Libc libc, byte[] sunPath) {
		this.libc = libc;
		this.sunPath = sunPath.clone();
		this.socket = new ConnectedDatagramSocket(libc, sunPath);
	}

	@Override
	public void send(byte[] sunPath, byte[] payload, int[] fileDescriptors) throws NotifyException {
		ConnectedDatagramSocket.Send send = (fd) -> (fileDescriptors.length > 0)
				? this.libc.sendmsg(fd, payload, fileDescriptors, FLAGS) : this.libc.send(fd, payload, FLAGS);
		long sent;
		try {
			if (Arrays.equals(sunPath, this.sunPath)) {
				sent = this.socket.send(send);
			}
			else {
				try (ConnectedDatagramSocket once = new ConnectedDatagramSocket(this.libc, sunPath)) {
					sent = once.send(send);
				}
			}
		}
		catch (LibcException ex) {
			throw new NotifyException(ex.getErrnoName(), String.valueOf(ex.getMessage()));
		}
		checkLength(sent, payload);
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

}
