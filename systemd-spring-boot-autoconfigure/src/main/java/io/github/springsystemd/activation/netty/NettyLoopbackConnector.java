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
import reactor.netty.DisposableServer;
import reactor.netty.http.HttpResources;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;

import org.springframework.boot.reactor.netty.NettyWebServer;
import org.springframework.boot.web.server.WebServer;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;

import io.github.springsystemd.activation.LoopbackConnector;

/**
 * {@link LoopbackConnector} for Reactor Netty: a second {@link HttpServer} on
 * {@code 127.0.0.1}, port 0, on the event loops of the application's server, serving the
 * application's {@link HttpHandler}.
 */
final class NettyLoopbackConnector implements LoopbackConnector {

	private final Supplier<@Nullable HttpHandler> httpHandler;

	private final @Nullable ReactorResourceFactory resourceFactory;

	/**
	 * Create a new instance.
	 * @param httpHandler supplies the application's handler, which the server serves, or
	 * {@code null} when there is none
	 * @param resourceFactory the resources whose event loops the application's server
	 * runs on, or {@code null} for Reactor Netty's global ones
	 */
	NettyLoopbackConnector(Supplier<@Nullable HttpHandler> httpHandler,
			@Nullable ReactorResourceFactory resourceFactory) {
		this.httpHandler = httpHandler;
		this.resourceFactory = resourceFactory;
	}

	@Override
	public @Nullable Listener open(WebServer webServer) {
		HttpHandler handler = this.httpHandler.get();
		if (!(webServer instanceof NettyWebServer) || handler == null) {
			return null;
		}
		// the event loops and the transport (NIO, as the application's server on a passed
		// socket) of the application's server, so that the same code is warmed up
		LoopResources loops = (this.resourceFactory != null) ? this.resourceFactory.getLoopResources()
				: HttpResources.get();
		DisposableServer server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.runOn(loops, false)
			.handle(new ReactorHttpHandlerAdapter(handler))
			.bindNow();
		return Listener.of(server.port(), server::disposeNow);
	}

}
