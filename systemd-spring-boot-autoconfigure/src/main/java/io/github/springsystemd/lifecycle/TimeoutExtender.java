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
package io.github.springsystemd.lifecycle;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import io.github.springsystemd.notify.SystemdNotifier;
import io.github.springsystemd.protocol.Notification;
import io.github.springsystemd.support.DurationText;

/**
 * Sends {@code EXTEND_TIMEOUT_USEC=} at a fixed period while a startup or shutdown makes
 * progress, so that a long one is not killed by {@code TimeoutStartSec=} or
 * {@code TimeoutStopSec=}. Each message asks for several periods more, so one late
 * message does no harm; systemd only ever moves the deadline later.
 * <p>
 * Progress is judged by a {@link ProgressProbe}. Once there has been none for the stall
 * timeout, no more extensions are sent and the reason is logged at {@code WARN} with the
 * stack of the thread that does the work: systemd then stops the service when its timeout
 * runs out, as it would without this class. Extensions resume if progress does.
 * <p>
 * Runs on a daemon thread of its own, {@code systemd-timeout-extender}.
 */
final class TimeoutExtender {

	private static final Log logger = LogFactory.getLog(TimeoutExtender.class);

	private static final Duration MAX_PERIOD = Duration.ofSeconds(2);

	private static final int PERIODS_PER_EXTENSION = 5;

	private static final Duration MIN_PERIOD = Duration.ofMillis(10);

	/**
	 * Longest time {@link #stop()} waits for an extension that is being sent.
	 */
	static final Duration STOP_WAIT = Duration.ofMillis(100);

	private final SystemdNotifier notifier;

	private final Phase phase;

	private final ProgressProbe progress;

	private final Duration stallTimeout;

	private final BooleanSupplier finished;

	private final LongSupplier nanoTime;

	private final Duration period;

	private final Duration extension;

	private long lastProgress;

	private boolean stalled;

	private @Nullable ScheduledExecutorService executor;

	private volatile @Nullable Thread thread;

	private volatile boolean stopped;

	/**
	 * Create a new {@link TimeoutExtender}.
	 * @param notifier the notifier
	 * @param phase what is being extended
	 * @param progress the probe that tells whether there is progress
	 * @param stallTimeout how long without progress before extensions stop
	 * @param finished tells when the phase is over, after which the extender stops by
	 * itself
	 */
	TimeoutExtender(SystemdNotifier notifier, Phase phase, ProgressProbe progress, Duration stallTimeout,
			BooleanSupplier finished) {
		this(notifier, phase, progress, stallTimeout, finished, System::nanoTime);
	}

	TimeoutExtender(SystemdNotifier notifier, Phase phase, ProgressProbe progress, Duration stallTimeout,
			BooleanSupplier finished, LongSupplier nanoTime) {
		this.notifier = notifier;
		this.phase = phase;
		this.progress = progress;
		this.stallTimeout = stallTimeout;
		this.finished = finished;
		this.nanoTime = nanoTime;
		Duration quarterOfStallTimeout = stallTimeout.dividedBy(4);
		Duration period = (quarterOfStallTimeout.compareTo(MAX_PERIOD) < 0) ? quarterOfStallTimeout : MAX_PERIOD;
		this.period = (period.compareTo(MIN_PERIOD) > 0) ? period : MIN_PERIOD;
		this.extension = this.period.multipliedBy(PERIODS_PER_EXTENSION);
		this.lastProgress = nanoTime.getAsLong();
	}

	/**
	 * Start sending extensions, the first one at once. Does nothing if already started or
	 * once stopped.
	 */
	synchronized void start() {
		if (this.executor != null || this.stopped) {
			return;
		}
		this.executor = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "systemd-timeout-extender");
			thread.setDaemon(true);
			this.thread = thread;
			return thread;
		});
		this.executor.scheduleAtFixedRate(this::tick, 0, this.period.toNanos(), TimeUnit.NANOSECONDS);
		logger.debug("Extending the systemd " + this.phase.timeout + " timeout by " + DurationText.of(this.extension)
				+ " every " + DurationText.of(this.period) + " while " + this.phase.noun + " makes progress");
	}

	/**
	 * Stop sending extensions for good and release the thread. No extension is sent once
	 * this method returns, unless one was being sent for longer than {@link #STOP_WAIT}:
	 * no lock is held while sending, so the caller waits at most that long for an
	 * extension under way, never for the service manager.
	 */
	void stop() {
		ScheduledExecutorService executor;
		synchronized (this) {
			this.stopped = true;
			executor = this.executor;
			this.executor = null;
		}
		if (executor == null) {
			return;
		}
		executor.shutdownNow();
		if (Thread.currentThread() != this.thread) {
			try {
				executor.awaitTermination(STOP_WAIT.toNanos(), TimeUnit.NANOSECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/**
	 * Return whether extensions are being scheduled.
	 * @return whether the extender is running
	 */
	synchronized boolean isRunning() {
		return this.executor != null;
	}

	void tick() {
		try {
			if (this.finished.getAsBoolean()) {
				stop();
				return;
			}
			long now = this.nanoTime.getAsLong();
			if (this.progress.sample()) {
				this.lastProgress = now;
				if (this.stalled) {
					this.stalled = false;
					logger.info(capitalize(this.phase.noun) + " makes progress again; extending the systemd "
							+ this.phase.timeout + " timeout again");
				}
			}
			else if (!this.stalled && now - this.lastProgress >= this.stallTimeout.toNanos()) {
				this.stalled = true;
				logger.warn(stalledMessage());
			}
			if (!this.stalled) {
				extend();
			}
		}
		catch (Throwable ex) {
			logger.error("Unexpected failure while extending the systemd " + this.phase.timeout
					+ " timeout; the next extension is attempted as scheduled", ex);
		}
	}

	private void extend() {
		if (!this.stopped) {
			this.notifier.notify(Notification.extendTimeout(this.extension));
		}
	}

	private String stalledMessage() {
		Thread worker = this.progress.getWorker();
		StringBuilder message = new StringBuilder();
		message.append(capitalize(this.phase.noun))
			.append(" has made no progress for ")
			.append(DurationText.of(this.stallTimeout))
			.append(": ")
			.append(this.phase.countsBeans ? "no bean was created and " : "")
			.append("thread '")
			.append(worker.getName())
			.append("' stayed where it is. No longer extending the systemd ")
			.append(this.phase.timeout)
			.append(" timeout, so systemd stops the service once ")
			.append(this.phase.setting)
			.append(" runs out; raise ")
			.append(this.phase.property)
			.append(" if a single step may take longer. Thread '")
			.append(worker.getName())
			.append("' (")
			.append(worker.getState())
			.append(") is at:");
		for (StackTraceElement element : worker.getStackTrace()) {
			message.append(System.lineSeparator()).append("\tat ").append(element);
		}
		return message.toString();
	}

	/**
	 * Return the time between extensions.
	 * @return the period
	 */
	Duration getPeriod() {
		return this.period;
	}

	/**
	 * Return the time each extension asks for.
	 * @return the extension
	 */
	Duration getExtension() {
		return this.extension;
	}

	private static String capitalize(String text) {
		return Character.toUpperCase(text.charAt(0)) + text.substring(1);
	}

	/**
	 * What a {@link TimeoutExtender} extends.
	 */
	enum Phase {

		/**
		 * From the start of {@code SpringApplication.run} until {@code READY=1}.
		 */
		STARTUP("startup", "start", "TimeoutStartSec=", "systemd.startup.stall-timeout", true),

		/**
		 * From {@code STOPPING=1} until the application context is closed.
		 */
		SHUTDOWN("shutdown", "stop", "TimeoutStopSec=", "systemd.shutdown.stall-timeout", false);

		private final String noun;

		private final String timeout;

		private final String setting;

		private final String property;

		private final boolean countsBeans;

		Phase(String noun, String timeout, String setting, String property, boolean countsBeans) {
			this.noun = noun;
			this.timeout = timeout;
			this.setting = setting;
			this.property = property;
			this.countsBeans = countsBeans;
		}

	}

}
