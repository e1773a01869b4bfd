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

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.function.Supplier;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.http.HttpResources;
import reactor.netty.resources.LoopResources;

import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.http.client.ReactorResourceFactory;

import io.github.springsystemd.activation.SocketActivation.Server;
import io.github.springsystemd.activation.SocketActivation;

/**
 * Makes Reactor Netty serve on a socket passed by systemd: the socket is opened as a JDK
 * channel of its own and handed to Netty as its server channel instead of one bound to
 * its port. The server runs on Netty's NIO transport, which can adopt a JDK channel, with
 * the event loops it would otherwise use. On shutdown the channel stops accepting before
 * Netty closes it. When connections are taken only once the application is ready, the
 * channel does not read (accept) until then.
 */
final class NettySocketActivationCustomizer
		implements WebServerFactoryCustomizer<NettyReactiveWebServerFactory>, Ordered {

	private final SocketActivation activation;

	private final @Nullable ReactorResourceFactory resourceFactory;

	private final Server server;

	/**
	 * Create a new {@link NettySocketActivationCustomizer} for the application's web
	 * server.
	 * @param activation the socket activation
	 * @param resourceFactory the resources the server would otherwise run on, or
	 * {@code null}
	 */
	NettySocketActivationCustomizer(SocketActivation activation, @Nullable ReactorResourceFactory resourceFactory) {
		this(activation, resourceFactory, Server.APPLICATION);
	}

	/**
	 * Create a new {@link NettySocketActivationCustomizer}.
	 * @param activation the socket activation
	 * @param resourceFactory the resources the server would otherwise run on, or
	 * {@code null}
	 * @param server the server whose factory is customized
	 */
	NettySocketActivationCustomizer(SocketActivation activation, @Nullable ReactorResourceFactory resourceFactory,
			Server server) {
		this.activation = activation;
		this.resourceFactory = resourceFactory;
		this.server = server;
	}

	@Override
	public void customize(NettyReactiveWebServerFactory factory) {
		this.activation.socket(this.server).ifPresent((socket) -> {
			factory.setAddress(socket.address().getAddress());
			factory.setPort(socket.address().getPort());
			factory.setResourceFactory(null);
			factory.addServerCustomizers((server) -> server
				.runOn(new InheritedChannelLoopResources(this::loopResources, this::serverChannel), false));
		});
	}

	private InheritedServerSocketChannel serverChannel() {
		InheritedServerSocketChannel channel = new InheritedServerSocketChannel(
				this.activation.openJdkChannel(this.server),
				this.activation.socket(this.server).orElseThrow().address());
		this.activation.holdUntilReady(this.server, () -> channel.config().setAutoRead(false),
				() -> channel.config().setAutoRead(true));
		this.activation.onRelease(this.server, () -> {
			NettyServerChannels.stopAccepting(channel);
			return () -> {
			};
		});
		return channel;
	}

	private LoopResources loopResources() {
		LoopResources resources = (this.resourceFactory != null) ? this.resourceFactory.getLoopResources() : null;
		return (resources != null) ? resources : HttpResources.get();
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	/**
	 * {@link LoopResources} that hands out the inherited channel as the server channel
	 * and delegates everything else.
	 */
	static final class InheritedChannelLoopResources implements LoopResources {

		private final Supplier<LoopResources> delegate;

		private final Supplier<InheritedServerSocketChannel> channel;

		InheritedChannelLoopResources(Supplier<LoopResources> delegate,
				Supplier<InheritedServerSocketChannel> channel) {
			this.delegate = delegate;
			this.channel = channel;
		}

		@Override
		@SuppressWarnings("unchecked")
		public <C extends io.netty.channel.Channel> C onChannel(Class<C> channelType, EventLoopGroup group) {
			if (ServerChannel.class.isAssignableFrom(channelType)) {
				return (C) this.channel.get();
			}
			return this.delegate.get().onChannel(channelType, group);
		}

		@Override
		public <C extends io.netty.channel.Channel> Class<? extends C> onChannelClass(Class<C> channelType,
				EventLoopGroup group) {
			return this.delegate.get().onChannelClass(channelType, group);
		}

		@Override
		public EventLoopGroup onServer(boolean useNative) {
			return this.delegate.get().onServer(false);
		}

		@Override
		public EventLoopGroup onServerSelect(boolean useNative) {
			return this.delegate.get().onServerSelect(false);
		}

		@Override
		public EventLoopGroup onClient(boolean useNative) {
			return this.delegate.get().onClient(useNative);
		}

		@Override
		public boolean daemon() {
			return this.delegate.get().daemon();
		}

		@Override
		public Mono<Void> disposeLater() {
			return this.delegate.get().disposeLater();
		}

		@Override
		public Mono<Void> disposeLater(Duration quietPeriod, Duration timeout) {
			return this.delegate.get().disposeLater(quietPeriod, timeout);
		}

		@Override
		public boolean isDisposed() {
			return this.delegate.get().isDisposed();
		}

		@Override
		public void dispose() {
			this.delegate.get().dispose();
		}

	}

	/**
	 * Netty server channel over an already bound and listening JDK channel: binding is a
	 * no-op, and the channel reports active only once Netty has asked to bind it, so
	 * Netty starts accepting as it would on a channel of its own. Closing it closes the
	 * JDK channel only when that reports an address of its own.
	 */
	static final class InheritedServerSocketChannel extends NioServerSocketChannel {

		private final InetSocketAddress address;

		private volatile boolean bound;

		private volatile boolean closed;

		/**
		 * Create a channel over a JDK channel.
		 * @param channel the JDK channel
		 * @param address the address the socket really listens on, for a channel whose
		 * descriptor was replaced by a passed socket (and which is closed with this
		 * channel), or {@code null} for the inherited channel
		 */
		InheritedServerSocketChannel(ServerSocketChannel channel, InetSocketAddress address) {
			super(channel);
			this.address = address;
		}

		@Override
		protected SocketAddress localAddress0() {
			return (this.address != null) ? this.address : super.localAddress0();
		}

		@Override
		protected void doBind(SocketAddress localAddress) {
			this.bound = true;
		}

		@Override
		public boolean isActive() {
			return this.bound && isOpen() && super.isActive();
		}

		@Override
		public boolean isOpen() {
			return !this.closed && super.isOpen();
		}

		@Override
		protected void doClose() throws Exception {
			this.closed = true;
			if (this.address != null) {
				super.doClose();
			}
		}

	}

}
