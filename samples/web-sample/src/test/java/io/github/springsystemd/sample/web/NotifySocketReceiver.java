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
package io.github.springsystemd.sample.web;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * Receives what the application tells the service manager: a real AF_UNIX datagram
 * socket, bound to a path, read on a background thread, the way systemd reads
 * {@code NOTIFY_SOCKET}. Linux only; JNA comes with the starter.
 */
final class NotifySocketReceiver implements AutoCloseable {

	private static final Libc libc = Native.load("c", Libc.class);

	private static final int AF_UNIX = 1;

	private static final int SOCK_DGRAM = 2;

	private static final int SOCK_CLOEXEC = 0x80000;

	private static final int SOL_SOCKET = 1;

	private static final int SO_RCVTIMEO = 20;

	private final Path path;

	private final int fd;

	private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();

	private final List<String> received = new ArrayList<>();

	private final Thread thread;

	private volatile boolean open = true;

	private NotifySocketReceiver(Path path) {
		this.path = path;
		this.fd = libc.socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
		byte[] name = path.toString().getBytes(StandardCharsets.UTF_8);
		byte[] address = ByteBuffer.allocate(2 + name.length + 1)
			.order(ByteOrder.nativeOrder())
			.putShort((short) AF_UNIX)
			.put(name)
			.array();
		libc.bind(this.fd, address, address.length);
		byte[] timeout = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder()).putLong(0).putLong(50_000).array();
		libc.setsockopt(this.fd, SOL_SOCKET, SO_RCVTIMEO, timeout, timeout.length);
		this.thread = new Thread(this::receive, "notify-socket-receiver");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	static NotifySocketReceiver bind(Path path) {
		return new NotifySocketReceiver(path);
	}

	String getNotifySocket() {
		return this.path.toString();
	}

	String poll(Duration timeout) throws InterruptedException {
		return this.queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
	}

	String await(Predicate<String> condition, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			long left = deadline - System.nanoTime();
			String message = (left > 0) ? this.queue.poll(left, TimeUnit.NANOSECONDS) : null;
			if (message == null) {
				synchronized (this.received) {
					throw new AssertionError(
							"No matching notification within " + timeout + "; received: " + this.received);
				}
			}
			if (condition.test(message)) {
				return message;
			}
		}
	}

	private void receive() {
		byte[] buffer = new byte[65536];
		while (this.open) {
			try {
				int length = libc.recv(this.fd, buffer, buffer.length, 0);
				String message = new String(buffer, 0, length, StandardCharsets.UTF_8);
				synchronized (this.received) {
					this.received.add(message);
				}
				this.queue.add(message);
			}
			catch (LastErrorException ex) {
				// Timed out (EAGAIN): check whether still open
			}
		}
	}

	@Override
	public void close() throws Exception {
		this.open = false;
		this.thread.join(1000);
		libc.close(this.fd);
		Files.deleteIfExists(this.path);
	}

	private interface Libc extends Library {

		int socket(int domain, int type, int protocol) throws LastErrorException;

		int bind(int fd, byte[] address, int length) throws LastErrorException;

		int setsockopt(int fd, int level, int name, byte[] value, int length) throws LastErrorException;

		int recv(int fd, byte[] buffer, int length, int flags) throws LastErrorException;

		int close(int fd) throws LastErrorException;

	}

}
