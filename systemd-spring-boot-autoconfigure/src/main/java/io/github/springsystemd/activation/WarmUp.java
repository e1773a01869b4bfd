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

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.web.server.WebServer;

import io.github.springsystemd.support.DurationText;

/**
 * Warms a freshly started web server up before it takes connections from a socket passed
 * by systemd: sends {@code GET} requests to the application's own paths through a
 * {@link LoopbackConnector listener of the same server} on an ephemeral loopback port,
 * each on a connection of its own ({@code Connection: close}), so that the first
 * connections and requests from the passed socket (after a handover, the users') do not
 * pay for what a cold JVM does on its first requests: loading classes, the lazy
 * initialisation of the {@code DispatcherServlet}, running interpreted code. The answers
 * do not matter (a {@code 404} warms up as much of the server as a {@code 200}). Bounded
 * by a timeout; a failure is logged at {@code WARN} and the application goes on.
 * <p>
 * Internal to the starter: not a public API. Public for the auto-configuration.
 *
 * @since 0.1.0
 */
public final class WarmUp {

	private static final Log logger = LogFactory.getLog(WarmUp.class);

	private final int requests;

	private final List<String> paths;

	private final Duration timeout;

	private final List<LoopbackConnector> connectors;

	/**
	 * Create a new instance.
	 * @param requests how many requests to send to each path, 0 for none
	 * @param paths the paths to send them to, each starting with {@code /}
	 * @param timeout the longest the warm-up may take
	 * @param connectors the connectors that open a loopback listener of each kind of
	 * server
	 */
	public WarmUp(int requests, List<String> paths, Duration timeout, List<LoopbackConnector> connectors) {
		this.requests = requests;
		this.paths = List.copyOf(paths);
		this.timeout = timeout;
		this.connectors = List.copyOf(connectors);
	}

	/**
	 * Warm the given server up, if requests are configured: open a loopback listener,
	 * send the requests from a thread of their own for at most the timeout, close the
	 * listener. Never throws, and returns within the timeout and the time it takes to
	 * open and close the listener.
	 * @param webServer the running web server
	 */
	public void run(WebServer webServer) {
		if (this.requests <= 0 || this.paths.isEmpty()) {
			return;
		}
		long start = System.nanoTime();
		LoopbackConnector.Listener listener;
		try {
			listener = open(webServer);
		}
		catch (Exception ex) {
			logger
				.warn("Could not warm the web server up: no loopback listener (" + ex + "); it takes connections cold");
			return;
		}
		if (listener == null) {
			logger.warn("Cannot warm up a " + webServer.getClass().getSimpleName()
					+ " (systemd.socket-activation.warm-up.requests=" + this.requests
					+ "): only Tomcat, Jetty and Reactor Netty can be warmed up; it takes connections cold");
			return;
		}
		Requests requests = new Requests(listener.port());
		Thread thread = new Thread(requests, "systemd-warm-up");
		thread.setDaemon(true);
		thread.start();
		boolean cutShort;
		try {
			thread.join(timeoutMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			cutShort = thread.isAlive();
			if (cutShort) {
				requests.stop();
				thread.interrupt();
			}
			try {
				listener.close();
			}
			catch (Exception ex) {
				logger.warn(
						"Could not close the warm-up's loopback listener on port " + listener.port() + " (" + ex + ")");
			}
		}
		report(requests, cutShort, Duration.ofNanos(System.nanoTime() - start));
	}

	/**
	 * Return the timeout in milliseconds: at least 1 (a timeout of 0 would mean none to
	 * {@link Thread#join(long)} and to the socket), at most what an {@code int} holds
	 * (the socket's timeouts; about 24 days), whatever the duration.
	 */
	private long timeoutMillis() {
		if (this.timeout.compareTo(Duration.ofMillis(Integer.MAX_VALUE)) >= 0) {
			return Integer.MAX_VALUE;
		}
		return Math.max(1, this.timeout.toMillis());
	}

	private LoopbackConnector.@Nullable Listener open(WebServer webServer) throws Exception {
		for (LoopbackConnector connector : this.connectors) {
			LoopbackConnector.Listener listener = connector.open(webServer);
			if (listener != null) {
				return listener;
			}
		}
		return null;
	}

	private void report(Requests requests, boolean cutShort, Duration took) {
		String summary = "Warmed the web server up with " + requests.answered() + " requests to " + this.paths + " in "
				+ DurationText.seconds(took) + " (answers: " + requests.statuses() + ")";
		String failed = (requests.failed() > 0)
				? "; " + requests.failed() + " got no answer, the first: " + requests.firstFailure() : "";
		if (cutShort) {
			logger.warn(summary + failed + "; cut short at systemd.socket-activation.warm-up.timeout="
					+ DurationText.of(this.timeout) + " before taking connections from the socket passed by systemd");
		}
		else if (requests.failed() > 0) {
			logger.warn(summary + failed + "; taking connections from the socket passed by systemd");
		}
		else {
			logger.info(summary + " before taking connections from the socket passed by systemd");
		}
	}

	/**
	 * The warm-up requests, sent one after the other until all are sent, a few in a row
	 * got no answer, or {@link #stop()}.
	 */
	private final class Requests implements Runnable {

		private static final int MAX_FAILURES_IN_A_ROW = 5;

		private final int port;

		private final Map<Integer, Integer> statuses = new ConcurrentSkipListMap<>();

		private final AtomicInteger answered = new AtomicInteger();

		private final AtomicInteger failed = new AtomicInteger();

		private volatile @Nullable String firstFailure;

		private volatile boolean stopped;

		private volatile @Nullable HttpURLConnection current;

		Requests(int port) {
			this.port = port;
		}

		@Override
		public void run() {
			int inARow = 0;
			for (int i = 0; i < WarmUp.this.requests; i++) {
				for (String path : WarmUp.this.paths) {
					if (this.stopped || inARow >= MAX_FAILURES_IN_A_ROW) {
						return;
					}
					try {
						int status = get(path);
						this.statuses.merge(status, 1, Integer::sum);
						this.answered.incrementAndGet();
						inARow = 0;
					}
					catch (IOException | RuntimeException ex) {
						// a path the URI syntax does not allow is a failure too, not an
						// end of the thread that would read as a warm-up with no answers
						if (this.failed.getAndIncrement() == 0) {
							this.firstFailure = path + ": " + ex;
						}
						inARow++;
					}
				}
			}
		}

		private int get(String path) throws IOException {
			HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + this.port + path)
				.toURL()
				.openConnection(Proxy.NO_PROXY);
			this.current = connection;
			// only the warm-up's own timeout cuts a request off: a slow answer (a cold
			// JVM's first request on a busy machine) still warms up
			int timeout = (int) timeoutMillis();
			connection.setConnectTimeout(timeout);
			connection.setReadTimeout(timeout);
			connection.setUseCaches(false);
			connection.setInstanceFollowRedirects(false);
			// a connection of its own for each request, as clients without keep-alive
			// come: the server's accept and connection set-up are warmed up as well as
			// its request path (over one kept-alive connection they would run once)
			connection.setRequestProperty("Connection", "close");
			try {
				int status = connection.getResponseCode();
				try (InputStream body = (status < 400) ? connection.getInputStream() : connection.getErrorStream()) {
					if (body != null) {
						body.transferTo(OutputStream.nullOutputStream());
					}
				}
				return status;
			}
			finally {
				this.current = null;
			}
		}

		/**
		 * Stop sending; a request under way is cut off.
		 */
		void stop() {
			this.stopped = true;
			HttpURLConnection connection = this.current;
			if (connection != null) {
				connection.disconnect();
			}
		}

		int answered() {
			return this.answered.get();
		}

		int failed() {
			return this.failed.get();
		}

		@Nullable String firstFailure() {
			return this.firstFailure;
		}

		String statuses() {
			if (this.statuses.isEmpty()) {
				return "none";
			}
			return this.statuses.entrySet()
				.stream()
				.map((entry) -> entry.getValue() + " x " + entry.getKey())
				.collect(Collectors.joining(", "));
		}

	}

}
