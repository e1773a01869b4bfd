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
package io.github.springsystemd.memory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import io.github.springsystemd.libc.Libc;
import io.github.springsystemd.libc.LibcException;

/**
 * An open watch for memory pressure, as {@code sd_event_add_memory_pressure(3)} opens it:
 * <ul>
 * <li>a regular file (a PSI file such as a control group's {@code memory.pressure}) is
 * opened for writing, the trigger written into it, and polled for {@code POLLPRI};</li>
 * <li>an {@code AF_UNIX} socket is connected to, the data written into it, and polled for
 * {@code POLLIN}; what arrives is read and discarded;</li>
 * <li>a FIFO is opened for reading and polled for {@code POLLIN}; what arrives is read
 * and discarded. It is opened read-write, so that a writer that closes does not leave it
 * signalling end of file, and nothing is written into it (the data would be read back as
 * pressure).</li>
 * </ul>
 * Every descriptor is non-blocking and close-on-exec. Not thread-safe: one thread opens,
 * awaits and closes it.
 */
final class MemoryPressureSource implements AutoCloseable {

	private final Libc libc;

	private final int fd;

	private final Kind kind;

	private final byte[] drain = new byte[512];

	private MemoryPressureSource(Libc libc, int fd, Kind kind) {
		this.libc = libc;
		this.fd = fd;
		this.kind = kind;
	}

	/**
	 * Open a watch.
	 * @param libc libc
	 * @param watch what to watch
	 * @return the open watch
	 * @throws IOException if the path does not exist or is neither a regular file, a FIFO
	 * nor a socket
	 * @throws LibcException if it cannot be opened, connected or written
	 */
	static MemoryPressureSource open(Libc libc, MemoryPressureWatch watch) throws IOException, LibcException {
		String path = watch.getPath().toString();
		int mode = (Integer) Files.getAttribute(watch.getPath(), "unix:mode");
		byte[] write = watch.getWrite();
		switch (mode & Libc.S_IFMT) {
			case Libc.S_IFREG -> {
				int fd = libc.open(path, Libc.O_RDWR | Libc.O_NONBLOCK | Libc.O_CLOEXEC);
				return written(libc, fd, Kind.PRESSURE_STALL_INFORMATION, write);
			}
			case Libc.S_IFSOCK -> {
				int fd = libc.socket(Libc.AF_UNIX, Libc.SOCK_STREAM | Libc.SOCK_CLOEXEC | Libc.SOCK_NONBLOCK, 0);
				try {
					libc.connect(fd, path.getBytes(StandardCharsets.UTF_8));
				}
				catch (LibcException ex) {
					libc.close(fd);
					throw ex;
				}
				return written(libc, fd, Kind.SOCKET, write);
			}
			case Libc.S_IFIFO -> {
				return new MemoryPressureSource(libc, libc.open(path, Libc.O_RDWR | Libc.O_NONBLOCK | Libc.O_CLOEXEC),
						Kind.FIFO);
			}
			default -> throw new IOException("'" + path + "' is neither a regular (PSI) file, a FIFO nor a socket");
		}
	}

	private static MemoryPressureSource written(Libc libc, int fd, Kind kind, byte[] write) throws LibcException {
		try {
			if (write.length > 0) {
				libc.write(fd, write);
			}
			return new MemoryPressureSource(libc, fd, kind);
		}
		catch (LibcException ex) {
			libc.close(fd);
			throw ex;
		}
	}

	/**
	 * Return what kind of file is watched.
	 * @return the kind
	 */
	Kind getKind() {
		return this.kind;
	}

	/**
	 * Wait for memory pressure.
	 * @param timeoutMillis the longest wait, in milliseconds (0 or more)
	 * @return whether pressure was signalled
	 * @throws IOException if the watch has ended: the control group was removed (the PSI
	 * file reports an error) or the socket's peer closed it
	 * @throws LibcException if {@code poll(2)} or {@code read(2)} fails
	 */
	boolean await(int timeoutMillis) throws IOException, LibcException {
		int revents = this.libc.poll(this.fd, this.kind.events, timeoutMillis);
		if ((revents & (Libc.POLLERR | Libc.POLLNVAL)) != 0) {
			throw new IOException("poll(2) reports " + (((revents & Libc.POLLNVAL) != 0) ? "POLLNVAL" : "POLLERR"));
		}
		if ((revents & this.kind.events) != 0) {
			if (this.kind != Kind.PRESSURE_STALL_INFORMATION && drain() == 0) {
				throw new IOException("the socket was closed by its peer");
			}
			return true;
		}
		if ((revents & Libc.POLLHUP) != 0) {
			throw new IOException("poll(2) reports POLLHUP");
		}
		return false;
	}

	private long drain() throws LibcException {
		long total = 0;
		while (true) {
			long count;
			try {
				count = this.libc.read(this.fd, this.drain);
			}
			catch (LibcException ex) {
				if ("EAGAIN".equals(ex.getErrnoName())) {
					return Math.max(total, 1);
				}
				throw ex;
			}
			if (count <= 0) {
				return total;
			}
			total += count;
		}
	}

	@Override
	public void close() {
		try {
			this.libc.close(this.fd);
		}
		catch (LibcException ex) {
			// closed already; nothing to release
		}
	}

	/**
	 * What kind of file is watched, and the events that signal pressure.
	 */
	enum Kind {

		/** A PSI file, {@code POLLPRI}. */
		PRESSURE_STALL_INFORMATION(Libc.POLLPRI),

		/** A FIFO, {@code POLLIN}. */
		FIFO(Libc.POLLIN),

		/** An {@code AF_UNIX} stream socket, {@code POLLIN}. */
		SOCKET(Libc.POLLIN);

		private final int events;

		Kind(int events) {
			this.events = events;
		}

	}

}
