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

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

import io.github.springsystemd.libc.Libc;
import io.github.springsystemd.libc.Libc.SocketName;
import io.github.springsystemd.libc.LibcException;

/**
 * {@link SocketInspector} over {@link Libc}: {@code getsockopt}, {@code getsockname},
 * {@code dup3} with {@code O_CLOEXEC}, {@code dup2}, {@code open}, {@code fcntl} and
 * {@code close}.
 */
final class LibcSocketInspector implements SocketInspector {

	private static final int ENOTSOCK = 88;

	private static final int EBADF = 9;

	private final Libc libc;

	LibcSocketInspector(Libc libc) {
		this.libc = libc;
	}

	@Override
	public Description describe(int fd) {
		try {
			if (this.libc.getsockopt(fd, Libc.SOL_SOCKET, Libc.SO_TYPE) != Libc.SOCK_STREAM) {
				return Description.unusable("is not a stream (TCP) socket");
			}
			if (this.libc.getsockopt(fd, Libc.SOL_SOCKET, Libc.SO_ACCEPTCONN) == 0) {
				return Description.unusable("is not listening (Accept=yes passes connections, not listeners)");
			}
			return describeAddress(this.libc.getsockname(fd));
		}
		catch (LibcException ex) {
			return switch (ex.getErrno()) {
				case ENOTSOCK -> Description.notSocket("is not a socket");
				case EBADF -> Description.notSocket("is not an open file descriptor");
				default -> Description.unusable("cannot be inspected: " + this.libc.strerror(ex.getErrno()));
			};
		}
	}

	private Description describeAddress(SocketName name) {
		int family = name.family();
		if (family == Libc.AF_INET || family == Libc.AF_INET6) {
			try {
				return Description
					.listening(new InetSocketAddress(InetAddress.getByAddress(name.address()), name.port()));
			}
			catch (UnknownHostException ex) {
				return Description.unusable("has an unreadable address");
			}
		}
		return Description.unusable((family == Libc.AF_UNIX) ? "is an AF_UNIX socket; the web server needs TCP"
				: "is a socket of address family " + family + "; the web server needs TCP");
	}

	@Override
	public void replace(int fd, int target) {
		try {
			this.libc.dup3(fd, target, Libc.O_CLOEXEC);
		}
		catch (LibcException ex) {
			throw new IllegalStateException(
					"Could not move file descriptor " + fd + " to " + target + ": " + ex.getMessage(), ex);
		}
		release(fd);
	}

	@Override
	public void release(int fd) {
		try {
			if (fd > 2) {
				this.libc.close(fd);
				return;
			}
			int devNull = this.libc.open("/dev/null", Libc.O_RDWR | Libc.O_CLOEXEC);
			try {
				this.libc.dup2(devNull, fd);
			}
			finally {
				this.libc.close(devNull);
			}
		}
		catch (LibcException ex) {
			throw new IllegalStateException("Could not release file descriptor " + fd + ": " + ex.getMessage(), ex);
		}
	}

	@Override
	public void closeOnExec(int fd) {
		try {
			this.libc.fcntl(fd, Libc.F_SETFD, Libc.FD_CLOEXEC);
		}
		catch (LibcException ex) {
			// Not open: nothing to protect
		}
	}

}
