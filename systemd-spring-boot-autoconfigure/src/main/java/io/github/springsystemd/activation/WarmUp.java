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
import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.web.server.WebServer;

import io.github.springsystemd.support.DurationText;

/**
 * Warms a freshly started web server up before it takes connections from a socket passed
 * by systemd: sends {@code GET} requests to the application's own paths through a
 * {@link LoopbackConnector listener of the same server} on an ephemeral loopback port, so
 * that the first requests from the passed socket (after a handover, the users') do not
 * pay for what a cold JVM does on its first requests: loading classes, the lazy
 * initialisation of the {@code DispatcherServlet}, running interpreted code. The answers
 * do not matter (a {@code 404} warms up as much of the server as a {@code 200}). Bounded
 * by a timeout; a failure is logged at {@code WARN} and the application goes on.
 *
 * @since 0.1.0
 */
public final class WarmUp {

	private static final Log logger = LogFactory.getLog(WarmUp.class);

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);

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
	 * Warm the given server up, if requests are configured. Never throws.
	 * @param webServer the running web server
	 */
	public void run(WebServer webServer) {
		if (this.requests <= 0 || this.paths.isEmpty()) {
			return;
		}
		long start = System.nanoTime();
		try (LoopbackConnector.Listener listener = open(webServer)) {
			if (listener == null) {
				logger.warn("Cannot warm up a " + webServer.getClass().getSimpleName()
						+ " (systemd.socket-activation.warm-up.requests=" + this.requests
						+ "): only Tomcat, Jetty and Reactor Netty can be warmed up");
				return;
			}
			int sent = send(listener.port(), start + this.timeout.toNanos());
			String took = DurationText.seconds(Duration.ofNanos(System.nanoTime() - start));
			logger.info("Warmed the web server up with " + sent + " requests to " + this.paths + " in " + took
					+ " before taking connections from the socket passed by systemd");
		}
		catch (Exception ex) {
			logger.warn("Could not warm the web server up (" + ex + "); it takes connections cold");
		}
	}

	private LoopbackConnector.Listener open(WebServer webServer) throws Exception {
		for (LoopbackConnector connector : this.connectors) {
			LoopbackConnector.Listener listener = connector.open(webServer);
			if (listener != null) {
				return listener;
			}
		}
		return null;
	}

	private int send(int port, long deadline) throws IOException {
		int sent = 0;
		for (int i = 0; i < this.requests; i++) {
			for (String path : this.paths) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					logger.warn("The warm-up took longer than systemd.socket-activation.warm-up.timeout="
							+ DurationText.of(this.timeout) + " and was cut short after " + sent + " requests");
					return sent;
				}
				get(port, path, (int) Math.max(1, Math.min(left, REQUEST_TIMEOUT.toNanos()) / 1_000_000));
				sent++;
			}
		}
		return sent;
	}

	private static void get(int port, String path, int timeoutMillis) throws IOException {
		HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path)
			.toURL()
			.openConnection();
		connection.setConnectTimeout(timeoutMillis);
		connection.setReadTimeout(timeoutMillis);
		connection.setUseCaches(false);
		int status = connection.getResponseCode();
		try (InputStream body = (status < 400) ? connection.getInputStream() : connection.getErrorStream()) {
			if (body != null) {
				body.transferTo(OutputStream.nullOutputStream());
			}
		}
	}

}
