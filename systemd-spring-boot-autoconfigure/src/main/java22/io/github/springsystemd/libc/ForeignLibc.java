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

import java.lang.foreign.AddressLayout;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemoryLayout.PathElement;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link Libc} through {@code java.lang.foreign}, for JDK 22 and newer: nothing is
 * extracted and JNA is not loaded. Each function's handle is made on its first call (a
 * holder class each), so that the first notification links only what it uses. Structure
 * layouts are {@link MemoryLayout}s, padded by
 * the alignment of their members. Present only in the {@code META-INF/versions/22} part of
 * the multi-release jar.
 */
final class ForeignLibc implements Libc {

	private static final Linker LINKER = Linker.nativeLinker();

	private static final SymbolLookup LIBC = LINKER.defaultLookup();

	private static final ValueLayout C_LONG = (ValueLayout) LINKER.canonicalLayouts().get("long");

	private static final ValueLayout C_SIZE_T = (ValueLayout) LINKER.canonicalLayouts().get("size_t");

	private static final AddressLayout C_POINTER = ValueLayout.ADDRESS;

	private static final ValueLayout.OfInt C_INT = ValueLayout.JAVA_INT;

	private static final ValueLayout.OfShort C_SHORT = ValueLayout.JAVA_SHORT;

	private static final ValueLayout.OfShort C_NET_SHORT = ValueLayout.JAVA_SHORT.withOrder(ByteOrder.BIG_ENDIAN);

	private static final int SCM_RIGHTS = 1;

	private static final StructLayout SOCKADDR_UN = struct(C_SHORT.withName("sun_family"),
			MemoryLayout.sequenceLayout(108, ValueLayout.JAVA_BYTE).withName("sun_path"));

	private static final StructLayout SOCKADDR_IN = struct(C_SHORT.withName("sin_family"),
			C_NET_SHORT.withName("sin_port"), MemoryLayout.sequenceLayout(4, ValueLayout.JAVA_BYTE).withName("sin_addr"),
			MemoryLayout.sequenceLayout(8, ValueLayout.JAVA_BYTE).withName("sin_zero"));

	private static final StructLayout SOCKADDR_IN6 = struct(C_SHORT.withName("sin6_family"),
			C_NET_SHORT.withName("sin6_port"), C_INT.withName("sin6_flowinfo"),
			MemoryLayout.sequenceLayout(16, ValueLayout.JAVA_BYTE).withName("sin6_addr"),
			C_INT.withName("sin6_scope_id"));

	private static final StructLayout IOVEC = struct(C_POINTER.withName("iov_base"), C_SIZE_T.withName("iov_len"));

	private static final StructLayout MSGHDR = struct(C_POINTER.withName("msg_name"), C_INT.withName("msg_namelen"),
			C_POINTER.withName("msg_iov"), C_SIZE_T.withName("msg_iovlen"), C_POINTER.withName("msg_control"),
			C_SIZE_T.withName("msg_controllen"), C_INT.withName("msg_flags"));

	private static final StructLayout CMSGHDR = struct(C_SIZE_T.withName("cmsg_len"), C_INT.withName("cmsg_level"),
			C_INT.withName("cmsg_type"));

	private static final StructLayout TIMESPEC = struct(C_LONG.withName("tv_sec"), C_LONG.withName("tv_nsec"));

	private static final StructLayout POLLFD = struct(C_INT.withName("fd"), C_SHORT.withName("events"),
			C_SHORT.withName("revents"));

	private static final StructLayout CAPTURED = Linker.Option.captureStateLayout();

	private static final long ERRNO = CAPTURED.byteOffset(PathElement.groupElement("errno"));

	private static final class Socket {

		static final MethodHandle HANDLE = downcall("socket", int.class, C_INT, C_INT, C_INT, C_INT);

	}

	private static final class Connect {

		static final MethodHandle HANDLE = downcall("connect", int.class, C_INT, C_INT, C_POINTER, C_INT);

	}

	/**
	 * The descriptions of the errors of a non-blocking {@code send}, such as
	 * {@code EAGAIN} while the receiver's queue is full, looked up once each.
	 */
	private static final Map<Integer, String> SEND_ERRORS = new ConcurrentHashMap<>();

	private static final ThreadLocal<MemorySegment> CAPTURE = ThreadLocal
		.withInitial(() -> Arena.ofAuto().allocate(CAPTURED));

	/**
	 * {@code send} is the hot path ({@code WATCHDOG=1}): a critical call, which passes the
	 * Java array without copying and skips the thread state change; it never blocks
	 * ({@code MSG_DONTWAIT}).
	 */
	private static final class Send {

		static final MethodHandle HANDLE = downcall("send", long.class,
				FunctionDescriptor.of(C_LONG, C_INT, C_POINTER, C_SIZE_T, C_INT), Linker.Option.critical(true));

	}

	private static final class SendBlocking {

		static final MethodHandle HANDLE = downcall("send", long.class, C_LONG, C_INT, C_POINTER,
				C_SIZE_T, C_INT);

	}

	private static final class Sendto {

		static final MethodHandle HANDLE = downcall("sendto", long.class, C_LONG, C_INT, C_POINTER, C_SIZE_T,
				C_INT, C_POINTER, C_INT);

	}

	private static final class Sendmsg {

		static final MethodHandle HANDLE = downcall("sendmsg", long.class, C_LONG, C_INT, C_POINTER, C_INT);

	}

	private static final class Write {

		static final MethodHandle HANDLE = downcall("write", long.class, C_LONG, C_INT, C_POINTER, C_SIZE_T);

	}

	private static final class Read {

		static final MethodHandle HANDLE = downcall("read", long.class, C_LONG, C_INT, C_POINTER, C_SIZE_T);

	}

	private static final class Close {

		static final MethodHandle HANDLE = downcall("close", int.class, C_INT, C_INT);

	}

	private static final class ClockGettime {

		static final MethodHandle HANDLE = downcall("clock_gettime", int.class, C_INT, C_INT, C_POINTER);

	}

	private static final class Getsockopt {

		static final MethodHandle HANDLE = downcall("getsockopt", int.class, C_INT, C_INT, C_INT, C_INT,
				C_POINTER, C_POINTER);

	}

	private static final class Getsockname {

		static final MethodHandle HANDLE = downcall("getsockname", int.class, C_INT, C_INT, C_POINTER,
				C_POINTER);

	}

	private static final class Dup2 {

		static final MethodHandle HANDLE = downcall("dup2", int.class, C_INT, C_INT, C_INT);

	}

	private static final class Dup3 {

		static final MethodHandle HANDLE = downcall("dup3", int.class, C_INT, C_INT, C_INT, C_INT);

	}

	private static final class Fcntl {

		static final MethodHandle HANDLE = downcall("fcntl", int.class,
				FunctionDescriptor.of(C_INT, C_INT, C_INT, C_INT), Linker.Option.firstVariadicArg(2));

	}

	private static final class Open {

		static final MethodHandle HANDLE = downcall("open", int.class,
				FunctionDescriptor.of(C_INT, C_POINTER, C_INT, C_INT), Linker.Option.firstVariadicArg(2));

	}

	private static final class MemfdCreate {

		static final MethodHandle HANDLE = downcall("memfd_create", int.class, C_INT, C_POINTER, C_INT);

	}

	private static final class Poll {

		static final MethodHandle HANDLE = downcall("poll", int.class, C_INT, C_POINTER, C_LONG, C_INT);

	}

	private static final class Strerror {

		static final MethodHandle HANDLE = LINKER.downcallHandle(LIBC.find("strerror").orElseThrow(),
				FunctionDescriptor.of(C_POINTER.withTargetLayout(MemoryLayout.sequenceLayout(1024, ValueLayout.JAVA_BYTE)),
						C_INT));

	}

	/**
	 * Link the first function now, so that a JVM that denies native access fails here
	 * ({@link IllegalCallerException}) rather than on the first notification.
	 */
	ForeignLibc() {
		Socket.HANDLE.type();
	}

	@Override
	public String implementation() {
		return "java.lang.foreign";
	}

	@Override
	public int socket(int domain, int type, int protocol) throws LibcException {
		try (Arena arena = Arena.ofConfined()) {
			MemorySegment captured = arena.allocate(CAPTURED);
			return check("socket", captured, (int) Socket.HANDLE.invokeExact(captured, domain, type, protocol));
		}
		catch (LibcException | RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void connect(int fd, byte[] sunPath) throws LibcException {
		try (Arena arena = Arena.ofConfined()) {
			MemorySegment captured = arena.allocate(CAPTURED);
			MemorySegment address = sockaddrUn(arena, sunPath);
			check("connect", captured,
					(int) Connect.HANDLE.invokeExact(captured, fd, address, (int) sockaddrUnLength(sunPath)));
		}
		catch (LibcException | RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public long send(int fd, byte[] buffer, int flags) throws LibcException {
		if ((flags & MSG_DONTWAIT) == 0) {
			return sendBlocking(fd, buffer, flags);
		}
		MemorySegment captured = CAPTURE.get();
		try {
			long sent = (long) Send.HANDLE.invokeExact(captured, fd, MemorySegment.ofArray(buffer), (long) buffer.length,
					flags);
			if (sent == -1) {
				int errno = captured.get(C_INT, ERRNO);
				throw new LibcException("send", errno, SEND_ERRORS.computeIfAbsent(errno, this::strerror), false);
			}
			return sent;
		}
		catch (LibcException | RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException(ex);
		}
	}

	private long sendBlocking(int fd, byte[] buffer, int flags) throws LibcException {
		try (Arena arena = Arena.ofConfined()) {
			MemorySegment captured = arena.allocate(CAPTURED);
			MemorySegment data = bytes(arena, buffer);
			return check("send", captured,
					(long) SendBlocking.HANDLE.invokeExact(captured, fd, data, (long) buffer.length, flags));
		}
		catch (LibcException | RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public long sendto(int fd, byte[] buffer, int flags, byte[] sunPath) throws LibcException {
		try (Arena arena = Arena.ofConfined()) {
			MemorySegment captured = arena.allocate(CAPTURED);
			MemorySegment data = bytes(arena, buffer);
			MemorySegment address = sockaddrUn(arena, sunPath);
			return check("sendto", captured, (long) Sendto.HANDLE.invokeExact(captured, fd, data, (long) buffer.length,
					flags,
					address, (int) sockaddrUnLength(sunPath)));
		}
		catch (LibcException | RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public long sendmsg(int fd, byte[] buffer, int[] fileDescriptors, int flags) throws LibcException {
		try (Arena arena = Arena.ofConfined()) {
			MemorySegment captured = arena.allocate(CAPTURED);
			MemorySegment iov = arena.allocate(IOVEC);
			iov.set(C_POINTER, offset(IOVEC, "iov_base"), bytes(arena, buffer));
			setSize(iov, offset(IOVEC, "iov_len"), buffer.length);
			MemorySegment message = arena.allocate(MSGHDR);
			message.set(C_POINTER, offset(MSGHDR, "msg_iov"), iov);
			setSize(message, offset(MSGHDR, "msg_iovlen"), 1);
			if (fileDescriptors.length > 0) {
				long header = align(CMSGHDR.byteSize());
				long data = C_INT.byteSize() * fileDescriptors.length;
				MemorySegment control = arena.allocate(header + align(data), CMSGHDR.byteAlignment());
				setSize(control, offset(CMSGHDR, "cmsg_len"), header + data);
				control.set(C_INT, offset(CMSGHDR, "cmsg_level"), SOL_SOCKET);
				control.set(C_INT, offset(CMSGHDR, "cmsg_type"), SCM_RIGHTS);
				MemorySegment.copy(fileDescriptors, 0, control, C_INT, header, fileDescriptors.length);
				message.set(C_POINTER, offset(MSGHDR, "msg_control"), control);
				setSize(message, offset(MSGHDR, "msg_controllen"), control.byteSize());
			}
			return check("sendmsg", captured, (long) Sendmsg.HANDLE.invokeExact(captured, fd, message, flags));
		}
		catch (LibcException | RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public long write(int fd, byte[] buffer) throws LibcException {
		try (Arena arena = Arena.ofConfined()) {
			MemorySegment captured = arena.allocate(CAPTURED);
			MemorySegment data = bytes(arena, buffer);
			return check("write", captured, (long) Write.HANDLE.invokeExact(captured, fd, data, (long) buffer.length));
		}
		catch (LibcException | RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public long read(int fd, byte[] buffer) throws LibcException {
		try (Arena arena = Arena.ofConfined()) {
			MemorySegment captured = arena.allocate(CAPTURED);
			MemorySegment data = arena.allocate(Math.max(1, buffer.length));
			long count = check("read", captured, (long) Read.HANDLE.invokeExact(captured, fd, data, (long) buffer.length));
			MemorySegment.copy(data, ValueLayout.JAVA_BYTE, 0, buffer, 0, (int) count);
			return count;
		}
		catch (LibcException | RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close(int fd) throws LibcException {
		try (Arena arena = Arena.ofConfined()) {
			MemorySegment captured = arena.allocate(CAPTURED);
			check("close", captured, (int) Close.HANDLE.invokeExact(captured, fd));
		}
		catch (LibcException | RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public long clockGettime(int clockId) throws LibcException {
		try (Arena arena = Arena.ofConfined()) {
			MemorySegment captured = arena.allocate(CAPTURED);
			MemorySegment timespec = arena.allocate(TIMESPEC);
			check("clock_gettime", captured, (int) ClockGettime.HANDLE.invokeExact(captured, clockId, timespec));
			return getLong(timespec, offset(TIMESPEC, "tv_sec")) * 1_000_000_000L
					+ getLong(timespec, offset(TIMESPEC, "tv_nsec"));
		}
		catch (LibcException | RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public int getsockopt(int fd, int level, int name) throws LibcException {
		try (Arena arena = Arena.ofConfined()) {
			MemorySegment captured = arena.allocate(CAPTURED);
			MemorySegment value = arena.allocate(C_INT);
			MemorySegment length = arena.allocateFrom(C_INT, (int) C_INT.byteSize());
			check("getsockopt", captured,
					(int) Getsockopt.HANDLE.invokeExact(captured, fd, level, name, value, length));
			return value.get(C_INT, 0);
		}
		catch (LibcException | RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public SocketName getsockname(int fd) throws LibcException {
		try (Arena arena = Arena.ofConfined()) {
			MemorySegment captured = arena.allocate(CAPTURED);
			MemorySegment address = arena.allocate(128, 8);
			MemorySegment length = arena.allocateFrom(C_INT, (int) address.byteSize());
			check("getsockname", captured, (int) Getsockname.HANDLE.invokeExact(captured, fd, address, length));
			int family = address.get(C_SHORT, 0) & 0xffff;
			if (family == AF_INET) {
				return new SocketName(family, bytes(address, SOCKADDR_IN, "sin_addr"),
						address.get(C_NET_SHORT, offset(SOCKADDR_IN, "sin_port")) & 0xffff);
			}
			if (family == AF_INET6) {
				return new SocketName(family, bytes(address, SOCKADDR_IN6, "sin6_addr"),
						address.get(C_NET_SHORT, offset(SOCKADDR_IN6, "sin6_port")) & 0xffff);
			}
			return new SocketName(family, new byte[0], 0);
		}
		catch (LibcException | RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public int dup2(int fd, int target) throws LibcException {
		try (Arena arena = Arena.ofConfined()) {
			MemorySegment captured = arena.allocate(CAPTURED);
			return check("dup2", captured, (int) Dup2.HANDLE.invokeExact(captured, fd, target));
		}
		catch (LibcException | RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public int dup3(int fd, int target, int flags) throws LibcException {
		try (Arena arena = Arena.ofConfined()) {
			MemorySegment captured = arena.allocate(CAPTURED);
			return check("dup3", captured, (int) Dup3.HANDLE.invokeExact(captured, fd, target, flags));
		}
		catch (LibcException | RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public int fcntl(int fd, int command, int argument) throws LibcException {
		try (Arena arena = Arena.ofConfined()) {
			MemorySegment captured = arena.allocate(CAPTURED);
			return check("fcntl", captured, (int) Fcntl.HANDLE.invokeExact(captured, fd, command, argument));
		}
		catch (LibcException | RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public int open(String path, int flags) throws LibcException {
		try (Arena arena = Arena.ofConfined()) {
			MemorySegment captured = arena.allocate(CAPTURED);
			MemorySegment cPath = arena.allocateFrom(path);
			return check("open", captured, (int) Open.HANDLE.invokeExact(captured, cPath, flags, 0));
		}
		catch (LibcException | RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public int memfdCreate(String name, int flags) throws LibcException {
		try (Arena arena = Arena.ofConfined()) {
			MemorySegment captured = arena.allocate(CAPTURED);
			MemorySegment cName = arena.allocateFrom(name);
			return check("memfd_create", captured, (int) MemfdCreate.HANDLE.invokeExact(captured, cName, flags));
		}
		catch (LibcException | RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public int poll(int fd, int events, int timeoutMillis) throws LibcException {
		try (Arena arena = Arena.ofConfined()) {
			MemorySegment captured = arena.allocate(CAPTURED);
			MemorySegment pollfd = arena.allocate(POLLFD);
			pollfd.set(C_INT, offset(POLLFD, "fd"), fd);
			pollfd.set(C_SHORT, offset(POLLFD, "events"), (short) events);
			check("poll", captured, (int) Poll.HANDLE.invokeExact(captured, pollfd, 1L, timeoutMillis));
			return pollfd.get(C_SHORT, offset(POLLFD, "revents")) & 0xffff;
		}
		catch (LibcException | RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public String strerror(int errno) {
		try {
			return ((MemorySegment) Strerror.HANDLE.invokeExact(errno)).getString(0);
		}
		catch (RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException(ex);
		}
	}

	private int check(String call, MemorySegment captured, int result) throws LibcException {
		if (result == -1) {
			throw failure(call, captured);
		}
		return result;
	}

	private long check(String call, MemorySegment captured, long result) throws LibcException {
		if (result == -1) {
			throw failure(call, captured);
		}
		return result;
	}

	private LibcException failure(String call, MemorySegment captured) {
		int errno = captured.get(C_INT, ERRNO);
		return new LibcException(call, errno, strerror(errno));
	}

	private static MemorySegment bytes(Arena arena, byte[] buffer) {
		return (buffer.length > 0) ? arena.allocateFrom(ValueLayout.JAVA_BYTE, buffer) : arena.allocate(1);
	}

	private static byte[] bytes(MemorySegment segment, StructLayout layout, String name) {
		return segment.asSlice(offset(layout, name), layout.select(PathElement.groupElement(name)).byteSize())
			.toArray(ValueLayout.JAVA_BYTE);
	}

	private static MemorySegment sockaddrUn(Arena arena, byte[] sunPath) {
		long capacity = SOCKADDR_UN.select(PathElement.groupElement("sun_path")).byteSize();
		if (sunPath.length > capacity) {
			throw new IllegalArgumentException("sun_path holds " + capacity + " bytes, not " + sunPath.length);
		}
		MemorySegment address = arena.allocate(SOCKADDR_UN);
		address.set(C_SHORT, offset(SOCKADDR_UN, "sun_family"), (short) AF_UNIX);
		MemorySegment.copy(sunPath, 0, address, ValueLayout.JAVA_BYTE, offset(SOCKADDR_UN, "sun_path"),
				sunPath.length);
		return address;
	}

	private static long sockaddrUnLength(byte[] sunPath) {
		return offset(SOCKADDR_UN, "sun_path") + sunPath.length;
	}

	private static long offset(StructLayout layout, String name) {
		return layout.byteOffset(PathElement.groupElement(name));
	}

	private static long align(long length) {
		long alignment = C_SIZE_T.byteSize();
		return (length + alignment - 1) & -alignment;
	}

	private static void setSize(MemorySegment segment, long offset, long value) {
		if (C_SIZE_T.byteSize() == Long.BYTES) {
			segment.set(ValueLayout.JAVA_LONG, offset, value);
		}
		else {
			segment.set(ValueLayout.JAVA_INT, offset, (int) value);
		}
	}

	private static long getLong(MemorySegment segment, long offset) {
		return (C_LONG.byteSize() == Long.BYTES) ? segment.get(ValueLayout.JAVA_LONG, offset)
				: segment.get(ValueLayout.JAVA_INT, offset);
	}

	/**
	 * Lay out a C structure: each member at the next offset its alignment allows, the
	 * whole padded to the largest alignment, as the C compiler does.
	 */
	private static StructLayout struct(MemoryLayout... members) {
		List<MemoryLayout> laidOut = new ArrayList<>();
		long offset = 0;
		long alignment = 1;
		for (MemoryLayout member : members) {
			long padding = padding(offset, member.byteAlignment());
			if (padding > 0) {
				laidOut.add(MemoryLayout.paddingLayout(padding));
			}
			laidOut.add(member);
			offset += padding + member.byteSize();
			alignment = Math.max(alignment, member.byteAlignment());
		}
		long padding = padding(offset, alignment);
		if (padding > 0) {
			laidOut.add(MemoryLayout.paddingLayout(padding));
		}
		return MemoryLayout.structLayout(laidOut.toArray(MemoryLayout[]::new));
	}

	private static long padding(long offset, long alignment) {
		return (alignment - offset % alignment) % alignment;
	}

	private static MethodHandle downcall(String name, Class<?> returnType, MemoryLayout result,
			MemoryLayout... arguments) {
		return downcall(name, returnType, FunctionDescriptor.of(result, arguments));
	}

	/**
	 * Return a handle that captures {@code errno} into its first argument, with
	 * {@code long} in place of {@code long} and {@code size_t} whatever their size.
	 */
	private static MethodHandle downcall(String name, Class<?> returnType, FunctionDescriptor descriptor,
			Linker.Option... options) {
		Linker.Option[] all = new Linker.Option[options.length + 1];
		all[0] = Linker.Option.captureCallState("errno");
		System.arraycopy(options, 0, all, 1, options.length);
		MethodHandle handle = LINKER.downcallHandle(LIBC.find(name).orElseThrow(), descriptor, all);
		MethodType type = handle.type().changeReturnType(returnType);
		for (int i = 1; i < type.parameterCount(); i++) {
			MemoryLayout argument = descriptor.argumentLayouts().get(i - 1);
			if (argument.equals(C_LONG) || argument.equals(C_SIZE_T)) {
				type = type.changeParameterType(i, long.class);
			}
		}
		return MethodHandles.explicitCastArguments(handle, type);
	}

}
