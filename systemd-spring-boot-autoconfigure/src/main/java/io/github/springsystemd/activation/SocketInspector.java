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

import java.net.InetSocketAddress;

import org.jspecify.annotations.Nullable;

/**
 * Looks at and hands over passed file descriptors. Implemented over the starter's one
 * native interface, {@link io.github.springsystemd.libc.Libc}
 * ({@code LibcSocketInspector}), so that everything else is testable without native code.
 */
interface SocketInspector {

	/**
	 * Describe a file descriptor.
	 * @param fd the file descriptor
	 * @return what it is
	 */
	Description describe(int fd);

	/**
	 * Make another file descriptor refer to the socket of a passed one, atomically
	 * close-on-exec ({@code dup3(fd, target, O_CLOEXEC)}, see dup(2)), then
	 * {@link #release(int) release} the passed one.
	 * @param fd the passed file descriptor
	 * @param target the file descriptor to replace, for example that of a channel bound
	 * to an ephemeral loopback port
	 */
	void replace(int fd, int target);

	/**
	 * Let go of a file descriptor: close it, or, for a standard stream (0, 1 or 2), point
	 * it at {@code /dev/null} instead, so that the number stays taken and child processes
	 * that inherit the standard streams get {@code /dev/null}.
	 * @param fd the file descriptor
	 */
	void release(int fd);

	/**
	 * Mark a file descriptor close-on-exec, so child processes do not inherit it.
	 * @param fd the file descriptor
	 */
	void closeOnExec(int fd);

	/**
	 * What a file descriptor is.
	 *
	 * @param problem why it cannot serve as a listening stream socket, or {@code null}
	 * when it can
	 * @param address the address it listens on, or {@code null}
	 * @param socket whether it is an open socket of any kind, as the service manager
	 * passes
	 */
	record Description(@Nullable String problem, @Nullable InetSocketAddress address, boolean socket) {

		static Description listening(InetSocketAddress address) {
			return new Description(null, address, true);
		}

		/**
		 * Describe a socket that cannot serve, such as a UDP or {@code AF_UNIX} one.
		 * @param problem why it cannot
		 * @return the description
		 */
		static Description unusable(String problem) {
			return new Description(problem, null, true);
		}

		/**
		 * Describe a file descriptor that is no socket, or not open.
		 * @param problem which
		 * @return the description
		 */
		static Description notSocket(String problem) {
			return new Description(problem, null, false);
		}

		boolean usable() {
			return this.problem == null;
		}

	}

}
