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

import org.springframework.boot.jetty.ConfigurableJettyWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

import io.github.springsystemd.activation.FileDescriptorStore;
import io.github.springsystemd.activation.LoopbackConnector;
import io.github.springsystemd.activation.SocketActivation;
import io.github.springsystemd.activation.SocketActivation.Server;

/**
 * What the starter needs of Jetty (the {@code spring-boot-jetty} module): serving on a
 * socket that systemd passed ({@code sd_listen_fds(3)}), releasing a socket kept in the
 * file descriptor store ({@code FileDescriptorStore=} in {@code systemd.service(5)})
 * without a connection lost, and a loopback connector for the warm-up. The
 * auto-configuration creates these; applications do not need to.
 * <p>
 * Internal to the starter: not a public API. Public for the auto-configuration.
 *
 * @since 0.1.0
 */
public final class JettyAdapter {

	private JettyAdapter() {
	}

	/**
	 * Return the customizer that makes a Jetty server serve on the socket that systemd
	 * passed for it, if any.
	 * @param activation the socket activation
	 * @param server which server of the application this customizes
	 * @return the customizer
	 */
	public static WebServerFactoryCustomizer<ConfigurableJettyWebServerFactory> socketActivation(
			SocketActivation activation, Server server) {
		return new JettySocketActivationCustomizer(activation, server);
	}

	/**
	 * Return the customizer that makes Jetty accept through a channel that the file
	 * descriptor store can pause before it releases a stored socket on shutdown.
	 * @param store the file descriptor store
	 * @param server which server of the application this customizes
	 * @return the customizer
	 */
	public static WebServerFactoryCustomizer<ConfigurableJettyWebServerFactory> fileDescriptorStore(
			FileDescriptorStore store, Server server) {
		return new JettyFileDescriptorStoreCustomizer(store, server);
	}

	/**
	 * Return the loopback connector for Jetty: a second connector of the server on
	 * {@code 127.0.0.1}, port 0, that the warm-up sends its requests to.
	 * @return the loopback connector
	 */
	public static LoopbackConnector loopbackConnector() {
		return new JettyLoopbackConnector();
	}

}
