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

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.Structure.FieldOrder;
import org.jspecify.annotations.Nullable;

/**
 * {@link Libc} through JNA's direct mapping, for JDK 17 to 21. Structure layouts are JNA
 * {@link Structure}s. Loading this class loads JNA and its native library.
 */
final class JnaLibc implements Libc {

	private static final int SCM_RIGHTS = 1;

	/**
	 * Whether {@code long}, {@code size_t} and {@code ssize_t} are 64 bits wide, as on
	 * x86-64 and aarch64 Linux: then the hot path passes them as Java {@code long}s.
	 */
	private static final Map<Integer, String> SEND_ERRORS = new ConcurrentHashMap<>();

	private static final boolean LP64 = Native.LONG_SIZE == 8 && Native.SIZE_T_SIZE == 8;

	JnaLibc() {
		C.load();
	}

	@Override
	public String implementation() {
		return "JNA";
	}

	@Override
	public int socket(int domain, int type, int protocol) throws LibcException {
		try {
			return C.socket(domain, type, protocol);
		}
		catch (LastErrorException ex) {
			throw failure("socket", ex);
		}
	}

	@Override
	public void connect(int fd, byte[] sunPath) throws LibcException {
		SockaddrUn address = SockaddrUn.of(sunPath);
		try {
			C.connect(fd, address.getPointer(), address.length());
		}
		catch (LastErrorException ex) {
			throw failure("connect", ex);
		}
	}

	@Override
	public long send(int fd, byte[] buffer, int flags) throws LibcException {
		if (LP64) {
			long sent = C.send(fd, buffer, buffer.length, flags);
			if (sent == -1) {
				throw sendFailure(Native.getLastError());
			}
			return sent;
		}
		try {
			return NotLp64.send(fd, buffer, new NativeLong(buffer.length), flags).longValue();
		}
		catch (LastErrorException ex) {
			throw failure("send", ex);
		}
	}

	@Override
	public long sendto(int fd, byte[] buffer, int flags, byte[] sunPath) throws LibcException {
		SockaddrUn address = SockaddrUn.of(sunPath);
		try {
			return C.sendto(fd, buffer, new NativeLong(buffer.length), flags, address.getPointer(), address.length())
				.longValue();
		}
		catch (LastErrorException ex) {
			throw failure("sendto", ex);
		}
	}

	@Override
	public long sendmsg(int fd, byte[] buffer, int[] fileDescriptors, int flags) throws LibcException {
		Memory data = new Memory(Math.max(1, buffer.length));
		data.write(0, buffer, 0, buffer.length);
		Iovec iov = new Iovec();
		iov.iov_base = data;
		iov.iov_len = new NativeLong(buffer.length);
		iov.write();
		MsgHdr message = new MsgHdr();
		message.msg_iov = iov.getPointer();
		message.msg_iovlen = new NativeLong(1);
		if (fileDescriptors.length > 0) {
			Memory control = Cmsghdr.rights(fileDescriptors);
			message.msg_control = control;
			message.msg_controllen = new NativeLong(control.size());
		}
		message.write();
		try {
			return C.sendmsg(fd, message.getPointer(), flags).longValue();
		}
		catch (LastErrorException ex) {
			throw failure("sendmsg", ex);
		}
	}

	@Override
	public long write(int fd, byte[] buffer) throws LibcException {
		try {
			return C.write(fd, buffer, new NativeLong(buffer.length)).longValue();
		}
		catch (LastErrorException ex) {
			throw failure("write", ex);
		}
	}

	@Override
	public long read(int fd, byte[] buffer) throws LibcException {
		try {
			return C.read(fd, buffer, new NativeLong(buffer.length)).longValue();
		}
		catch (LastErrorException ex) {
			throw failure("read", ex);
		}
	}

	@Override
	public void close(int fd) throws LibcException {
		try {
			C.close(fd);
		}
		catch (LastErrorException ex) {
			throw failure("close", ex);
		}
	}

	@Override
	public long clockGettime(int clockId) throws LibcException {
		Timespec timespec = new Timespec();
		try {
			C.clock_gettime(clockId, timespec.getPointer());
		}
		catch (LastErrorException ex) {
			throw failure("clock_gettime", ex);
		}
		timespec.read();
		return timespec.tv_sec.longValue() * 1_000_000_000L + timespec.tv_nsec.longValue();
	}

	@Override
	public int getsockopt(int fd, int level, int name) throws LibcException {
		int[] value = new int[1];
		try {
			C.getsockopt(fd, level, name, value, new int[] { Integer.BYTES });
		}
		catch (LastErrorException ex) {
			throw failure("getsockopt", ex);
		}
		return value[0];
	}

	@Override
	public SocketName getsockname(int fd) throws LibcException {
		Memory memory = new Memory(128);
		memory.clear();
		try {
			C.getsockname(fd, memory, new int[] { (int) memory.size() });
		}
		catch (LastErrorException ex) {
			throw failure("getsockname", ex);
		}
		int family = memory.getShort(0) & 0xffff;
		if (family == AF_INET) {
			SockaddrIn in = Structure.newInstance(SockaddrIn.class, memory);
			in.read();
			return new SocketName(family, in.sin_addr.clone(), Short.toUnsignedInt(Short.reverseBytes(in.sin_port)));
		}
		if (family == AF_INET6) {
			SockaddrIn6 in6 = Structure.newInstance(SockaddrIn6.class, memory);
			in6.read();
			return new SocketName(family, in6.sin6_addr.clone(),
					Short.toUnsignedInt(Short.reverseBytes(in6.sin6_port)));
		}
		return new SocketName(family, new byte[0], 0);
	}

	@Override
	public int dup2(int fd, int target) throws LibcException {
		try {
			return C.dup2(fd, target);
		}
		catch (LastErrorException ex) {
			throw failure("dup2", ex);
		}
	}

	@Override
	public int dup3(int fd, int target, int flags) throws LibcException {
		try {
			return C.dup3(fd, target, flags);
		}
		catch (LastErrorException ex) {
			throw failure("dup3", ex);
		}
	}

	@Override
	public int fcntl(int fd, int command, int argument) throws LibcException {
		try {
			return C.fcntl(fd, command, argument);
		}
		catch (LastErrorException ex) {
			throw failure("fcntl", ex);
		}
	}

	@Override
	public int memfdCreate(String name, int flags) throws LibcException {
		try {
			return C.memfd_create(name, flags);
		}
		catch (LastErrorException ex) {
			throw failure("memfd_create", ex);
		}
	}

	@Override
	public int open(String path, int flags) throws LibcException {
		try {
			return C.open(path, flags);
		}
		catch (LastErrorException ex) {
			throw failure("open", ex);
		}
	}

	@Override
	public int poll(int fd, int events, int timeoutMillis) throws LibcException {
		Pollfd pollfd = new Pollfd();
		pollfd.fd = fd;
		pollfd.events = (short) events;
		pollfd.write();
		try {
			C.poll(pollfd.getPointer(), new NativeLong(1), timeoutMillis);
		}
		catch (LastErrorException ex) {
			throw failure("poll", ex);
		}
		pollfd.read();
		return pollfd.revents & 0xffff;
	}

	@Override
	public String strerror(int errno) {
		return C.strerror(errno);
	}

	private static LibcException failure(String call, LastErrorException ex) {
		return failure(call, ex.getErrorCode());
	}

	private static LibcException failure(String call, int errno) {
		return new LibcException(call, errno, C.strerror(errno));
	}

	/**
	 * A failed non-blocking {@code send}, such as {@code EAGAIN} while the receiver's
	 * queue is full: no stack trace, and each description looked up once.
	 */
	private static LibcException sendFailure(int errno) {
		return new LibcException("send", errno, SEND_ERRORS.computeIfAbsent(errno, C::strerror), false);
	}

	/**
	 * {@code send(2)} with {@link NativeLong} for {@code size_t} and {@code ssize_t},
	 * where they are not 64 bits wide.
	 */
	private static final class NotLp64 {

		static {
			Native.register(NotLp64.class, Platform.C_LIBRARY_NAME);
		}

		static native NativeLong send(int fd, byte[] buffer, NativeLong length, int flags) throws LastErrorException;

	}

	/**
	 * The libc functions, registered with JNA's direct mapping.
	 */
	private static final class C {

		static {
			Native.register(C.class, Platform.C_LIBRARY_NAME);
		}

		static void load() {
		}

		static native int socket(int domain, int type, int protocol) throws LastErrorException;

		static native int connect(int fd, Pointer address, int addressLength) throws LastErrorException;

		/**
		 * {@code send(2)} where {@code size_t} and {@code ssize_t} are 64 bits wide (see
		 * {@link JnaLibc#LP64}), the hot path: primitive arguments only, because JNA's
		 * direct mapping converts a {@link NativeLong} through Java on every call; and no
		 * {@link LastErrorException}, which fills in a stack trace for every failure,
		 * such as each {@code EAGAIN} of a full queue: JNA keeps {@code errno} for
		 * {@link Native#getLastError()}.
		 */
		static native long send(int fd, byte[] buffer, long length, int flags);

		static native NativeLong sendto(int fd, byte[] buffer, NativeLong length, int flags, Pointer address,
				int addressLength) throws LastErrorException;

		static native NativeLong sendmsg(int fd, Pointer message, int flags) throws LastErrorException;

		static native NativeLong write(int fd, byte[] buffer, NativeLong length) throws LastErrorException;

		static native NativeLong read(int fd, byte[] buffer, NativeLong length) throws LastErrorException;

		static native int close(int fd) throws LastErrorException;

		static native int clock_gettime(int clockId, Pointer timespec) throws LastErrorException;

		static native int getsockopt(int fd, int level, int name, int[] value, int[] length) throws LastErrorException;

		static native int getsockname(int fd, Pointer address, int[] length) throws LastErrorException;

		static native int dup2(int fd, int target) throws LastErrorException;

		static native int dup3(int fd, int target, int flags) throws LastErrorException;

		static native int fcntl(int fd, int command, int argument) throws LastErrorException;

		static native int memfd_create(String name, int flags) throws LastErrorException;

		static native int open(String path, int flags) throws LastErrorException;

		static native int poll(Pointer fds, NativeLong count, int timeout) throws LastErrorException;

		static native String strerror(int errno);

	}

	/**
	 * {@code struct sockaddr_un}.
	 */
	@FieldOrder({ "sun_family", "sun_path" })
	public static class SockaddrUn extends Structure {

		public short sun_family;

		public byte[] sun_path = new byte[108];

		static SockaddrUn of(byte[] sunPath) {
			SockaddrUn address = new SockaddrUn();
			if (sunPath.length > address.sun_path.length) {
				throw new IllegalArgumentException(
						"sun_path holds " + address.sun_path.length + " bytes, not " + sunPath.length);
			}
			address.sun_family = AF_UNIX;
			System.arraycopy(sunPath, 0, address.sun_path, 0, sunPath.length);
			address.pathLength = sunPath.length;
			address.write();
			return address;
		}

		private int pathLength;

		int length() {
			return fieldOffset("sun_path") + this.pathLength;
		}

	}

	/**
	 * {@code struct sockaddr_in}.
	 */
	@FieldOrder({ "sin_family", "sin_port", "sin_addr", "sin_zero" })
	public static class SockaddrIn extends Structure {

		public short sin_family;

		public short sin_port;

		public byte[] sin_addr = new byte[4];

		public byte[] sin_zero = new byte[8];

		public SockaddrIn(Pointer memory) {
			super(memory);
		}

	}

	/**
	 * {@code struct sockaddr_in6}.
	 */
	@FieldOrder({ "sin6_family", "sin6_port", "sin6_flowinfo", "sin6_addr", "sin6_scope_id" })
	public static class SockaddrIn6 extends Structure {

		public short sin6_family;

		public short sin6_port;

		public int sin6_flowinfo;

		public byte[] sin6_addr = new byte[16];

		public int sin6_scope_id;

		public SockaddrIn6() {
		}

		public SockaddrIn6(Pointer memory) {
			super(memory);
		}

	}

	/**
	 * {@code struct iovec}.
	 */
	@FieldOrder({ "iov_base", "iov_len" })
	@SuppressWarnings("NullAway.Init") // JNA fills the fields, or the caller sets them
	public static class Iovec extends Structure {

		public Pointer iov_base;

		public NativeLong iov_len;

	}

	/**
	 * {@code struct msghdr}.
	 */
	@FieldOrder({ "msg_name", "msg_namelen", "msg_iov", "msg_iovlen", "msg_control", "msg_controllen", "msg_flags" })
	@SuppressWarnings("NullAway.Init") // JNA fills the fields, or the caller sets them
	public static class MsgHdr extends Structure {

		public @Nullable Pointer msg_name;

		public int msg_namelen;

		public Pointer msg_iov;

		public NativeLong msg_iovlen = new NativeLong(0);

		public @Nullable Pointer msg_control;

		public NativeLong msg_controllen = new NativeLong(0);

		public int msg_flags;

	}

	/**
	 * {@code struct cmsghdr}, followed by its data at {@code CMSG_DATA}.
	 */
	@FieldOrder({ "cmsg_len", "cmsg_level", "cmsg_type" })
	@SuppressWarnings("NullAway.Init") // JNA fills the fields, or the caller sets them
	public static class Cmsghdr extends Structure {

		public NativeLong cmsg_len;

		public int cmsg_level;

		public int cmsg_type;

		public Cmsghdr() {
		}

		public Cmsghdr(Pointer memory) {
			super(memory);
		}

		/**
		 * Return a control buffer of {@code CMSG_SPACE(4 * n)} bytes holding one
		 * {@code SCM_RIGHTS} message with the given descriptors.
		 */
		static Memory rights(int[] fileDescriptors) {
			int header = align(new Cmsghdr().size());
			int data = Integer.BYTES * fileDescriptors.length;
			Memory control = new Memory(header + align(data));
			control.clear();
			Cmsghdr cmsg = new Cmsghdr(control);
			cmsg.cmsg_len = new NativeLong(header + data);
			cmsg.cmsg_level = SOL_SOCKET;
			cmsg.cmsg_type = SCM_RIGHTS;
			cmsg.write();
			control.write(header, fileDescriptors, 0, fileDescriptors.length);
			return control;
		}

		private static int align(int length) {
			int alignment = NativeLong.SIZE;
			return (length + alignment - 1) & -alignment;
		}

	}

	/**
	 * {@code struct timespec}.
	 */
	@FieldOrder({ "tv_sec", "tv_nsec" })
	@SuppressWarnings("NullAway.Init") // JNA fills the fields, or the caller sets them
	public static class Timespec extends Structure {

		public NativeLong tv_sec;

		public NativeLong tv_nsec;

	}

	/**
	 * {@code struct pollfd}.
	 */
	@FieldOrder({ "fd", "events", "revents" })
	public static class Pollfd extends Structure {

		public int fd;

		public short events;

		public short revents;

	}

}
