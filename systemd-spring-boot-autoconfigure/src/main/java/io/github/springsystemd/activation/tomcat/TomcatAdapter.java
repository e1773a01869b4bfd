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

import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.tomcat.TomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

import io.github.springsystemd.activation.FileDescriptorStore;
import io.github.springsystemd.activation.LoopbackConnector;
import io.github.springsystemd.activation.SocketActivation;
import io.github.springsystemd.activation.SocketActivation.Server;

/**
 * What the starter needs of Tomcat (the {@code spring-boot-tomcat} module): serving on a
 * socket that systemd passed ({@code sd_listen_fds(3)}), releasing a socket kept in the
 * file descriptor store ({@code FileDescriptorStore=} in {@code systemd.service(5)})
 * without a connection lost, and a loopback connector for the warm-up. The
 * auto-configuration creates these; applications do not need to.
 * <p>
 * Internal to the starter: not a public API. Public for the auto-configuration.
 *
 * @since 0.1.0
 */
public final class TomcatAdapter {

	private TomcatAdapter() {
	}

	/**
	 * Return the customizer that makes a Tomcat server serve on the socket that systemd
	 * passed for it, if any, through {@link PassedSocketHttp11NioProtocol}.
	 * @param activation the socket activation
	 * @param server which server of the application this customizes
	 * @return the customizer
	 */
	public static WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> socketActivation(
			SocketActivation activation, Server server) {
		return new TomcatSocketActivationCustomizer(activation, server);
	}

	/**
	 * Return the customizer that lets the file descriptor store stop Tomcat's acceptors
	 * before it releases a stored socket on shutdown.
	 * @param store the file descriptor store
	 * @return the customizer
	 */
	public static WebServerFactoryCustomizer<TomcatWebServerFactory> fileDescriptorStore(FileDescriptorStore store) {
		return new TomcatFileDescriptorStoreCustomizer(store);
	}

	/**
	 * Return the loopback connector for Tomcat: a second connector of the server's
	 * service on {@code 127.0.0.1}, port 0, that the warm-up sends its requests to.
	 * @return the loopback connector
	 */
	public static LoopbackConnector loopbackConnector() {
		return new TomcatLoopbackConnector();
	}

}
