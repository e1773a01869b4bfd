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
package io.github.springsystemd.activation.netty;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.http.server.reactive.HttpHandler;

import io.github.springsystemd.activation.FileDescriptorStore;
import io.github.springsystemd.activation.LoopbackConnector;
import io.github.springsystemd.activation.SocketActivation;
import io.github.springsystemd.activation.SocketActivation.Server;

/**
 * What the starter needs of Reactor Netty (the {@code spring-boot-reactor-netty} module):
 * serving on a socket that systemd passed ({@code sd_listen_fds(3)}), releasing a socket
 * kept in the file descriptor store ({@code FileDescriptorStore=} in
 * {@code systemd.service(5)}) without a connection lost, and a loopback server for the
 * warm-up. The auto-configuration creates these; applications do not need to.
 * <p>
 * Internal to the starter: not a public API. Public for the auto-configuration.
 *
 * @since 0.1.0
 */
public final class NettyAdapter {

	private NettyAdapter() {
	}

	/**
	 * Return the customizer that makes a Reactor Netty server serve on the socket that
	 * systemd passed for it, if any.
	 * @param activation the socket activation
	 * @param resourceFactory the resources the server would otherwise run on, or
	 * {@code null}
	 * @param server which server of the application this customizes
	 * @return the customizer
	 */
	public static WebServerFactoryCustomizer<NettyReactiveWebServerFactory> socketActivation(
			SocketActivation activation, @Nullable ReactorResourceFactory resourceFactory, Server server) {
		return new NettySocketActivationCustomizer(activation, resourceFactory, server);
	}

	/**
	 * Return the customizer that lets the file descriptor store stop Reactor Netty
	 * reading its server channel before it releases a stored socket on shutdown.
	 * @param store the file descriptor store
	 * @param server which server of the application this customizes
	 * @return the customizer
	 */
	public static WebServerFactoryCustomizer<NettyReactiveWebServerFactory> fileDescriptorStore(
			FileDescriptorStore store, Server server) {
		return new NettyFileDescriptorStoreCustomizer(store, server);
	}

	/**
	 * Return the loopback connector for Reactor Netty: a server on {@code 127.0.0.1},
	 * port 0, serving the application's handler, that the warm-up sends its requests to.
	 * @param httpHandler supplies the application's handler, or {@code null} when there
	 * is none
	 * @param resourceFactory the resources whose event loops the application's server
	 * runs on, or {@code null} for Reactor Netty's global ones
	 * @return the loopback connector
	 */
	public static LoopbackConnector loopbackConnector(Supplier<@Nullable HttpHandler> httpHandler,
			@Nullable ReactorResourceFactory resourceFactory) {
		return new NettyLoopbackConnector(httpHandler, resourceFactory);
	}

}
