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
package io.github.springsystemd.activation.tomcat;

import org.apache.catalina.Service;
import org.apache.catalina.connector.Connector;
import org.apache.coyote.http11.Http11NioProtocol;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.WebServer;

import io.github.springsystemd.activation.LoopbackConnector;

/**
 * {@link LoopbackConnector} for Tomcat: a second {@link Connector} of the server's
 * service on {@code 127.0.0.1}, port 0, so that requests go through the same engine, host
 * and context (and the same {@code DispatcherServlet}) as the passed socket's.
 */
final class TomcatLoopbackConnector implements LoopbackConnector {

	@Override
	public @Nullable Listener open(WebServer webServer) throws Exception {
		if (!(webServer instanceof TomcatWebServer tomcatWebServer)) {
			return null;
		}
		Service service = tomcatWebServer.getTomcat().getService();
		Connector connector = new Connector(Http11NioProtocol.class.getName());
		connector.setPort(0);
		connector.setProperty("address", "127.0.0.1");
		AutoCloseable close = () -> {
			service.removeConnector(connector);
			connector.destroy();
		};
		try {
			service.addConnector(connector);
		}
		catch (RuntimeException ex) {
			// added to the service before it failed to start
			close.close();
			throw ex;
		}
		return Listener.of(connector.getLocalPort(), close);
	}

}
