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

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/**
 * A real AF_UNIX datagram socket bound to a path that receives journal entries the way
 * journald does: the datagram's bytes as they are, and the file descriptors passed with
 * {@code SCM_RIGHTS}, kept open for the test to inspect. Linux only; reads on the
 * caller's thread, waiting at most the given time.
 */
public final class JournalSocketReceiver implements AutoCloseable {

	private static final C libc = Native.load("c", C.class);

	private static final int AF_UNIX = 1;

	private static final int SOCK_DGRAM = 2;

	private static final int SOCK_CLOEXEC = 0x80000;

	private static final int SOL_SOCKET = 1;

	private static final int SO_RCVBUF = 8;

	private static final int SO_RCVTIMEO = 20;

	private static final int SCM_RIGHTS = 1;

	private static final int F_GET_SEALS = 1034;

	private final int fd;

	private final Path path;

	private JournalSocketReceiver(Path path) {
		this.path = path;
		this.fd = libc.socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
		byte[] name = path.toString().getBytes(StandardCharsets.UTF_8);
		byte[] address = ByteBuffer.allocate(2 + name.length + 1)
			.order(ByteOrder.nativeOrder())
			.putShort((short) AF_UNIX)
			.put(name)
			.array();
		libc.bind(this.fd, address, address.length);
		byte[] timeout = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder()).putLong(5).putLong(0).array();
		libc.setsockopt(this.fd, SOL_SOCKET, SO_RCVTIMEO, timeout, timeout.length);
		byte[] size = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(4 * 1024 * 1024).array();
		libc.setsockopt(this.fd, SOL_SOCKET, SO_RCVBUF, size, size.length);
	}

	/**
	 * Bind a receiver to a file system path.
	 * @param path the socket path
	 * @return the receiver
	 */
	public static JournalSocketReceiver bind(Path path) {
		return new JournalSocketReceiver(path);
	}

	/**
	 * Receive the next datagram, waiting at most five seconds.
	 * @return the datagram
	 * @throws LastErrorException if none arrives in time ({@code EAGAIN})
	 */
	public Datagram receive() {
		Memory buffer = new Memory(1024 * 1024);
		Memory iov = new Memory(16);
		iov.setPointer(0, buffer);
		iov.setLong(8, buffer.size());
		Memory control = new Memory(256);
		control.clear();
		Memory message = new Memory(56);
		message.clear();
		message.setPointer(16, iov);
		message.setLong(24, 1);
		message.setPointer(32, control);
		message.setLong(40, control.size());
		int length = libc.recvmsg(this.fd, message, 0).intValue();
		List<Integer> descriptors = new ArrayList<>();
		long controlLength = message.getLong(40);
		long offset = 0;
		while (offset + 16 <= controlLength) {
			long cmsgLength = control.getLong(offset);
			if (cmsgLength < 16) {
				break;
			}
			if (control.getInt(offset + 8) == SOL_SOCKET && control.getInt(offset + 12) == SCM_RIGHTS) {
				for (long data = offset + 16; data + 4 <= offset + cmsgLength; data += 4) {
					descriptors.add(control.getInt(data));
				}
			}
			offset += (cmsgLength + 7) & ~7;
		}
		return new Datagram(buffer.getByteArray(0, length), descriptors);
	}

	@Override
	public void close() throws IOException {
		libc.close(this.fd);
		Files.deleteIfExists(this.path);
	}

	/**
	 * One datagram: its bytes and the descriptors that came with it.
	 *
	 * @param bytes the datagram's bytes
	 * @param descriptors the received file descriptors, open in this process
	 */
	public record Datagram(byte[] bytes, List<Integer> descriptors) {

		/**
		 * Return the seals of a received memfd ({@code F_GET_SEALS}).
		 * @param fd the descriptor
		 * @return the seals
		 */
		public static int seals(int fd) {
			return libc.fcntl(fd, F_GET_SEALS, 0);
		}

		/**
		 * Read a received descriptor's whole content and close it.
		 * @param fd the descriptor
		 * @return the content
		 * @throws IOException if it cannot be read
		 */
		public static byte[] readAndClose(int fd) throws IOException {
			try {
				return Files.readAllBytes(Path.of("/proc/self/fd/" + fd));
			}
			finally {
				libc.close(fd);
			}
		}

	}

	private interface C extends Library {

		int socket(int domain, int type, int protocol) throws LastErrorException;

		int bind(int fd, byte[] address, int length) throws LastErrorException;

		int setsockopt(int fd, int level, int name, byte[] value, int length) throws LastErrorException;

		NativeLong recvmsg(int fd, Pointer message, int flags) throws LastErrorException;

		int fcntl(int fd, int command, int argument) throws LastErrorException;

		int close(int fd) throws LastErrorException;

	}

}
