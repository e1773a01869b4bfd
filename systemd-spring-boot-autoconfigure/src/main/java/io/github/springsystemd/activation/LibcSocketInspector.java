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
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * {@link SocketInspector} that calls libc through JNA: {@code getsockopt},
 * {@code getsockname}, {@code dup3}, {@code dup2}, {@code open}, {@code fcntl} and
 * {@code close}. Loading this class loads JNA and libc.
 */
final class LibcSocketInspector implements SocketInspector {

	private static final int SOL_SOCKET = 1;

	private static final int SO_TYPE = 3;

	private static final int SO_ACCEPTCONN = 30;

	private static final int SOCK_STREAM = 1;

	private static final int AF_UNIX = 1;

	private static final int AF_INET = 2;

	private static final int AF_INET6 = 10;

	private static final int F_SETFD = 2;

	private static final int FD_CLOEXEC = 1;

	private static final int O_RDWR = 2;

	private static final int O_CLOEXEC = 02000000;

	private static final int ENOTSOCK = 88;

	private static final int EBADF = 9;

	static {
		Native.register(LibcSocketInspector.class, Platform.C_LIBRARY_NAME);
	}

	private static native int getsockopt(int fd, int level, int name, int[] value, int[] length)
			throws LastErrorException;

	private static native int getsockname(int fd, byte[] address, int[] length) throws LastErrorException;

	private static native int dup2(int fd, int target) throws LastErrorException;

	private static native int dup3(int fd, int target, int flags) throws LastErrorException;

	private static native int open(String path, int flags) throws LastErrorException;

	private static native int fcntl(int fd, int command, int argument) throws LastErrorException;

	private static native int close(int fd) throws LastErrorException;

	private static native String strerror(int errno);

	@Override
	public Description describe(int fd) {
		try {
			if (option(fd, SO_TYPE) != SOCK_STREAM) {
				return Description.unusable("is not a stream (TCP) socket");
			}
			if (option(fd, SO_ACCEPTCONN) == 0) {
				return Description.unusable("is not listening (Accept=yes passes connections, not listeners)");
			}
			byte[] address = new byte[128];
			int[] length = { address.length };
			getsockname(fd, address, length);
			return describeAddress(Arrays.copyOf(address, length[0]));
		}
		catch (LastErrorException ex) {
			return switch (ex.getErrorCode()) {
				case ENOTSOCK -> Description.unusable("is not a socket");
				case EBADF -> Description.unusable("is not an open file descriptor");
				default -> Description.unusable("cannot be inspected: " + strerror(ex.getErrorCode()));
			};
		}
	}

	private Description describeAddress(byte[] address) {
		ByteBuffer buffer = ByteBuffer.wrap(address).order(ByteOrder.nativeOrder());
		int family = buffer.getShort(0);
		int port = ByteBuffer.wrap(address, 2, 2).order(ByteOrder.BIG_ENDIAN).getShort() & 0xffff;
		try {
			if (family == AF_INET) {
				return Description.listening(
						new InetSocketAddress(InetAddress.getByAddress(Arrays.copyOfRange(address, 4, 8)), port));
			}
			if (family == AF_INET6) {
				return Description.listening(
						new InetSocketAddress(InetAddress.getByAddress(Arrays.copyOfRange(address, 8, 24)), port));
			}
		}
		catch (UnknownHostException ex) {
			return Description.unusable("has an unreadable address");
		}
		return Description.unusable((family == AF_UNIX) ? "is an AF_UNIX socket; the web server needs TCP"
				: "is a socket of address family " + family + "; the web server needs TCP");
	}

	private int option(int fd, int name) {
		int[] value = new int[1];
		getsockopt(fd, SOL_SOCKET, name, value, new int[] { 4 });
		return value[0];
	}

	@Override
	public void replace(int fd, int target) {
		dup3(fd, target, O_CLOEXEC);
		release(fd);
	}

	@Override
	public void release(int fd) {
		if (fd > 2) {
			close(fd);
			return;
		}
		int devNull = open("/dev/null", O_RDWR | O_CLOEXEC);
		try {
			dup2(devNull, fd);
		}
		finally {
			close(devNull);
		}
	}

	@Override
	public void closeOnExec(int fd) {
		try {
			fcntl(fd, F_SETFD, FD_CLOEXEC);
		}
		catch (LastErrorException ex) {
			// Not open: nothing to protect
		}
	}

}
