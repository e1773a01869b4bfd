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

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NetworkChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;

import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.tomcat.util.net.NioEndpoint;
import org.jspecify.annotations.Nullable;

import io.github.springsystemd.activation.PausableServerSocketChannel;

/**
 * Tomcat's HTTP/1.1 NIO protocol, which can serve on a listening channel handed to it
 * instead of binding its port, and which can stop taking connections without destroying
 * one and without connecting to its own socket. Tomcat itself takes only the JDK's one
 * inherited channel, standard input, where a passed socket would be inherited by every
 * child process. This is how the sockets passed by systemd, for the application and for a
 * management server, are served. Without a channel it binds its port as usual.
 * <p>
 * The acceptor takes connections through a {@link PausableServerSocketChannel}, over the
 * passed channel or over the one Tomcat binds, so that {@link #stopAccepting(Duration)}
 * and Tomcat's own pause wake it without a connection: Tomcat's usual wake-up, a
 * connection to itself, queues behind the clients' connections on a socket that systemd
 * holds, and the acceptor would destroy whatever it takes while paused.
 *
 * @since 0.1.0
 */
public class PassedSocketHttp11NioProtocol extends Http11NioProtocol {

	private final PassedSocketEndpoint endpoint;

	/**
	 * Create a new {@link PassedSocketHttp11NioProtocol}, as Tomcat does by class name.
	 */
	public PassedSocketHttp11NioProtocol() {
		this(new PassedSocketEndpoint());
	}

	private PassedSocketHttp11NioProtocol(PassedSocketEndpoint endpoint) {
		super(endpoint);
		this.endpoint = endpoint;
	}

	/**
	 * Serve on a listening channel instead of binding the port. Must be called before the
	 * connector starts.
	 * @param channel the channel, which Tomcat accepts from in blocking mode and closes
	 * when it stops
	 */
	void serveOn(PausableServerSocketChannel channel) {
		this.endpoint.passed = channel;
	}

	/**
	 * Stop taking connections, without pausing the connector: the acceptor hands on the
	 * connection it has taken, if any, to be served as usual, then waits without taking
	 * another, and connections that arrive stay in the socket's backlog. Call
	 * {@link #pause()} once the connections taken are served.
	 * @param timeout how long to wait at most for the acceptor, which cannot stop while
	 * the connector is at its connection limit ({@code server.tomcat.max-connections})
	 * @return whether the acceptor waits without taking connections; {@code false} when
	 * the connector is not started or the timeout elapsed first, and the acceptor then
	 * stops when the connector is paused
	 * @throws InterruptedException if interrupted while waiting
	 */
	public boolean stopAccepting(Duration timeout) throws InterruptedException {
		PausableServerSocketChannel channel = this.endpoint.channel;
		if (channel == null) {
			return false;
		}
		channel.pause();
		return channel.awaitPausedAccept(timeout);
	}

	/**
	 * Pause the endpoint, as {@link #pause()} does without saying so at {@code INFO}: the
	 * acceptor is woken without a connection and takes none until resumed.
	 */
	void pauseEndpoint() {
		this.endpoint.pause();
	}

	/**
	 * Return how many connections the connector holds open: taken and not yet closed.
	 * @return the number of connections
	 */
	public int getOpenConnections() {
		return this.endpoint.getConnections().size();
	}

	/**
	 * An endpoint that accepts through a {@link PausableServerSocketChannel}: the one it
	 * is given, or one over the channel it binds.
	 */
	static final class PassedSocketEndpoint extends NioEndpoint {

		private volatile @Nullable PausableServerSocketChannel passed;

		private volatile @Nullable PausableServerSocketChannel channel;

		/**
		 * Whether the acceptor, the one thread that destroys what it takes, hands a
		 * connection on now: {@link #setSocketOptions} destroys one it cannot hand on.
		 */
		private boolean handingOver;

		@Override
		protected void initServerSocket() throws Exception {
			PausableServerSocketChannel passed = this.passed;
			if (passed != null) {
				this.channel = passed;
				return;
			}
			super.initServerSocket();
			this.channel = new PausableServerSocketChannel((ServerSocketChannel) super.getServerSocket());
		}

		@Override
		protected NetworkChannel getServerSocket() {
			PausableServerSocketChannel passed = this.passed;
			return (passed != null) ? passed : super.getServerSocket();
		}

		@Override
		protected @Nullable SocketChannel serverSocketAccept() throws Exception {
			PausableServerSocketChannel channel = this.channel;
			if (channel == null) {
				throw new ClosedChannelException();
			}
			SocketChannel accepted = channel.accept();
			while (accepted == null && isRunning() && !isPaused()) {
				// woken for a pause that was lifted meanwhile
				accepted = channel.accept();
			}
			return accepted;
		}

		@Override
		protected void destroySocket(SocketChannel socket) {
			if (socket == null) {
				// the acceptor was woken without a connection
				countDownConnection();
				return;
			}
			if (isRunning() && !this.handingOver) {
				// taken just as the connector paused: served, as a connection taken a
				// moment earlier is, instead of being reset
				this.handingOver = true;
				try {
					if (!setSocketOptions(socket)) {
						closeSocket(socket);
					}
				}
				finally {
					this.handingOver = false;
				}
				return;
			}
			super.destroySocket(socket);
		}

		@Override
		protected void unlockAccept() {
			PausableServerSocketChannel channel = this.channel;
			if (channel != null) {
				channel.wakeAccept();
			}
		}

		@Override
		protected void doCloseServerSocket() throws IOException {
			PausableServerSocketChannel channel = this.channel;
			this.channel = null;
			PausableServerSocketChannel passed = this.passed;
			if (passed != null) {
				passed.close();
				return;
			}
			try {
				if (channel != null) {
					channel.close();
				}
			}
			finally {
				super.doCloseServerSocket();
			}
		}

	}

}
