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
	 * Accept connections from a listening channel until {@code count} requests are
	 * answered with {@code body}, or the timeout passes.
	 * @param channel the listening channel
	 * @param count how many requests to answer
	 * @param body the body of every response
	 * @param timeout how long to try
	 * @return how many requests were answered
	 * @throws IOException on failure
	 */
	public static int answerQueued(ServerSocketChannel channel, int count, String body, Duration timeout)
			throws IOException {
		channel.configureBlocking(false);
		long deadline = System.nanoTime() + timeout.toNanos();
		int answered = 0;
		while (answered < count && System.nanoTime() < deadline) {
			SocketChannel connection = channel.accept();
			if (connection == null) {
				sleep();
				continue;
			}
			try (connection) {
				connection.configureBlocking(true);
				ByteBuffer request = ByteBuffer.allocate(4096);
				if (connection.read(request) > 0) {
					connection.write(ByteBuffer.wrap(("HTTP/1.1 200 OK\r\nContent-Length: " + body.length()
							+ "\r\nConnection: close\r\n\r\n" + body)
						.getBytes(StandardCharsets.ISO_8859_1)));
					answered++;
				}
			}
		}
		return answered;
	}

	private static void sleep() {
		try {
			Thread.sleep(10);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
