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

import org.jspecify.annotations.Nullable;
import org.springframework.boot.web.server.WebServer;

/**
 * Opens a listener of a running web server on an ephemeral port of the loopback address,
 * serving what the server's own connector serves, for a {@link WarmUp} to send requests
 * to before the server takes connections from a socket passed by systemd.
 * <p>
 * Internal to the starter: not a public API. Public for the web server adapters of
 * {@code activation.tomcat}, {@code activation.jetty} and {@code activation.netty}.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface LoopbackConnector {

	/**
	 * Open a listener of the given server on {@code 127.0.0.1}, port 0.
	 * @param webServer the running web server
	 * @return the open listener, or {@code null} when the server is not of the kind this
	 * connector serves
	 * @throws Exception when the listener cannot be opened
	 */
	@Nullable Listener open(WebServer webServer) throws Exception;

	/**
	 * A listener opened by {@link #open(WebServer)}, closed once the warm-up is done.
	 */
	interface Listener extends AutoCloseable {

		/**
		 * Return the port the listener is bound to on {@code 127.0.0.1}.
		 * @return the port
		 */
		int port();

		/**
		 * Return a listener bound to the given port that is closed by the given action.
		 * @param port the port the listener is bound to
		 * @param close closes the listener
		 * @return the listener
		 */
		static Listener of(int port, AutoCloseable close) {
			return new Listener() {

				@Override
				public int port() {
					return port;
				}

				@Override
				public void close() throws Exception {
					close.close();
				}

			};
		}

	}

}
