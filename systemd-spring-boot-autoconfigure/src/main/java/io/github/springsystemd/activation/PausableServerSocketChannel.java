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
import java.net.InetAddress;
import java.net.InetSocketAddress;
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
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * A server socket channel over a socket passed by systemd that can stop accepting without
 * being closed, and which reports the address the socket listens on (the underlying
 * channel was bound to an ephemeral loopback port before its descriptor was replaced by
 * the passed socket).
 * <p>
 * This channel accepts from the underlying one in non-blocking mode and waits in a
 * selector of its own, which {@link #pause()} and {@link #close()} wake: connections that
 * are not taken stay queued in the socket, which systemd keeps for the next start. It
 * cannot be registered with another selector.
 * <p>
 * Internal to the starter: not a public API. Public for the web server adapters of
 * {@code activation.tomcat} and {@code activation.jetty}.
 *
 * @since 0.1.0
 */
public final class PausableServerSocketChannel extends ServerSocketChannel {

	private static final Log logger = LogFactory.getLog(PausableServerSocketChannel.class);

	/**
	 * How long {@link #pause()} waits for an acceptor that is taking a connection: a
	 * non-blocking accept takes microseconds, so only a socket that lost
	 * {@code O_NONBLOCK} makes it wait that long.
	 */
	private static final Duration PAUSE_TIMEOUT = Duration.ofSeconds(1);

	private final ServerSocketChannel channel;

	private final @Nullable InetSocketAddress address;

	private final ServerSocket socket;

	private final Selector selector;

	private final SelectionKey key;

	private final Object selectLock = new Object();

	private final ReentrantLock acceptLock = new ReentrantLock();

	private volatile boolean paused;

	private volatile boolean held;

	private volatile boolean woken;

	private final CountDownLatch waitingWhilePaused = new CountDownLatch(1);

	/**
	 * Create a new {@link PausableServerSocketChannel}.
	 * @param channel the listening channel to accept from, which is switched to
	 * non-blocking mode and never closed by this channel
	 * @throws IOException if the channel cannot be watched
	 */
	public PausableServerSocketChannel(ServerSocketChannel channel) throws IOException {
		this(channel, null);
	}

	/**
	 * Create a new {@link PausableServerSocketChannel} that reports an address of its
	 * own, for a channel whose descriptor was replaced by a passed socket after it was
	 * bound.
	 * @param channel the listening channel to accept from, which is switched to
	 * non-blocking mode and is closed with this channel only when {@code address} is
	 * given
	 * @param address the address the socket really listens on, or {@code null} to report
	 * the channel's
	 * @throws IOException if the channel cannot be watched
	 */
	public PausableServerSocketChannel(ServerSocketChannel channel, @Nullable InetSocketAddress address)
			throws IOException {
		super(channel.provider());
		this.channel = channel;
		this.address = address;
		this.socket = (address != null) ? new ListeningServerSocket(address) : channel.socket();
		this.channel.configureBlocking(false);
		this.selector = channel.provider().openSelector();
		this.key = channel.register(this.selector, SelectionKey.OP_ACCEPT);
	}

	/**
	 * Open a channel over the socket systemd passed for a server, which takes connections
	 * once the application is ready when {@link SocketActivation#isAcceptWhenReady()},
	 * and reports the address the socket listens on.
	 * @param activation the socket activation
	 * @param server the server
	 * @return the channel
	 * @throws IOException if the channel cannot be watched
	 * @throws IllegalStateException if there is no socket for that server or it was
	 * opened already
	 * @see SocketActivation#openJdkChannel(SocketActivation.Server)
	 */
	public static PausableServerSocketChannel open(SocketActivation activation, SocketActivation.Server server)
			throws IOException {
		ServerSocketChannel channel = activation.openJdkChannel(server);
		PausableServerSocketChannel pausable = new PausableServerSocketChannel(channel,
				activation.socket(server).orElseThrow().address());
		activation.holdUntilReady(server, pausable::hold, pausable::resume);
		return pausable;
	}

	/**
	 * Stop accepting: a thread waiting in {@link #accept()} keeps waiting, until the
	 * channel is closed or {@link #wakeAccept()} is called, without taking a connection.
	 * When this returns, no thread is taking a connection any more: one taken before has
	 * been accepted from the socket, so that it is open in this process, and is being
	 * returned to the thread that called {@link #accept()}.
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
		// a thread that looked before the pause may be accepting: wait until it has
		try {
			if (this.acceptLock.tryLock(PAUSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				this.acceptLock.unlock();
			}
			else {
				logger
					.warn("An acceptor of " + this.socket.getLocalSocketAddress() + " is still inside accept(2) after "
							+ PAUSE_TIMEOUT.toMillis() + "ms: the socket has lost O_NONBLOCK (a service that shares it "
							+ "needs NonBlocking=yes); shutting down without waiting for it");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Take no connection until {@link #resume()}: connections wait in the socket's
	 * backlog, where another process serving on the same socket can take them. Call
	 * before the server starts accepting.
	 */
	void hold() {
		this.held = true;
		try {
			this.key.interestOps(0);
		}
		catch (RuntimeException ex) {
			// closed meanwhile: nothing is accepted either way
		}
	}

	/**
	 * Start taking connections after {@link #hold()}, unless the channel was paused or
	 * closed meanwhile.
	 */
	void resume() {
		this.held = false;
		if (this.paused) {
			return;
		}
		try {
			this.key.interestOps(SelectionKey.OP_ACCEPT);
		}
		catch (RuntimeException ex) {
			// closed meanwhile: nothing is to be accepted
		}
		this.selector.wakeup();
	}

	/**
	 * Wait until a thread waits in {@link #accept()} after {@link #pause()} without
	 * having taken a connection. From then on, a connection that thread accepted before
	 * the pause has been returned to it, and it takes no other.
	 * @param timeout how long to wait at most
	 * @return whether a thread waits in {@link #accept()} since the pause; {@code false}
	 * when the timeout elapsed first, for example while no thread calls it
	 * @throws InterruptedException if interrupted while waiting
	 */
	public boolean awaitPausedAccept(Duration timeout) throws InterruptedException {
		return this.waitingWhilePaused.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
	}

	/**
	 * Let a thread that waits in {@link #accept()} return {@code null} instead of waiting
	 * on, without taking a connection, even one that arrives meanwhile: how a server that
	 * pauses or stops wakes its acceptor, instead of connecting to its own socket. If no
	 * thread waits now, the next call to {@link #accept()} returns {@code null}.
	 */
	public void wakeAccept() {
		this.woken = true;
		try {
			this.selector.wakeup();
		}
		catch (RuntimeException ex) {
			// closed meanwhile: nothing waits
		}
	}

	/**
	 * Return whether the channel is held by {@link #hold()} and not resumed yet.
	 * @return whether the channel is held
	 */
	public boolean isHeld() {
		return this.held;
	}

	/**
	 * Return whether {@link #pause()} was called.
	 * @return whether the channel is paused
	 */
	boolean isPaused() {
		return this.paused;
	}

	@Override
	public @Nullable SocketChannel accept() throws IOException {
		while (true) {
			if (!isOpen()) {
				throw new ClosedChannelException();
			}
			if (this.woken) {
				// before accepting: a connection that arrived since the wake-up is not
				// taken by a thread that was woken to take none
				this.woken = false;
				return null;
			}
			if (acceptsNow()) {
				SocketChannel accepted = acceptUnlessPaused();
				if (accepted != null || !isBlocking()) {
					return accepted;
				}
			}
			else if (!isBlocking()) {
				return null;
			}
			if (this.paused) {
				this.waitingWhilePaused.countDown();
			}
			awaitSelection();
		}
	}

	private boolean acceptsNow() {
		return !this.paused && !this.held;
	}

	/**
	 * Take a connection if there is one and the channel is neither paused nor held, as
	 * one step that {@link #pause()} waits for.
	 */
	private @Nullable SocketChannel acceptUnlessPaused() throws IOException {
		this.acceptLock.lock();
		try {
			return acceptsNow() ? this.channel.accept() : null;
		}
		finally {
			this.acceptLock.unlock();
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
		return this.socket;
	}

	@Override
	public SocketAddress getLocalAddress() throws IOException {
		return (this.address != null) ? this.address : this.channel.getLocalAddress();
	}

	@Override
	protected void implCloseSelectableChannel() throws IOException {
		this.selector.close();
		if (this.address != null) {
			this.channel.close();
		}
	}

	@Override
	protected void implConfigureBlocking(boolean block) {
	}

	/**
	 * A server socket that only reports where it listens.
	 */
	private static final class ListeningServerSocket extends ServerSocket {

		private final InetSocketAddress address;

		ListeningServerSocket(InetSocketAddress address) throws IOException {
			this.address = address;
		}

		@Override
		public InetAddress getInetAddress() {
			return this.address.getAddress();
		}

		@Override
		public int getLocalPort() {
			return this.address.getPort();
		}

		@Override
		public SocketAddress getLocalSocketAddress() {
			return this.address;
		}

		@Override
		public boolean isBound() {
			return true;
		}

	}

}
