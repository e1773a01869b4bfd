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

/**
 * The libc calls the starter needs for systemd's protocols (see {@code sd_notify(3)},
 * {@code sd_listen_fds(3)}), for Linux. Obtained from {@link NativeLibc#get()}:
 * {@code java.lang.foreign} on JDK 22 and newer, JNA before that. Structure layouts come
 * from the platform ({@code MemoryLayout}, JNA {@code Structure}). Every call fails with
 * a {@link LibcException} that carries {@code errno}; none blocks unless its arguments
 * ask for it. Implementations are thread-safe.
 * <p>
 * Internal to the starter: not a public API.
 */
public interface Libc {

	/** {@code AF_UNIX}. */
	int AF_UNIX = 1;

	/** {@code AF_INET}. */
	int AF_INET = 2;

	/** {@code AF_INET6}. */
	int AF_INET6 = 10;

	/** {@code SOCK_STREAM}. */
	int SOCK_STREAM = 1;

	/** {@code SOCK_DGRAM}. */
	int SOCK_DGRAM = 2;

	/** {@code SOCK_CLOEXEC}. */
	int SOCK_CLOEXEC = 0x80000;

	/** {@code SOCK_NONBLOCK}. */
	int SOCK_NONBLOCK = 0x800;

	/** {@code MSG_DONTWAIT}: fail with {@code EAGAIN} instead of waiting. */
	int MSG_DONTWAIT = 0x40;

	/** {@code MSG_NOSIGNAL}: no {@code SIGPIPE}. */
	int MSG_NOSIGNAL = 0x4000;

	/** {@code SOL_SOCKET}. */
	int SOL_SOCKET = 1;

	/** {@code SO_TYPE}. */
	int SO_TYPE = 3;

	/** {@code SO_ACCEPTCONN}. */
	int SO_ACCEPTCONN = 30;

	/** {@code F_GETFD}. */
	int F_GETFD = 1;

	/** {@code F_SETFD}. */
	int F_SETFD = 2;

	/** {@code FD_CLOEXEC}. */
	int FD_CLOEXEC = 1;

	/** {@code O_CLOEXEC}, for {@link #dup3} and {@link #open}. */
	int O_CLOEXEC = 0x80000;

	/** {@code O_RDONLY}, for {@link #open}. */
	int O_RDONLY = 0;

	/** {@code O_WRONLY}, for {@link #open}. */
	int O_WRONLY = 1;

	/** {@code O_RDWR}, for {@link #open}. */
	int O_RDWR = 2;

	/**
	 * {@code S_IFMT}: the file type bits of {@code st_mode} (inode(7)), as the JDK's
	 * {@code unix:mode} file attribute gives it.
	 */
	int S_IFMT = 0170000;

	/** {@code S_IFSOCK}: a socket, in {@code st_mode & S_IFMT}. */
	int S_IFSOCK = 0140000;

	/** {@code S_IFREG}: a regular file, in {@code st_mode & S_IFMT}. */
	int S_IFREG = 0100000;

	/** {@code S_IFDIR}: a directory, in {@code st_mode & S_IFMT}. */
	int S_IFDIR = 0040000;

	/** {@code S_IFIFO}: a FIFO, in {@code st_mode & S_IFMT}. */
	int S_IFIFO = 0010000;

	/**
	 * {@code O_NONBLOCK}, for {@link #open}: reads and writes fail with {@code EAGAIN}.
	 */
	int O_NONBLOCK = 0x800;

	/** {@code F_ADD_SEALS}. */
	int F_ADD_SEALS = 1033;

	/** {@code F_GET_SEALS}. */
	int F_GET_SEALS = 1034;

	/** {@code F_SEAL_SEAL}. */
	int F_SEAL_SEAL = 1;

	/** {@code F_SEAL_SHRINK}. */
	int F_SEAL_SHRINK = 2;

	/** {@code F_SEAL_GROW}. */
	int F_SEAL_GROW = 4;

	/** {@code F_SEAL_WRITE}. */
	int F_SEAL_WRITE = 8;

	/** {@code MFD_CLOEXEC}. */
	int MFD_CLOEXEC = 1;

	/** {@code MFD_ALLOW_SEALING}. */
	int MFD_ALLOW_SEALING = 2;

	/** {@code POLLIN}. */
	int POLLIN = 1;

	/** {@code POLLPRI}: a PSI trigger fired ({@code psi(7)}, kernel's psi.rst). */
	int POLLPRI = 2;

	/** {@code POLLOUT}. */
	int POLLOUT = 4;

	/** {@code POLLERR}. */
	int POLLERR = 8;

	/** {@code POLLHUP}. */
	int POLLHUP = 0x10;

	/** {@code POLLNVAL}. */
	int POLLNVAL = 0x20;

	/** {@code CLOCK_MONOTONIC}. */
	int CLOCK_MONOTONIC = 1;

	/**
	 * Return how libc is reached: {@code "java.lang.foreign"} or {@code "JNA"}.
	 * @return the implementation's name
	 */
	String implementation();

	/**
	 * {@code socket(2)}.
	 * @param domain the address family, such as {@link #AF_UNIX}
	 * @param type the socket type and flags, such as {@code SOCK_DGRAM | SOCK_CLOEXEC}
	 * @param protocol the protocol, usually 0
	 * @return the new file descriptor
	 * @throws LibcException if the call fails
	 */
	int socket(int domain, int type, int protocol) throws LibcException;

	/**
	 * {@code connect(2)} to an AF_UNIX address, with the exact address length
	 * ({@code offsetof(struct sockaddr_un, sun_path)} plus the name's length), so that
	 * abstract names ({@code sun_path} starting with NUL) match their listener.
	 * @param fd the socket
	 * @param sunPath the {@code sun_path} bytes, at most 108
	 * @throws LibcException if the call fails
	 */
	void connect(int fd, byte[] sunPath) throws LibcException;

	/**
	 * {@code send(2)} on a connected socket.
	 * @param fd the socket
	 * @param buffer the bytes to send
	 * @param flags flags such as {@link #MSG_DONTWAIT} and {@link #MSG_NOSIGNAL}
	 * @return the number of bytes sent
	 * @throws LibcException if the call fails
	 */
	long send(int fd, byte[] buffer, int flags) throws LibcException;

	/**
	 * {@code sendto(2)} to an AF_UNIX address, with the exact address length.
	 * @param fd the socket
	 * @param buffer the bytes to send
	 * @param flags flags such as {@link #MSG_DONTWAIT} and {@link #MSG_NOSIGNAL}
	 * @param sunPath the {@code sun_path} bytes, at most 108
	 * @return the number of bytes sent
	 * @throws LibcException if the call fails
	 */
	long sendto(int fd, byte[] buffer, int flags, byte[] sunPath) throws LibcException;

	/**
	 * {@code sendmsg(2)} on a connected socket, with file descriptors in one
	 * {@code SCM_RIGHTS} control message ({@code cmsg(3)}).
	 * @param fd the socket
	 * @param buffer the bytes to send
	 * @param fileDescriptors the descriptors to pass; none means no control message
	 * @param flags flags such as {@link #MSG_DONTWAIT} and {@link #MSG_NOSIGNAL}
	 * @return the number of bytes sent
	 * @throws LibcException if the call fails
	 */
	long sendmsg(int fd, byte[] buffer, int[] fileDescriptors, int flags) throws LibcException;

	/**
	 * {@code write(2)}.
	 * @param fd the file descriptor
	 * @param buffer the bytes to write
	 * @return the number of bytes written
	 * @throws LibcException if the call fails
	 */
	long write(int fd, byte[] buffer) throws LibcException;

	/**
	 * {@code read(2)} into the start of a buffer.
	 * @param fd the file descriptor
	 * @param buffer the buffer to read into
	 * @return the number of bytes read, 0 at end of file
	 * @throws LibcException if the call fails ({@code EAGAIN} when a non-blocking
	 * descriptor has nothing to read)
	 */
	long read(int fd, byte[] buffer) throws LibcException;

	/**
	 * {@code close(2)}.
	 * @param fd the file descriptor
	 * @throws LibcException if the call fails
	 */
	void close(int fd) throws LibcException;

	/**
	 * {@code clock_gettime(2)}.
	 * @param clockId the clock, such as {@link #CLOCK_MONOTONIC}
	 * @return the time in nanoseconds
	 * @throws LibcException if the call fails
	 */
	long clockGettime(int clockId) throws LibcException;

	/**
	 * {@code getsockopt(2)} of an {@code int} option.
	 * @param fd the socket
	 * @param level the level, such as {@link #SOL_SOCKET}
	 * @param name the option, such as {@link #SO_TYPE}
	 * @return the option's value
	 * @throws LibcException if the call fails
	 */
	int getsockopt(int fd, int level, int name) throws LibcException;

	/**
	 * {@code getsockname(2)}.
	 * @param fd the socket
	 * @return the socket's address
	 * @throws LibcException if the call fails
	 */
	SocketName getsockname(int fd) throws LibcException;

	/**
	 * {@code dup2(2)}.
	 * @param fd the file descriptor to duplicate
	 * @param target the descriptor number to make refer to it
	 * @return {@code target}
	 * @throws LibcException if the call fails
	 */
	int dup2(int fd, int target) throws LibcException;

	/**
	 * {@code dup3(2)}.
	 * @param fd the file descriptor to duplicate
	 * @param target the descriptor number to make refer to it
	 * @param flags 0 or {@link #O_CLOEXEC}
	 * @return {@code target}
	 * @throws LibcException if the call fails
	 */
	int dup3(int fd, int target, int flags) throws LibcException;

	/**
	 * {@code fcntl(2)} with an {@code int} argument.
	 * @param fd the file descriptor
	 * @param command the command, such as {@link #F_SETFD} or {@link #F_ADD_SEALS}
	 * @param argument the argument
	 * @return the call's result
	 * @throws LibcException if the call fails
	 */
	int fcntl(int fd, int command, int argument) throws LibcException;

	/**
	 * {@code memfd_create(2)}.
	 * @param name the name, for debugging only
	 * @param flags flags such as {@link #MFD_CLOEXEC} and {@link #MFD_ALLOW_SEALING}
	 * @return the new file descriptor
	 * @throws LibcException if the call fails
	 */
	int memfdCreate(String name, int flags) throws LibcException;

	/**
	 * {@code open(2)} of an existing file, without a mode.
	 * @param path the path
	 * @param flags such as {@link #O_RDWR} {@code |} {@link #O_CLOEXEC}
	 * @return the new file descriptor
	 * @throws LibcException if the call fails
	 */
	int open(String path, int flags) throws LibcException;

	/**
	 * {@code poll(2)} of one file descriptor.
	 * @param fd the file descriptor
	 * @param events the events to wait for, such as {@link #POLLIN}
	 * @param timeoutMillis the longest wait in milliseconds; 0 does not wait, negative
	 * waits forever
	 * @return the events that occurred ({@code revents}), 0 on timeout
	 * @throws LibcException if the call fails
	 */
	int poll(int fd, int events, int timeoutMillis) throws LibcException;

	/**
	 * {@code strerror(3)}.
	 * @param errno the error number
	 * @return the error's description
	 */
	String strerror(int errno);

	/**
	 * A socket's address as {@code getsockname(2)} reports it.
	 *
	 * @param family the address family, such as {@link #AF_INET}
	 * @param address the IP address bytes (4 for {@code AF_INET}, 16 for
	 * {@code AF_INET6}), empty for other families
	 * @param port the port, 0 for other families
	 */
	record SocketName(int family, byte[] address, int port) {

	}

}
