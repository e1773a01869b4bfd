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
package io.github.springsystemd.logging;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;

import io.github.springsystemd.libc.ConnectedDatagramSocket;
import io.github.springsystemd.libc.Libc;
import io.github.springsystemd.libc.LibcException;

/**
 * Sends entries of journald's native protocol: each one a datagram on one connected
 * {@code AF_UNIX} socket to {@code /run/systemd/journal/socket}, sent with
 * {@code MSG_DONTWAIT|MSG_NOSIGNAL} so that a send never waits (a full journal fails with
 * {@code EAGAIN}). An entry too large for one datagram ({@code EMSGSIZE},
 * {@code ENOBUFS}) is written to a {@code memfd}, sealed against any change
 * ({@code F_SEAL_SHRINK}, {@code F_SEAL_GROW}, {@code F_SEAL_WRITE}, {@code F_SEAL_SEAL},
 * which journald requires) and passed with {@code SCM_RIGHTS} in an empty datagram, as
 * {@code sd_journal_sendv(3)} does. When journald's socket was replaced (journald
 * restarted), the socket is connected again and the entry sent once more. Thread-safe;
 * senders do not wait on each other, only on a reconnection.
 */
final class JournalSocket implements AutoCloseable {

	/**
	 * Where journald receives native entries.
	 */
	static final String PATH = "/run/systemd/journal/socket";

	private static final int FLAGS = Libc.MSG_DONTWAIT | Libc.MSG_NOSIGNAL;

	private static final int SEALS = Libc.F_SEAL_SHRINK | Libc.F_SEAL_GROW | Libc.F_SEAL_WRITE | Libc.F_SEAL_SEAL;

	private static final Set<String> TOO_LARGE = Set.of("EMSGSIZE", "ENOBUFS");

	private final Libc libc;

	private final ConnectedDatagramSocket socket;

	JournalSocket(Libc libc, String path) {
		this.libc = libc;
		byte[] name = path.getBytes(StandardCharsets.UTF_8);
		this.socket = new ConnectedDatagramSocket(libc, Arrays.copyOf(name, name.length + 1));
	}

	/**
	 * Connect now, so that a journal that is not there is known before the first entry.
	 * @throws LibcException if the socket cannot be connected
	 */
	void connect() throws LibcException {
		this.socket.connect();
	}

	/**
	 * Send one entry, as a datagram or, when it is too large for one, as a sealed memfd.
	 * @param entry the entry's bytes
	 * @throws LibcException if the entry could not be sent, such as {@code EAGAIN} when
	 * journald's queue is full
	 */
	void send(byte[] entry) throws LibcException {
		this.socket.send((fd) -> {
			try {
				return this.libc.send(fd, entry, FLAGS);
			}
			catch (LibcException ex) {
				if (!TOO_LARGE.contains(ex.getErrnoName())) {
					throw ex;
				}
				return sendMemfd(fd, entry);
			}
		});
	}

	private long sendMemfd(int socket, byte[] entry) throws LibcException {
		int memfd = this.libc.memfdCreate("journal-entry", Libc.MFD_CLOEXEC | Libc.MFD_ALLOW_SEALING);
		try {
			int written = 0;
			while (written < entry.length) {
				byte[] rest = (written == 0) ? entry : Arrays.copyOfRange(entry, written, entry.length);
				written += (int) this.libc.write(memfd, rest);
			}
			this.libc.fcntl(memfd, Libc.F_ADD_SEALS, SEALS);
			return this.libc.sendmsg(socket, new byte[0], new int[] { memfd }, FLAGS);
		}
		finally {
			closeQuietly(memfd);
		}
	}

	@Override
	public void close() {
		this.socket.close();
	}

	private void closeQuietly(int fd) {
		try {
			this.libc.close(fd);
		}
		catch (LibcException ex) {
			// Nothing to do: the descriptor is released by the kernel either way
		}
	}

}
