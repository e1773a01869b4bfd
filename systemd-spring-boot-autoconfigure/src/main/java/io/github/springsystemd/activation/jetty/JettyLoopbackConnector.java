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
package io.github.springsystemd.activation.jetty;

import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.jetty.JettyWebServer;
import org.springframework.boot.web.server.WebServer;

import io.github.springsystemd.activation.LoopbackConnector;

/**
 * {@link LoopbackConnector} for Jetty: a second {@link ServerConnector} of the server on
 * {@code 127.0.0.1}, port 0, with the HTTP configuration of the server's own connector,
 * so that requests go through the same handlers.
 */
final class JettyLoopbackConnector implements LoopbackConnector {

	@Override
	public @Nullable Listener open(WebServer webServer) throws Exception {
		if (!(webServer instanceof JettyWebServer jettyWebServer)) {
			return null;
		}
		Server server = jettyWebServer.getServer();
		HttpConfiguration configuration = new HttpConfiguration();
		for (Connector existing : server.getConnectors()) {
			HttpConnectionFactory factory = existing.getConnectionFactory(HttpConnectionFactory.class);
			if (factory != null) {
				configuration = factory.getHttpConfiguration();
				break;
			}
		}
		ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(configuration));
		connector.setHost("127.0.0.1");
		connector.setPort(0);
		AutoCloseable close = () -> {
			try {
				connector.stop();
			}
			finally {
				server.removeConnector(connector);
			}
		};
		server.addConnector(connector);
		try {
			connector.start();
		}
		catch (Exception ex) {
			// a connector that failed to start may hold its bound socket
			close.close();
			throw ex;
		}
		return Listener.of(connector.getLocalPort(), close);
	}

}
