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
package io.github.springsystemd.test;

import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;

/**
 * A listening socket held the way systemd holds one in a socket unit or its file
 * descriptor store: a duplicate of the descriptor, which keeps the socket and its backlog
 * alive when the server that used it stops. {@link #serveQueued} then plays the next
 * start of the service, answering the connections that waited in the backlog.
 */
public final class HeldSocket implements AutoCloseable {

	private static final Libc libc = Native.load("c", Libc.class);

	private static final int F_GETFL = 3;

	private static final int F_SETFL = 4;

	private static final int O_NONBLOCK = 04000;

	private static final int SOL_SOCKET = 1;

	private static final int SO_RCVTIMEO = 20;

	private final int fd;

	private int accepted;

	private HeldSocket(int fd) {
		this.fd = fd;
	}

	/**
	 * Hold the socket behind a descriptor of this process.
	 * @param fd the descriptor of a listening socket
	 * @return the held socket
	 */
	public static HeldSocket hold(int fd) {
		return new HeldSocket(libc.dup(fd));
	}

	/**
	 * Accept every connection waiting in the backlog and answer each that sent a request.
	 * @param response makes the raw HTTP response from the raw request
	 * @return how many connections sent a request and were answered
	 */
	public int serveQueued(UnaryOperator<String> response) {
		libc.fcntl(this.fd, F_SETFL, libc.fcntl(this.fd, F_GETFL, 0) | O_NONBLOCK);
		int answered = 0;
		while (true) {
			int connection;
			try {
				connection = libc.accept(this.fd, null, null);
			}
			catch (LastErrorException ex) {
				return answered;
			}
			this.accepted++;
			try {
				libc.setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, new long[] { 5, 0 }, 16);
				byte[] buffer = new byte[4096];
				int read = libc.read(connection, buffer, new NativeLong(buffer.length)).intValue();
				if (read > 0) {
					byte[] answer = response.apply(new String(buffer, 0, read, StandardCharsets.ISO_8859_1))
						.getBytes(StandardCharsets.ISO_8859_1);
					libc.write(connection, answer, new NativeLong(answer.length));
					answered++;
				}
			}
			catch (LastErrorException ex) {
				// an empty connection that was never closed: nothing to answer
			}
			finally {
				libc.close(connection);
			}
		}
	}

	/**
	 * Play the next start of the service: answer every connection waiting in the backlog
	 * that sent a request with {@code 200} and the body {@code served next}.
	 * @return how many connections sent a request and were answered
	 */
	public int serveQueuedAsTheNextStart() {
		return serveQueued(
				(request) -> "HTTP/1.1 200 OK\r\nContent-Length: 11\r\n" + "Connection: close\r\n\r\nserved next");
	}

	/**
	 * Return how many connections {@link #serveQueued} accepted, with a request or
	 * without.
	 * @return the number of connections accepted
	 */
	public int acceptedConnections() {
		return this.accepted;
	}

	@Override
	public void close() {
		libc.close(this.fd);
	}

	private interface Libc extends Library {

		int dup(int fd) throws LastErrorException;

		int fcntl(int fd, int command, int argument) throws LastErrorException;

		int accept(int fd, byte[] address, int[] length) throws LastErrorException;

		int setsockopt(int fd, int level, int name, long[] value, int length) throws LastErrorException;

		NativeLong read(int fd, byte[] buffer, NativeLong count) throws LastErrorException;

		NativeLong write(int fd, byte[] buffer, NativeLong count) throws LastErrorException;

		int close(int fd) throws LastErrorException;

	}

}
