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
package io.github.springsystemd.watchdog;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.github.springsystemd.notify.SystemdNotifier;
import io.github.springsystemd.protocol.Notification;
import io.github.springsystemd.support.DurationText;

/**
 * Sends {@code WATCHDOG=1} at a fixed interval while its {@link WatchdogGate} is open.
 * <p>
 * Pings are sent from a daemon thread of its own, so a saturated application thread pool
 * cannot starve them. Each gate check runs on a second daemon thread and is bounded by a
 * timeout: a check that runs over counts as closed, and while it is still running no
 * further check is started, so a hanging health contributor never piles up threads. When
 * the gate closes the reason is logged once at {@code WARN} and shown in
 * {@code systemctl status}; when it opens again that is logged too. When a check runs
 * over, the stack of the thread that runs it is logged once at {@code WARN}, so the log
 * says what it was stuck on (see {@link #setThreadDump(ThreadDump)}).
 * <p>
 * With a {@link #setTriggerAfter(Duration) trigger delay}, a gate that stays closed that
 * long makes it send {@code WATCHDOG=trigger}: systemd (243 and later) then acts on the
 * watchdog failure at once instead of when {@code WatchdogSec=} runs out.
 *
 * @since 0.1.0
 */
public final class WatchdogScheduler {

	private static final Log logger = LogFactory.getLog(WatchdogScheduler.class);

	private final SystemdNotifier notifier;

	private final WatchdogGate gate;

	private final Duration interval;

	private final Duration checkTimeout;

	private final Clock clock;

	private final LongSupplier nanoTime;

	private final AtomicLong pingsSent = new AtomicLong();

	private final AtomicLong pingsWithheld = new AtomicLong();

	private volatile Instant lastPing;

	private volatile GateDecision lastDecision;

	private final ExecutorService checker = Executors.newSingleThreadExecutor(daemon("systemd-watchdog-check"));

	private ScheduledExecutorService pinger;

	private boolean stopped;

	private Future<GateDecision> pendingCheck;

	private volatile Duration triggerAfter;

	private volatile ThreadDump threadDump = ThreadDump.CHECK_THREAD;

	private volatile Thread checkThread;

	private long closedSince;

	private boolean triggered;

	/**
	 * Create a new {@link WatchdogScheduler}.
	 * @param notifier the notifier that sends the pings
	 * @param gate the gate checked before each ping
	 * @param interval the time between pings
	 * @param checkTimeout how long a gate check may take before it counts as closed
	 */
	public WatchdogScheduler(SystemdNotifier notifier, WatchdogGate gate, Duration interval, Duration checkTimeout) {
		this(notifier, gate, interval, checkTimeout, Clock.systemUTC(), System::nanoTime);
	}

	WatchdogScheduler(SystemdNotifier notifier, WatchdogGate gate, Duration interval, Duration checkTimeout,
			Clock clock, LongSupplier nanoTime) {
		this.notifier = notifier;
		this.gate = gate;
		this.interval = interval;
		this.checkTimeout = checkTimeout;
		this.clock = clock;
		this.nanoTime = nanoTime;
	}

	/**
	 * Set how long the gate may stay closed before {@code WATCHDOG=trigger} is sent. The
	 * gate is checked once per interval, so keep the interval well below it.
	 * @param triggerAfter the delay, or {@code null} never to trigger (the default)
	 */
	public void setTriggerAfter(Duration triggerAfter) {
		this.triggerAfter = triggerAfter;
	}

	/**
	 * Set which thread stacks to log when a check runs over its timeout.
	 * @param threadDump the stacks to log, by default {@link ThreadDump#CHECK_THREAD}
	 */
	public void setThreadDump(ThreadDump threadDump) {
		this.threadDump = threadDump;
	}

	/**
	 * Start sending pings, the first one after one interval: systemd arms the watchdog
	 * when it receives {@code READY=1}, and the application's readiness is only settled
	 * once the ready event has been handled. Does nothing if already started or once
	 * stopped.
	 */
	public synchronized void start() {
		if (this.pinger != null || this.stopped) {
			return;
		}
		this.pinger = Executors.newSingleThreadScheduledExecutor(daemon("systemd-watchdog"));
		this.pinger.scheduleAtFixedRate(this::beat, this.interval.toNanos(), this.interval.toNanos(),
				TimeUnit.NANOSECONDS);
		logger.debug("Sending systemd watchdog pings every " + DurationText.of(this.interval));
	}

	/**
	 * Stop sending pings for good and release the threads. A check that is still running
	 * is interrupted.
	 */
	public synchronized void stop() {
		this.stopped = true;
		this.checker.shutdownNow();
		if (this.pinger != null) {
			this.pinger.shutdownNow();
			this.pinger = null;
		}
	}

	/**
	 * Return whether pings are being scheduled.
	 * @return whether the scheduler is running
	 */
	public synchronized boolean isRunning() {
		return this.pinger != null;
	}

	void beat() {
		try {
			GateDecision decision = check();
			GateDecision previous = this.lastDecision;
			this.lastDecision = decision;
			if (decision.open()) {
				ping(decision, previous);
			}
			else {
				if (previous == null || previous.open()) {
					this.closedSince = this.nanoTime.getAsLong();
					this.triggered = false;
				}
				withhold(decision, previous);
				triggerWhenClosedTooLong(decision);
			}
		}
		catch (Throwable ex) {
			logger.error("Unexpected failure in systemd watchdog ping; the next ping is attempted as scheduled", ex);
		}
	}

	private void ping(GateDecision decision, GateDecision previous) {
		Notification ping = Notification.watchdog();
		boolean resumed = previous != null && !previous.open();
		if (resumed) {
			ping = ping.and("STATUS", "Running; " + decision.reason() + ", watchdog pings resumed");
		}
		if (this.notifier.notify(ping)) {
			this.pingsSent.incrementAndGet();
			this.lastPing = this.clock.instant();
		}
		if (resumed) {
			logger.info("Resuming systemd watchdog pings: " + decision.reason());
		}
	}

	private void withhold(GateDecision decision, GateDecision previous) {
		this.pingsWithheld.incrementAndGet();
		if (previous == null || previous.open() || !previous.reason().equals(decision.reason())) {
			logger.warn("Withholding systemd watchdog pings: " + decision.reason()
					+ "; systemd restarts the service unless this clears before WatchdogSec= runs out");
			this.notifier.notify(Notification.status("Unhealthy; " + decision.reason() + ", watchdog pings withheld"));
		}
	}

	private void triggerWhenClosedTooLong(GateDecision decision) {
		Duration triggerAfter = this.triggerAfter;
		if (triggerAfter == null || this.triggered) {
			return;
		}
		Duration closedFor = Duration.ofNanos(this.nanoTime.getAsLong() - this.closedSince);
		if (closedFor.compareTo(triggerAfter) < 0) {
			return;
		}
		this.triggered = true;
		logger.warn("The systemd watchdog gate has been closed for " + DurationText.of(closedFor) + " ("
				+ decision.reason() + "), systemd.watchdog.trigger-after is " + DurationText.of(triggerAfter)
				+ "; sending WATCHDOG=trigger so that systemd acts on the watchdog failure now");
		this.notifier.notify(Notification.watchdogTrigger()
			.and("STATUS", "Unhealthy; " + decision.reason() + ", watchdog failure triggered"));
	}

	private GateDecision check() {
		if (this.gate == WatchdogGate.OPEN) {
			return this.gate.check();
		}
		if (this.pendingCheck != null && !this.pendingCheck.isDone()) {
			return timedOut();
		}
		try {
			this.pendingCheck = this.checker.submit(() -> {
				this.checkThread = Thread.currentThread();
				return this.gate.check();
			});
		}
		catch (RejectedExecutionException ex) {
			return GateDecision.closed("watchdog stopped");
		}
		try {
			return this.pendingCheck.get(this.checkTimeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			logStuckCheck();
			return timedOut();
		}
		catch (ExecutionException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			return GateDecision.closed("health check failed: " + cause);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return GateDecision.closed("watchdog stopped");
		}
	}

	private void logStuckCheck() {
		ThreadDump threadDump = this.threadDump;
		Thread thread = this.checkThread;
		if (threadDump == ThreadDump.NONE || thread == null) {
			return;
		}
		String message = "Health check did not complete within " + DurationText.of(this.checkTimeout)
				+ "; the thread that runs it is at:" + System.lineSeparator() + ThreadStacks.of(thread);
		if (threadDump == ThreadDump.ALL_THREADS) {
			message += System.lineSeparator() + System.lineSeparator() + "All threads:" + ThreadStacks.ofAll();
		}
		logger.warn(message);
	}

	private GateDecision timedOut() {
		return GateDecision.closed("health check did not complete within " + DurationText.of(this.checkTimeout));
	}

	/**
	 * Return how long the gate may stay closed before {@code WATCHDOG=trigger} is sent.
	 * @return the delay, or {@code null} when the failure is never triggered
	 */
	public Duration getTriggerAfter() {
		return this.triggerAfter;
	}

	/**
	 * Return which thread stacks are logged when a check runs over its timeout.
	 * @return the stacks to log
	 */
	public ThreadDump getThreadDump() {
		return this.threadDump;
	}

	/**
	 * Return the time between pings.
	 * @return the interval
	 */
	public Duration getInterval() {
		return this.interval;
	}

	/**
	 * Return how many pings were sent.
	 * @return the number of pings sent
	 */
	public long getPingsSent() {
		return this.pingsSent.get();
	}

	/**
	 * Return how many pings were withheld because the gate was closed.
	 * @return the number of pings withheld
	 */
	public long getPingsWithheld() {
		return this.pingsWithheld.get();
	}

	/**
	 * Return when the last ping was sent.
	 * @return the time of the last ping or {@code null}
	 */
	public Instant getLastPing() {
		return this.lastPing;
	}

	/**
	 * Return the decision of the last gate check.
	 * @return the last decision or {@code null} before the first check
	 */
	public GateDecision getLastDecision() {
		return this.lastDecision;
	}

	private static ThreadFactory daemon(String name) {
		return (runnable) -> {
			Thread thread = new Thread(runnable, name);
			thread.setDaemon(true);
			return thread;
		};
	}

}
