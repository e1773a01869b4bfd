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
import java.net.ServerSocket;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.nio.channels.AlreadyBoundException;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Set;

/**
 * A server socket channel over the JDK's inherited channel that can stop accepting
 * without being closed, and whose closing leaves the inherited channel open.
 * <p>
 * Closing the JDK's inherited channel points standard input, output and error at
 * {@code /dev/null}, so nothing the application logs after that reaches the journal. This
 * channel accepts from the inherited one in non-blocking mode and waits in a selector of
 * its own, which {@link #pause()} and {@link #close()} wake: connections that are not
 * taken stay queued in the socket, which systemd keeps for the next start. It can be
 * accepted from in blocking mode only; it cannot be registered with another selector.
 *
 * @since 0.1.0
 */
public final class PausableServerSocketChannel extends ServerSocketChannel {

	private final ServerSocketChannel channel;

	private final Selector selector;

	private final SelectionKey key;

	private final Object selectLock = new Object();

	private volatile boolean paused;

	/**
	 * Create a new {@link PausableServerSocketChannel}.
	 * @param channel the listening channel to accept from, which is switched to
	 * non-blocking mode and never closed by this channel
	 * @throws IOException if the channel cannot be watched
	 */
	public PausableServerSocketChannel(ServerSocketChannel channel) throws IOException {
		super(channel.provider());
		this.channel = channel;
		this.channel.configureBlocking(false);
		this.selector = channel.provider().openSelector();
		this.key = channel.register(this.selector, SelectionKey.OP_ACCEPT);
	}

	/**
	 * Stop accepting: a thread waiting in {@link #accept()} keeps waiting, until the
	 * channel is closed, without taking a connection.
	 */
	public void pause() {
		this.paused = true;
		try {
			this.key.interestOps(0);
		}
		catch (RuntimeException ex) {
			// closed meanwhile: nothing is accepted either way
		}
		this.selector.wakeup();
	}

	/**
	 * Return whether {@link #pause()} was called.
	 * @return whether the channel is paused
	 */
	public boolean isPaused() {
		return this.paused;
	}

	@Override
	public SocketChannel accept() throws IOException {
		while (true) {
			if (!isOpen()) {
				throw new ClosedChannelException();
			}
			if (!this.paused) {
				SocketChannel accepted = this.channel.accept();
				if (accepted != null || !isBlocking()) {
					return accepted;
				}
			}
			else if (!isBlocking()) {
				return null;
			}
			awaitSelection();
		}
	}

	private void awaitSelection() throws IOException {
		synchronized (this.selectLock) {
			try {
				this.selector.select();
				this.selector.selectedKeys().clear();
			}
			catch (ClosedSelectorException ex) {
				throw new AsynchronousCloseException();
			}
		}
		if (!isOpen()) {
			throw new AsynchronousCloseException();
		}
	}

	@Override
	public ServerSocketChannel bind(SocketAddress local, int backlog) throws IOException {
		throw new AlreadyBoundException();
	}

	@Override
	public <T> ServerSocketChannel setOption(SocketOption<T> name, T value) throws IOException {
		this.channel.setOption(name, value);
		return this;
	}

	@Override
	public <T> T getOption(SocketOption<T> name) throws IOException {
		return this.channel.getOption(name);
	}

	@Override
	public Set<SocketOption<?>> supportedOptions() {
		return this.channel.supportedOptions();
	}

	@Override
	public ServerSocket socket() {
		return this.channel.socket();
	}

	@Override
	public SocketAddress getLocalAddress() throws IOException {
		return this.channel.getLocalAddress();
	}

	@Override
	protected void implCloseSelectableChannel() throws IOException {
		this.selector.close();
	}

	@Override
	protected void implConfigureBlocking(boolean block) {
	}

}
