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
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A request sent at once on a connection of its own, whose response is read later, and
 * the server that plays the next start of a service: it answers, from a listening channel
 * that outlived the server under test, the requests that waited in the backlog.
 */
public final class PendingRequest {

	private final Socket socket;

	public PendingRequest(int port) throws IOException {
		this.socket = new Socket(InetAddress.getLoopbackAddress(), port);
		this.socket.setSoTimeout(30_000);
		OutputStream out = this.socket.getOutputStream();
		out.write(
				"GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
		out.flush();
	}

	public static List<PendingRequest> send(int port, int count) throws IOException {
		List<PendingRequest> requests = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			requests.add(new PendingRequest(port));
		}
		return requests;
	}

	public String response() throws IOException {
		try (this.socket; InputStream in = this.socket.getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
		}
	}

	/**
	 * Accept connections from a listening channel and answer each request with
	 * {@code body}, until {@code count} requests are answered.
	 * @param channel the listening channel
	 * @param count how many requests to answer
	 * @param body the body of every response
	 * @param timeout how long to try
	 * @throws IOException on failure
	 * @throws org.awaitility.core.ConditionTimeoutException if fewer requests were
	 * answered within the timeout
	 */
	public static void answerQueued(ServerSocketChannel channel, int count, String body, Duration timeout)
			throws IOException {
		channel.configureBlocking(false);
		AtomicInteger answered = new AtomicInteger();
		await().atMost(timeout).pollInterval(Duration.ofMillis(10)).untilAsserted(() -> {
			SocketChannel connection;
			while (answered.get() < count && (connection = channel.accept()) != null) {
				if (answer(connection, body)) {
					answered.incrementAndGet();
				}
			}
			assertThat(answered).as("queued requests answered").hasValue(count);
		});
	}

	private static boolean answer(SocketChannel connection, String body) throws IOException {
		try (connection) {
			connection.configureBlocking(true);
			ByteBuffer request = ByteBuffer.allocate(4096);
			if (connection.read(request) <= 0) {
				return false;
			}
			connection.write(ByteBuffer
				.wrap(("HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body)
					.getBytes(StandardCharsets.ISO_8859_1)));
			return true;
		}
	}

}
