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

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Stops servers taking connections from a listening socket that systemd holds, so that
 * connections that arrive while the application shuts down wait in the socket's backlog
 * for the next start, then waits (at most a second, for idle keep-alive connections)
 * until the connections already taken are served, and only then lets the servers pause.
 */
final class SocketRelease {

	private static final Log logger = LogFactory.getLog(SocketRelease.class);

	private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(1);

	private final String socket;

	private final int port;

	private final List<Supplier<Runnable>> stops = new ArrayList<>();

	private boolean released;

	/**
	 * Create a new {@link SocketRelease}.
	 * @param socket the socket, as it is named in messages
	 * @param port the port it listens on
	 */
	SocketRelease(String socket, int port) {
		this.socket = socket;
		this.port = port;
	}

	/**
	 * Add what stops a server taking connections.
	 * @param stopAccepting stops the server taking connections and returns what pauses it
	 * once the connections it has already taken are served
	 */
	synchronized void add(Supplier<Runnable> stopAccepting) {
		this.stops.add(stopAccepting);
	}

	/**
	 * Return whether {@link #run()} was called.
	 * @return whether the servers were released
	 */
	synchronized boolean isReleased() {
		return this.released;
	}

	/**
	 * Stop the servers, wait for the connections they have taken, and pause them. Does
	 * nothing the second time.
	 */
	void run() {
		run(DRAIN_TIMEOUT);
	}

	void run(Duration drainTimeout) {
		List<Supplier<Runnable>> stops;
		synchronized (this) {
			if (this.released) {
				return;
			}
			this.released = true;
			if (this.stops.isEmpty()) {
				return;
			}
			stops = List.copyOf(this.stops);
		}
		long start = System.nanoTime();
		List<Runnable> pauses = new ArrayList<>();
		for (Supplier<Runnable> stop : stops) {
			try {
				pauses.add(stop.get());
			}
			catch (RuntimeException ex) {
				failed(ex);
			}
		}
		long stopped = System.nanoTime();
		int open = AcceptedConnections.on(this.port).awaitNone(drainTimeout);
		long drained = System.nanoTime();
		for (Runnable pause : pauses) {
			try {
				pause.run();
			}
			catch (RuntimeException ex) {
				failed(ex);
			}
		}
		if (logger.isDebugEnabled()) {
			logger.debug("Stopped taking connections from " + this.socket + "; " + open + " still open (stopped in "
					+ millis(stopped - start) + " ms, drained in " + millis(drained - stopped) + " ms, paused in "
					+ millis(System.nanoTime() - drained) + " ms)");
		}
	}

	private static long millis(long nanos) {
		return Duration.ofNanos(nanos).toMillis();
	}

	private void failed(RuntimeException ex) {
		logger.warn("Could not stop the server taking connections from " + this.socket + " (" + ex
				+ "); connections that arrive while it stops may fail");
	}

}
