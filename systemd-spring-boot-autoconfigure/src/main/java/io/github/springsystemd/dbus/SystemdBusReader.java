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
package io.github.springsystemd.dbus;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

import io.github.springsystemd.unit.UnitFacts;
import io.github.springsystemd.unit.UnitFactsSource;

/**
 * Reads {@link UnitFacts} for a process from systemd over the D-Bus system bus.
 * Thread-safe. Never throws.
 * <p>
 * Each read opens its own connection and closes it before it ends. The read runs on a
 * daemon thread named {@code systemd-dbus}, and the caller gets a future at once; the
 * read is abandoned (its facts are empty, its thread interrupted) when the bus does not
 * answer within the timeout; while an abandoned read is still stuck, further reads are
 * empty at once instead of starting another. A machine without a system bus is normal:
 * such failures are logged at {@code DEBUG}, and no connection is attempted when the bus
 * socket does not exist. The first read that times out, and the first that the bus
 * refuses by closing the connection (a unit whose sandbox keeps it from the bus), are
 * logged at {@code INFO}, once, without a stack trace.
 */
final class SystemdBusReader implements UnitFactsSource {

	static final String THREAD_NAME = "systemd-dbus";

	private static final Log logger = LogFactory.getLog(SystemdBusReader.class);

	private static final long THREAD_KEEP_ALIVE_SECONDS = 60;

	private static final long MAX_PID = 0xFFFFFFFFL;

	private final Duration timeout;

	private final Query query;

	private final ThreadPoolExecutor executor;

	private final AtomicBoolean busy = new AtomicBoolean();

	private final AtomicBoolean timeoutLogged = new AtomicBoolean();

	private final AtomicBoolean unavailableLogged = new AtomicBoolean();

	/**
	 * Create a reader for the system bus at {@code DBUS_SYSTEM_BUS_ADDRESS}, or at the
	 * default address when that is not set.
	 * @param timeout how long a read, connecting included, may take
	 */
	SystemdBusReader(Duration timeout) {
		this(null, timeout);
	}

	SystemdBusReader(@Nullable String busAddress, Duration timeout) {
		this(timeout, (pid) -> UnitFactsQuery.query(busAddress, pid));
	}

	SystemdBusReader(Duration timeout, Query query) {
		Assert.notNull(timeout, "'timeout' must not be null");
		Assert.isTrue(!timeout.isNegative() && !timeout.isZero(), "'timeout' must be positive");
		this.timeout = timeout;
		this.query = query;
		this.executor = new ThreadPoolExecutor(1, 1, THREAD_KEEP_ALIVE_SECONDS, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(), SystemdBusReader::newThread);
		this.executor.allowCoreThreadTimeOut(true);
	}

	private static Thread newThread(Runnable runnable) {
		Thread thread = new Thread(runnable, THREAD_NAME);
		thread.setDaemon(true);
		return thread;
	}

	/**
	 * Start reading the facts about the systemd unit that the given process belongs to.
	 * Returns at once.
	 * @param pid the process, usually {@code ProcessHandle.current().pid()}
	 * @return the facts once read, or empty when the bus is missing, the call is denied,
	 * the unit is not found, the bus does not answer within the timeout, or an earlier
	 * read is still waiting for it
	 */
	@Override
	public CompletableFuture<Optional<UnitFacts>> read(long pid) {
		if (pid <= 0 || pid > MAX_PID) {
			logger.debug("Not reading unit facts from systemd: " + pid + " is not a pid");
			return CompletableFuture.completedFuture(Optional.empty());
		}
		if (!this.busy.compareAndSet(false, true)) {
			logger.debug("Not reading unit facts from systemd: an earlier read is still waiting for the bus");
			return CompletableFuture.completedFuture(Optional.empty());
		}
		CompletableFuture<Optional<UnitFacts>> facts = new CompletableFuture<>();
		ReadTask task = new ReadTask(pid, facts);
		try {
			this.executor.execute(task);
		}
		catch (RuntimeException | OutOfMemoryError ex) {
			this.busy.set(false);
			logger.debug("Could not start reading unit facts from systemd", ex);
			facts.complete(Optional.empty());
			return facts;
		}
		// the timer runs abandon itself: it only cancels, logs and completes, and must
		// not
		// wait for a pool that the application may keep busy
		CompletableFuture.delayedExecutor(this.timeout.toNanos(), TimeUnit.NANOSECONDS, Runnable::run)
			.execute(() -> abandon(task, facts));
		return facts;
	}

	private void abandon(ReadTask task, CompletableFuture<Optional<UnitFacts>> facts) {
		try {
			if (task.cancel(true)) {
				// said before the facts complete, so that what waits for them finds it
				// said
				logTimeout();
			}
		}
		finally {
			facts.complete(Optional.empty());
		}
	}

	private Optional<UnitFacts> outcome(ReadTask task) {
		try {
			return Optional.ofNullable(task.get());
		}
		catch (CancellationException ex) {
			// abandoned
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			if (cause instanceof BusUnavailableException unavailable) {
				logUnavailable(unavailable);
				return Optional.empty();
			}
			logger.debug("Could not read unit facts from systemd: " + cause);
			logger.trace("Could not read unit facts from systemd", cause);
		}
		return Optional.empty();
	}

	private void logUnavailable(BusUnavailableException ex) {
		String message = ex.getMessage() + "; facts about the systemd unit are not available";
		if (ex.isNoteworthy() && this.unavailableLogged.compareAndSet(false, true)) {
			logger.info(message);
		}
		else {
			logger.debug(message);
		}
	}

	private void logTimeout() {
		String message = "The D-Bus system bus did not answer within " + this.timeout.toMillis()
				+ " ms; facts about the systemd unit are not available";
		if (this.timeoutLogged.compareAndSet(false, true)) {
			logger.info(message);
		}
		else {
			logger.debug(message);
		}
	}

	/**
	 * A blocking read of the facts about the unit of a process.
	 */
	@FunctionalInterface
	interface Query {

		UnitFacts query(long pid) throws Exception;

	}

	/**
	 * A read that marks the reader idle once the worker thread is done with it, whether
	 * it ran, failed, or was cancelled before it started, and then completes its facts,
	 * unless it was abandoned: then the timer completes them.
	 */
	private final class ReadTask extends FutureTask<UnitFacts> {

		private final CompletableFuture<Optional<UnitFacts>> facts;

		ReadTask(long pid, CompletableFuture<Optional<UnitFacts>> facts) {
			super(() -> SystemdBusReader.this.query.query(pid));
			this.facts = facts;
		}

		@Override
		public void run() {
			try {
				super.run();
			}
			finally {
				SystemdBusReader.this.busy.set(false);
			}
			if (!isCancelled()) {
				try {
					this.facts.complete(outcome(this));
				}
				finally {
					this.facts.complete(Optional.empty());
				}
			}
		}

	}

}
