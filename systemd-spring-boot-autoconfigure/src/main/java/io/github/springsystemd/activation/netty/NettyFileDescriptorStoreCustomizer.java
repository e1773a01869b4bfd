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

import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

import io.github.springsystemd.activation.FileDescriptorStore;
import io.github.springsystemd.activation.SocketActivation.Server;

/**
 * Lets a socket that Reactor Netty binds itself and that is kept in systemd's file
 * descriptor store be released on shutdown without a connection lost: the server channel
 * stops reading (accepting) before Netty shuts down, and connections that arrive
 * meanwhile wait in the socket's backlog for the next start.
 */
final class NettyFileDescriptorStoreCustomizer
		implements WebServerFactoryCustomizer<NettyReactiveWebServerFactory>, Ordered {

	private static final Runnable NOTHING = () -> {
	};

	private final FileDescriptorStore store;

	private final Server server;

	/**
	 * Create a new {@link NettyFileDescriptorStoreCustomizer}.
	 * @param store the file descriptor store
	 * @param server the server whose factory is customized
	 */
	NettyFileDescriptorStoreCustomizer(FileDescriptorStore store, Server server) {
		this.store = store;
		this.server = server;
	}

	@Override
	public void customize(NettyReactiveWebServerFactory factory) {
		if (!this.store.mayStore(this.server)) {
			return;
		}
		factory.addServerCustomizers((http) -> http.doOnBound((bound) -> this.store.onRelease(this.server, () -> {
			NettyServerChannels.stopAccepting(bound.channel());
			return NOTHING;
		})));
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
