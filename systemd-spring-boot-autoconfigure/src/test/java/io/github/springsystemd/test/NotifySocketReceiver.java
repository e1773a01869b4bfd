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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real AF_UNIX datagram socket that receives notifications the way the service manager
 * does, bound to a path or an abstract name. Linux only. Messages are collected on a
 * background thread.
 * <p>
 * {@link #perTest()} makes one for each test, registered as a JUnit extension
 * ({@code @RegisterExtension}): bound in a temporary directory of its own before the
 * test's {@code @BeforeEach} methods run, and closed after its {@code @AfterEach}
 * methods.
 */
public final class NotifySocketReceiver implements AutoCloseable, BeforeEachCallback, AfterEachCallback {

	private static final Libc libc = Native.load("c", Libc.class);

	private static final int AF_UNIX = 1;

	private static final int SOCK_DGRAM = 2;

	private static final int SOCK_CLOEXEC = 0x80000;

	private static final int SOL_SOCKET = 1;

	private static final int SO_RCVTIMEO = 20;

	private static final int SCM_RIGHTS = 1;

	private static final int MSG_DONTWAIT = 0x40;

	private static final int EAGAIN = 11;

	private int fd = -1;

	private byte[] address;

	private String notifySocket;

	private Path path;

	private Path directory;

	private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();

	private final List<String> received = new ArrayList<>();

	private final List<String> descriptors = new CopyOnWriteArrayList<>();

	private Thread thread;

	private volatile boolean open = true;

	private NotifySocketReceiver() {
	}

	private NotifySocketReceiver(byte[] sunPath, String notifySocket, Path path) {
		this(sunPath, notifySocket, path, true);
	}

	private NotifySocketReceiver(byte[] sunPath, String notifySocket, Path path, boolean reading) {
		open(sunPath, notifySocket, path, reading);
	}

	/**
	 * Return a receiver that a test registers as an extension
	 * ({@code @RegisterExtension}): it is bound to a path in a temporary directory of its
	 * own before each test and closed after it.
	 * @return the receiver, not bound yet
	 */
	public static NotifySocketReceiver perTest() {
		return new NotifySocketReceiver();
	}

	@Override
	public void beforeEach(ExtensionContext context) throws IOException {
		this.directory = Files.createTempDirectory("notify-socket-receiver");
		Path path = this.directory.resolve("notify");
		open(sunPath(path), path.toString(), path, true);
	}

	@Override
	public void afterEach(ExtensionContext context) throws IOException {
		close();
		Files.deleteIfExists(this.directory);
	}

	private void open(byte[] sunPath, String notifySocket, Path path, boolean reading) {
		this.fd = libc.socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
		this.notifySocket = notifySocket;
		this.path = path;
		byte[] address = ByteBuffer.allocate(2 + sunPath.length)
			.order(ByteOrder.nativeOrder())
			.putShort((short) AF_UNIX)
			.put(sunPath)
			.array();
		libc.bind(this.fd, address, address.length);
		this.address = address;
		byte[] timeout = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder()).putLong(0).putLong(50_000).array();
		libc.setsockopt(this.fd, SOL_SOCKET, SO_RCVTIMEO, timeout, timeout.length);
		if (reading) {
			startReading();
		}
	}

	/**
	 * Bind a receiver to a file system path that does not read until
	 * {@link #startReading()} is called, like a service manager that is stalled: once its
	 * queue is full ({@code net.unix.max_dgram_qlen}), a blocking send would wait.
	 * @param path the socket path
	 * @return the receiver
	 */
	public static NotifySocketReceiver bindWithoutReading(Path path) {
		return new NotifySocketReceiver(sunPath(path), path.toString(), path, false);
	}

	/**
	 * Start reading messages, if not reading already.
	 */
	public synchronized void startReading() {
		if (this.thread == null) {
			this.thread = new Thread(this::receive, "notify-socket-receiver");
			this.thread.setDaemon(true);
			this.thread.start();
		}
	}

	/**
	 * Bind a socket that nothing reads from, such as a service manager that stalled.
	 * @param fd the AF_UNIX datagram socket
	 * @param sunPath the {@code sun_path} bytes, bound with the exact address length
	 */
	public static void bindDescriptor(int fd, byte[] sunPath) {
		byte[] address = ByteBuffer.allocate(2 + sunPath.length)
			.order(ByteOrder.nativeOrder())
			.putShort((short) AF_UNIX)
			.put(sunPath)
			.array();
		libc.bind(fd, address, address.length);
	}

	/**
	 * Bind a receiver to a file system path.
	 * @param path the socket path
	 * @return the receiver
	 */
	public static NotifySocketReceiver bind(Path path) {
		return new NotifySocketReceiver(sunPath(path), path.toString(), path);
	}

	private static byte[] sunPath(Path path) {
		byte[] name = path.toString().getBytes(StandardCharsets.UTF_8);
		byte[] sunPath = new byte[name.length + 1];
		System.arraycopy(name, 0, sunPath, 0, name.length);
		return sunPath;
	}

	/**
	 * Bind a receiver to a name in the abstract namespace, with the exact address length
	 * (no NUL padding).
	 * @param name the abstract name, without the leading {@code @}
	 * @return the receiver
	 */
	public static NotifySocketReceiver bindAbstract(String name) {
		byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
		byte[] sunPath = new byte[bytes.length + 1];
		System.arraycopy(bytes, 0, sunPath, 1, bytes.length);
		return new NotifySocketReceiver(sunPath, "@" + name, null);
	}

	/**
	 * Fill this receiver's queue from a socket of its own, with datagrams sent without
	 * waiting, until the kernel refuses more ({@code EAGAIN}). A blocking send to it then
	 * waits until the receiver reads.
	 * @return the number of datagrams queued
	 */
	public int fillQueue() {
		int sender = libc.socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
		byte[] payload = "X_FILL=1".getBytes(StandardCharsets.UTF_8);
		int queued = 0;
		try {
			while (true) {
				libc.sendto(sender, payload, new NativeLong(payload.length), MSG_DONTWAIT, this.address,
						this.address.length);
				queued++;
			}
		}
		catch (LastErrorException ex) {
			if (ex.getErrorCode() != EAGAIN) {
				throw ex;
			}
			return queued;
		}
		finally {
			libc.close(sender);
		}
	}

	/**
	 * Return the value for {@code NOTIFY_SOCKET} that reaches this receiver.
	 * @return the address
	 */
	public String getNotifySocket() {
		return this.notifySocket;
	}

	/**
	 * Return the next message not returned yet.
	 * @param timeout how long to wait
	 * @return the message, or {@code null} if none arrived in time
	 * @throws InterruptedException if interrupted while waiting
	 */
	public String poll(Duration timeout) throws InterruptedException {
		return this.queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
	}

	/**
	 * Return the next message that matches, skipping messages that do not.
	 * @param condition the condition
	 * @param timeout how long to wait
	 * @return the message
	 * @throws InterruptedException if interrupted while waiting
	 * @throws AssertionError if no matching message arrives in time
	 */
	public String await(Predicate<String> condition, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			long left = deadline - System.nanoTime();
			String message = (left > 0) ? this.queue.poll(left, TimeUnit.NANOSECONDS) : null;
			if (message == null) {
				throw new AssertionError("No matching notification within " + timeout + "; received: " + received());
			}
			if (condition.test(message)) {
				return message;
			}
		}
	}

	/**
	 * Return every message received so far, in order.
	 * @return the messages
	 */
	public List<String> received() {
		synchronized (this.received) {
			return List.copyOf(this.received);
		}
	}

	private void receive() {
		Memory buffer = new Memory(65536);
		Memory iov = new Memory(16);
		iov.setPointer(0, buffer);
		iov.setLong(8, buffer.size());
		Memory control = new Memory(256);
		Memory message = new Memory(56);
		while (this.open) {
			message.clear();
			control.clear();
			message.setPointer(16, iov);
			message.setLong(24, 1);
			message.setPointer(32, control);
			message.setLong(40, control.size());
			try {
				int length = libc.recvmsg(this.fd, message, 0).intValue();
				String text = new String(buffer.getByteArray(0, length), StandardCharsets.UTF_8);
				recordDescriptors(control, message.getLong(40));
				synchronized (this.received) {
					this.received.add(text);
				}
				this.queue.add(text);
			}
			catch (LastErrorException ex) {
				// Timed out (EAGAIN) or interrupted: check whether still open
			}
		}
	}

	private void recordDescriptors(Memory control, long length) {
		long offset = 0;
		while (offset + 16 <= length) {
			long cmsgLength = control.getLong(offset);
			if (cmsgLength < 16) {
				return;
			}
			if (control.getInt(offset + 8) == SOL_SOCKET && control.getInt(offset + 12) == SCM_RIGHTS) {
				for (long data = offset + 16; data + 4 <= offset + cmsgLength; data += 4) {
					int received = control.getInt(data);
					this.descriptors.add(describe(received));
					libc.close(received);
				}
			}
			offset += (cmsgLength + 7) & ~7;
		}
	}

	/**
	 * Return what each file descriptor passed along with a message referred to, in order,
	 * as {@code /proc/self/fd} shows it (such as {@code socket:[12345]}).
	 * @param fd a file descriptor of this process
	 * @return what the descriptor refers to
	 */
	public static String describe(int fd) {
		try {
			return Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
		}
		catch (IOException ex) {
			return "unreadable: " + ex.getMessage();
		}
	}

	/**
	 * Return what the file descriptors received so far referred to.
	 * @return the descriptions, in order
	 */
	public List<String> receivedDescriptors() {
		return List.copyOf(this.descriptors);
	}

	@Override
	public void close() throws IOException {
		this.open = false;
		try {
			Thread thread;
			synchronized (this) {
				thread = this.thread;
			}
			if (thread != null) {
				thread.join(1000);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		libc.close(this.fd);
		if (this.path != null) {
			Files.deleteIfExists(this.path);
		}
	}

	private interface Libc extends Library {

		int socket(int domain, int type, int protocol) throws LastErrorException;

		int bind(int fd, byte[] address, int length) throws LastErrorException;

		int setsockopt(int fd, int level, int name, byte[] value, int length) throws LastErrorException;

		NativeLong sendto(int fd, byte[] buffer, NativeLong length, int flags, byte[] address, int addressLength)
				throws LastErrorException;

		NativeLong recvmsg(int fd, Pointer message, int flags) throws LastErrorException;

		int close(int fd) throws LastErrorException;

	}

}
