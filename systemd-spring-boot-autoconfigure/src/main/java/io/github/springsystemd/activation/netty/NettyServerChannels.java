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

import java.util.concurrent.RejectedExecutionException;

import io.netty.channel.Channel;
import io.netty.util.concurrent.Future;

/**
 * Stops a Reactor Netty server channel taking connections.
 */
final class NettyServerChannels {

	private static final long TIMEOUT_MILLIS = 1000;

	private NettyServerChannels() {
	}

	/**
	 * Stop a server channel accepting: it no longer reads (accepts) from its socket, and
	 * connections that arrive wait in the socket's backlog. Returns once the channel's
	 * event loop has stopped reading, so that every connection it took is open in this
	 * process, or after a second if the event loop is busy that long.
	 * @param channel the server channel
	 */
	static void stopAccepting(Channel channel) {
		if (!channel.isRegistered() || channel.eventLoop().inEventLoop()) {
			channel.config().setAutoRead(false);
			return;
		}
		try {
			Future<?> stopped = channel.eventLoop().submit(() -> channel.config().setAutoRead(false));
			stopped.await(TIMEOUT_MILLIS);
		}
		catch (RejectedExecutionException ex) {
			// the event loop is shut down: nothing is accepted any more
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
