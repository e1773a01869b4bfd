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

import java.io.IOException;
import java.nio.channels.NetworkChannel;
import java.nio.channels.SocketChannel;

import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.tomcat.util.net.NioEndpoint;

/**
 * Tomcat's HTTP/1.1 NIO protocol, which can serve on a listening channel handed to it
 * instead of binding its port: Tomcat itself takes only the JDK's one inherited channel,
 * standard input, where a passed socket would be inherited by every child process. This
 * is how the sockets passed by systemd, for the application and for a management server,
 * are served. Without a channel it binds its port as usual.
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
	public void serveOn(PausableServerSocketChannel channel) {
		this.endpoint.channel = channel;
	}

	/**
	 * An endpoint that accepts from the channel it is given.
	 */
	static final class PassedSocketEndpoint extends NioEndpoint {

		private volatile PausableServerSocketChannel channel;

		@Override
		protected void initServerSocket() throws Exception {
			if (this.channel == null) {
				super.initServerSocket();
			}
		}

		@Override
		protected NetworkChannel getServerSocket() {
			return (this.channel != null) ? this.channel : super.getServerSocket();
		}

		@Override
		protected SocketChannel serverSocketAccept() throws Exception {
			return (this.channel != null) ? this.channel.accept() : super.serverSocketAccept();
		}

		@Override
		protected void doCloseServerSocket() throws IOException {
			if (this.channel != null) {
				this.channel.close();
			}
			else {
				super.doCloseServerSocket();
			}
		}

	}

}
