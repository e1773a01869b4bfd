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

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * {@link NotifyTransport} that calls libc through JNA: one
 * {@code socket(AF_UNIX, SOCK_DGRAM|SOCK_CLOEXEC)}, {@code sendto} (or {@code sendmsg}
 * when file descriptors go along) with the exact address length, {@code MSG_NOSIGNAL} and
 * {@code MSG_DONTWAIT} (a full receiver queue fails with {@code EAGAIN} at once instead
 * of blocking the caller), and {@code close} per datagram, as {@code sd_notify(3)} does;
 * and {@code clock_gettime(CLOCK_MONOTONIC)} for {@code MONOTONIC_USEC=}. Loading this
 * class loads JNA and libc.
 */
final class LibcNotifyTransport implements NotifyTransport {

	private static final short AF_UNIX = 1;

	private static final int SOCK_DGRAM = 2;

	private static final int SOCK_CLOEXEC = 0x80000;

	private static final int MSG_NOSIGNAL = 0x4000;

	private static final int MSG_DONTWAIT = 0x40;

	private static final int SUN_PATH_OFFSET = 2;

	private static final int SOL_SOCKET = 1;

	private static final int SCM_RIGHTS = 1;

	private static final int CMSG_HEADER = 16;

	private static final int CLOCK_MONOTONIC = 1;

	private static final Map<Integer, String> ERRNO_NAMES = Map.ofEntries(Map.entry(1, "EPERM"), Map.entry(2, "ENOENT"),
			Map.entry(4, "EINTR"), Map.entry(9, "EBADF"), Map.entry(11, "EAGAIN"), Map.entry(12, "ENOMEM"),
			Map.entry(13, "EACCES"), Map.entry(20, "ENOTDIR"), Map.entry(22, "EINVAL"), Map.entry(23, "ENFILE"),
			Map.entry(24, "EMFILE"), Map.entry(32, "EPIPE"), Map.entry(40, "ELOOP"), Map.entry(88, "ENOTSOCK"),
			Map.entry(90, "EMSGSIZE"), Map.entry(91, "EPROTOTYPE"), Map.entry(97, "EAFNOSUPPORT"),
			Map.entry(105, "ENOBUFS"), Map.entry(107, "ENOTCONN"), Map.entry(111, "ECONNREFUSED"));

	static {
		Native.register(LibcNotifyTransport.class, Platform.C_LIBRARY_NAME);
	}

	private static native int socket(int domain, int type, int protocol) throws LastErrorException;

	private static native NativeLong sendto(int fd, byte[] buffer, NativeLong length, int flags, byte[] address,
			int addressLength) throws LastErrorException;

	private static native NativeLong sendmsg(int fd, Pointer message, int flags) throws LastErrorException;

	private static native int close(int fd) throws LastErrorException;

	private static native String strerror(int errno);

	private static native int clock_gettime(int clockId, long[] timespec) throws LastErrorException;

	@Override
	public void send(byte[] sunPath, byte[] payload, int[] fileDescriptors) throws NotifyException {
		byte[] address = ByteBuffer.allocate(SUN_PATH_OFFSET + sunPath.length)
			.order(ByteOrder.nativeOrder())
			.putShort(AF_UNIX)
			.put(sunPath)
			.array();
		if (fileDescriptors.length > 0 && Native.POINTER_SIZE != 8) {
			throw new NotifyException("unsupported", "passing file descriptors needs a 64-bit JVM");
		}
		int fd = open();
		try {
			long sent = (fileDescriptors.length > 0) ? sendWithDescriptors(fd, address, payload, fileDescriptors)
					: sendto(fd, payload, new NativeLong(payload.length), MSG_NOSIGNAL | MSG_DONTWAIT, address,
							address.length)
						.longValue();
			if (sent != payload.length) {
				throw new NotifyException("short-send", "only " + sent + " of " + payload.length + " bytes were sent");
			}
		}
		catch (LastErrorException ex) {
			throw failure((fileDescriptors.length > 0) ? "sendmsg" : "sendto", ex);
		}
		finally {
			closeQuietly(fd);
		}
	}

	@Override
	public long monotonicMicros() {
		long[] timespec = new long[2];
		try {
			clock_gettime(CLOCK_MONOTONIC, timespec);
		}
		catch (LastErrorException ex) {
			return NotifyTransport.super.monotonicMicros();
		}
		return timespec[0] * 1_000_000 + timespec[1] / 1000;
	}

	/**
	 * Send with {@code sendmsg}, the descriptors in one {@code SCM_RIGHTS} control
	 * message. Structure layouts are those of 64-bit Linux.
	 */
	private long sendWithDescriptors(int fd, byte[] address, byte[] payload, int[] fileDescriptors) {
		Memory name = new Memory(address.length);
		name.write(0, address, 0, address.length);
		Memory data = new Memory(Math.max(1, payload.length));
		data.write(0, payload, 0, payload.length);
		Memory iov = new Memory(16);
		iov.setPointer(0, data);
		iov.setLong(8, payload.length);
		int controlLength = CMSG_HEADER + 4 * fileDescriptors.length;
		Memory control = new Memory((controlLength + 7) & ~7);
		control.clear();
		control.setLong(0, controlLength);
		control.setInt(8, SOL_SOCKET);
		control.setInt(12, SCM_RIGHTS);
		for (int i = 0; i < fileDescriptors.length; i++) {
			control.setInt(CMSG_HEADER + 4L * i, fileDescriptors[i]);
		}
		Memory message = new Memory(56);
		message.clear();
		message.setPointer(0, name);
		message.setInt(8, address.length);
		message.setPointer(16, iov);
		message.setLong(24, 1);
		message.setPointer(32, control);
		message.setLong(40, control.size());
		return sendmsg(fd, message, MSG_NOSIGNAL | MSG_DONTWAIT).longValue();
	}

	private int open() throws NotifyException {
		try {
			return socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
		}
		catch (LastErrorException ex) {
			throw failure("socket", ex);
		}
	}

	private void closeQuietly(int fd) {
		try {
			close(fd);
		}
		catch (LastErrorException ex) {
			// Nothing to do: the descriptor is released by the kernel either way
		}
	}

	private static NotifyException failure(String call, LastErrorException ex) {
		int errno = ex.getErrorCode();
		String name = errnoName(errno);
		return new NotifyException(name, call + " failed: " + strerror(errno) + " (" + name + ")");
	}

	static String errnoName(int errno) {
		return ERRNO_NAMES.getOrDefault(errno, "errno " + errno);
	}

}
