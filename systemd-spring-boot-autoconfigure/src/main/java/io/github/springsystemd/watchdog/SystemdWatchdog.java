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
import java.util.function.Function;
import java.util.function.LongSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import io.github.springsystemd.notify.SystemdNotifier;
import io.github.springsystemd.protocol.Notification;
import io.github.springsystemd.support.DurationText;
import io.github.springsystemd.support.StatusText;

/**
 * Sends {@code WATCHDOG=1} at a fixed interval and asks systemd to restart the service
 * once its {@link WatchdogGate} has stayed closed for the
 * {@link #setTriggerAfter(Duration) trigger delay}.
 * <p>
 * Pings are sent from a daemon thread of its own, so a saturated application thread pool
 * cannot starve them. Each gate check runs on a second daemon thread and is bounded by a
 * timeout: a check that runs over counts as closed, and while it is still running no
 * further check is started, so a hanging health check never piles up threads.
 * <p>
 * Restart timing: while the gate is closed, pings go on until it has been closed
 * continuously for the trigger delay (by default {@code WatchdogSec=}); then
 * {@code WATCHDOG=trigger} is sent (systemd 243 and later act on it at once) and no
 * further pings are sent (so older versions act when {@code WatchdogSec=} runs out). A
 * closed gate is seen at the first check after it closed, so the restart comes within one
 * interval of the trigger delay after health stopped being {@code UP}; a shorter blip
 * never restarts the service. A frozen JVM sends nothing, and systemd restarts it once
 * {@code WatchdogSec=} has passed. Without a trigger delay, pings are withheld as soon as
 * the gate is closed.
 * <p>
 * Every change of the gate's decision updates {@code STATUS=} ({@code Unhealthy; ...},
 * {@code Degraded; ...}, {@code Running; ...}) and is logged, at most once per distinct
 * decision within {@link #DAMPING_WINDOW}; changes not logged within the window are
 * summed up in one line when it ends.
 *
 * @since 0.1.0
 */
public final class SystemdWatchdog {

	/**
	 * How long a decision, once logged, is not logged again.
	 */
	public static final Duration DAMPING_WINDOW = Duration.ofMinutes(1);

	/**
	 * How much longer than the check timeout the watchdog waits for a gate, at most, so
	 * that a gate that bounds its own checks by the timeout can report what ran over: a
	 * quarter of a second, or half the check timeout when that is shorter, so that a
	 * short {@code WatchdogSec=} is not overrun by a check that runs over.
	 */
	static final Duration GRACE = Duration.ofMillis(250);

	/**
	 * Time between attempts to send a ping that the notification socket did not take
	 * (such as {@code EAGAIN} from a full queue), at most: 100 milliseconds, or a quarter
	 * of the interval when that is shorter. Attempts stop at the next scheduled ping.
	 */
	static final Duration RETRY_DELAY = Duration.ofMillis(100);

	private static final Log logger = LogFactory.getLog(SystemdWatchdog.class);

	private static final String RUNNING = "Running; ";

	private static final String UNHEALTHY = "Unhealthy; ";

	private final SystemdNotifier notifier;

	private final WatchdogGate gate;

	private final Duration interval;

	private final Duration checkTimeout;

	private final Clock clock;

	private final LongSupplier nanoTime;

	private final AtomicLong pingsSent = new AtomicLong();

	private final AtomicLong pingsWithheld = new AtomicLong();

	private final TransitionLog transitions;

	private volatile @Nullable Instant lastPing;

	private volatile @Nullable GateDecision lastDecision;

	private final ExecutorService checker = Executors.newSingleThreadExecutor(daemon("systemd-watchdog-check"));

	private @Nullable ScheduledExecutorService pinger;

	private volatile boolean stopped;

	/**
	 * Counts the scheduled pings, so that a retry of a ping the socket did not take ends
	 * when the next one is due.
	 */
	private long beats;

	private @Nullable Future<GateDecision> pendingCheck;

	private volatile @Nullable Duration triggerAfter;

	private volatile ThreadDump threadDump = ThreadDump.CHECK_THREAD;

	private volatile @Nullable Thread checkThread;

	private boolean stuckLogged;

	private Function<Thread, StackTraceElement[]> stackReader = Thread::getStackTrace;

	private long closedSince;

	private long closedChecks;

	private boolean triggered;

	private @Nullable String status;

	/**
	 * Create a new {@link SystemdWatchdog}.
	 * @param notifier the notifier that sends the pings
	 * @param gate the gate checked before each ping
	 * @param interval the time between pings
	 * @param checkTimeout how long a gate check may take before it counts as closed
	 */
	public SystemdWatchdog(SystemdNotifier notifier, WatchdogGate gate, Duration interval, Duration checkTimeout) {
		this(notifier, gate, interval, checkTimeout, Clock.systemUTC(), System::nanoTime);
	}

	SystemdWatchdog(SystemdNotifier notifier, WatchdogGate gate, Duration interval, Duration checkTimeout, Clock clock,
			LongSupplier nanoTime) {
		this.notifier = notifier;
		this.gate = gate;
		this.interval = interval;
		this.checkTimeout = checkTimeout;
		this.clock = clock;
		this.nanoTime = nanoTime;
		this.transitions = new TransitionLog(logger, DAMPING_WINDOW, nanoTime);
	}

	/**
	 * Set how long the gate may stay closed before {@code WATCHDOG=trigger} is sent and
	 * pings stop. The auto-configuration sets {@code WatchdogSec=}, or
	 * {@code systemd.watchdog.trigger-after} when that is shorter. The gate is checked
	 * once per interval, so keep the interval well below it.
	 * @param triggerAfter the delay, or {@code null} to withhold pings as soon as the
	 * gate is closed and never trigger
	 */
	public void setTriggerAfter(@Nullable Duration triggerAfter) {
		this.triggerAfter = triggerAfter;
	}

	/**
	 * Set which thread stacks to log when a check runs over its timeout.
	 * @param threadDump the stacks to log, by default {@link ThreadDump#CHECK_THREAD}
	 */
	public void setThreadDump(ThreadDump threadDump) {
		this.threadDump = threadDump;
	}

	void setStackReader(Function<Thread, StackTraceElement[]> stackReader) {
		this.stackReader = stackReader;
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
	 * @return whether the pings are running
	 */
	public synchronized boolean isRunning() {
		return this.pinger != null;
	}

	void beat() {
		try {
			this.beats++;
			long now = this.nanoTime.getAsLong();
			GateDecision decision = check();
			if (this.stopped) {
				// stop() interrupted the check: nothing was decided, nothing is sent
				return;
			}
			GateDecision previous = this.lastDecision;
			this.lastDecision = decision;
			if (decision.open()) {
				this.triggered = false;
				ping(statusOf(decision, previous));
				this.transitions.record(decision, "watchdog pings continue");
				return;
			}
			if (previous == null || previous.open()) {
				this.closedSince = now;
				this.closedChecks = 0;
				this.triggered = false;
			}
			else {
				this.closedChecks++;
			}
			Duration triggerAfter = this.triggerAfter;
			Duration closedFor = Duration.ofNanos(now - this.closedSince);
			String consequence = (triggerAfter != null)
					? "systemd restarts the service if this lasts " + DurationText.of(triggerAfter)
					: "watchdog pings withheld";
			this.transitions.record(decision, consequence);
			if (this.triggered || triggerAfter == null) {
				withhold(status(UNHEALTHY + decision.reason() + "; "
						+ (this.triggered ? "watchdog failure triggered" : consequence)));
			}
			else if (!due(closedFor, triggerAfter)) {
				ping(status(UNHEALTHY + decision.reason() + "; " + consequence));
			}
			else {
				trigger(decision, closedFor, triggerAfter);
			}
		}
		catch (Throwable ex) {
			logger.error("Unexpected failure in systemd watchdog ping; the next ping is attempted as scheduled", ex);
		}
	}

	/**
	 * Return whether a gate closed at every check for {@code closedFor} is due to be
	 * triggered: at the check that comes {@code triggerAfter} after the first closed one
	 * on the schedule (counted in checks, so that a late wake-up of the first check does
	 * not put it off by one more interval), and not before most of that time has passed
	 * (so that checks run back to back after a pause do not trigger early).
	 */
	private boolean due(Duration closedFor, Duration triggerAfter) {
		long checks = (triggerAfter.toNanos() + this.interval.toNanos() - 1) / this.interval.toNanos();
		return this.closedChecks >= checks && closedFor.compareTo(triggerAfter.minus(this.interval.dividedBy(2))) >= 0;
	}

	private @Nullable String statusOf(GateDecision decision, @Nullable GateDecision previous) {
		if (decision.degraded()) {
			return status("Degraded; " + decision.reason());
		}
		if (this.status == null) {
			return null;
		}
		return status(RUNNING + decision.reason());
	}

	/**
	 * Return the status text to send, or {@code null} when it is the one last sent. A
	 * status that says the gate is closed is sent again when another status replaced it
	 * meanwhile (the outcome of a {@code systemctl reload}), so that
	 * {@code systemctl status} does not hide a restart to come; {@code Running} and
	 * {@code Degraded} do not replace another status.
	 */
	private @Nullable String status(String text) {
		String line = StatusText.truncate(StatusText.oneLine(text));
		if (!line.equals(this.status)) {
			return line;
		}
		boolean reassert = line.startsWith(UNHEALTHY) && !line.equals(this.notifier.getStatus().orElse(line));
		return reassert ? line : null;
	}

	/**
	 * Send a ping, with a status that has changed. When the socket does not take it, a
	 * bare ping is sent again until it is taken or the next ping is due (a status would
	 * queue it behind a notification that waits to be delivered), and the status is sent
	 * with the next one.
	 */
	private void ping(@Nullable String status) {
		Notification ping = Notification.watchdog();
		if (status != null) {
			ping = ping.and("STATUS", status);
		}
		if (send(ping)) {
			sent(status);
		}
		else {
			retry(Notification.watchdog(), this.beats);
		}
	}

	/**
	 * Record a status that reached the service manager, so that it is not sent again
	 * until it changes.
	 */
	private void sent(@Nullable String status) {
		if (status != null) {
			this.status = status;
		}
	}

	private boolean send(Notification ping) {
		if (!this.notifier.notify(ping)) {
			return false;
		}
		this.pingsSent.incrementAndGet();
		this.lastPing = this.clock.instant();
		return true;
	}

	/**
	 * Send a ping the socket did not take again shortly, until it is taken or the next
	 * ping is due: with the interval at half of {@code WatchdogSec=}, waiting for the
	 * next one would leave systemd's deadline to chance.
	 */
	private synchronized void retry(Notification ping, long beat) {
		ScheduledExecutorService pinger = this.pinger;
		if (pinger == null || this.stopped) {
			return;
		}
		Duration delay = this.interval.dividedBy(4);
		delay = (delay.compareTo(RETRY_DELAY) < 0) ? delay : RETRY_DELAY;
		try {
			pinger.schedule(() -> {
				if (!this.stopped && this.beats == beat && !send(ping)) {
					retry(ping, beat);
				}
			}, delay.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (RejectedExecutionException ex) {
			// stopped meanwhile
		}
	}

	private void withhold(@Nullable String status) {
		this.pingsWithheld.incrementAndGet();
		if (status != null && this.notifier.notify(Notification.status(status))) {
			sent(status);
		}
	}

	private void trigger(GateDecision decision, Duration closedFor, Duration triggerAfter) {
		this.triggered = true;
		this.pingsWithheld.incrementAndGet();
		Duration shown = Duration.ofMillis(Math.round(closedFor.toMillis() / 100.0) * 100);
		logger.warn("The systemd watchdog health gate has been closed for " + DurationText.of(shown) + " ("
				+ decision.reason() + "), the limit is " + DurationText.of(triggerAfter)
				+ "; sending WATCHDOG=trigger so that systemd restarts the service");
		String status = status(UNHEALTHY + decision.reason() + "; watchdog failure triggered");
		Notification trigger = Notification.watchdogTrigger();
		if (this.notifier.notify((status != null) ? trigger.and("STATUS", status) : trigger)) {
			sent(status);
		}
	}

	private GateDecision check() {
		if (this.gate == WatchdogGate.OPEN) {
			return this.gate.check();
		}
		Future<GateDecision> pending = this.pendingCheck;
		if (pending != null && !pending.isDone()) {
			logStuckCheck(pending);
			return timedOut();
		}
		try {
			pending = this.checker.submit(this::runCheck);
			this.pendingCheck = pending;
			this.stuckLogged = false;
		}
		catch (RejectedExecutionException ex) {
			return GateDecision.closed("watchdog stopped");
		}
		try {
			return pending.get(checkWait().toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			logStuckCheck(pending);
			return pending.isDone() ? result(pending) : timedOut();
		}
		catch (ExecutionException ex) {
			return failed(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return GateDecision.closed("watchdog stopped");
		}
	}

	/**
	 * Return how long a beat waits for a check: the check timeout and a grace of at most
	 * {@link #GRACE}, or half the timeout when that is shorter.
	 */
	Duration checkWait() {
		return checkWait(this.checkTimeout);
	}

	/**
	 * Return the longest a ping can wait for a health check with the given timeout: the
	 * timeout and a grace of at most 250 milliseconds, or half the timeout when that is
	 * shorter. A ping that waits this long after the interval must still come before
	 * {@code WatchdogSec=} runs out.
	 * @param checkTimeout the health check timeout
	 * ({@code systemd.watchdog.health.timeout})
	 * @return the longest wait
	 */
	public static Duration checkWait(Duration checkTimeout) {
		Duration grace = checkTimeout.dividedBy(2);
		return checkTimeout.plus((grace.compareTo(GRACE) < 0) ? grace : GRACE);
	}

	private GateDecision result(Future<GateDecision> done) {
		try {
			return done.get();
		}
		catch (ExecutionException ex) {
			return failed(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return GateDecision.closed("watchdog stopped");
		}
	}

	private GateDecision failed(ExecutionException ex) {
		Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
		return GateDecision.closed("health check failed: " + cause);
	}

	private GateDecision runCheck() {
		this.checkThread = Thread.currentThread();
		try {
			return this.gate.check();
		}
		finally {
			this.checkThread = null;
		}
	}

	/**
	 * Log the stack of the thread that runs a check that ran over, once per check, and
	 * only when the check is still running after the stack was taken: a stack taken after
	 * the check finished would show the idle pool thread.
	 */
	private void logStuckCheck(Future<GateDecision> pending) {
		ThreadDump threadDump = this.threadDump;
		Thread thread = this.checkThread;
		if (this.stuckLogged || threadDump == ThreadDump.NONE || thread == null) {
			return;
		}
		StackTraceElement[] stack = this.stackReader.apply(thread);
		if (pending.isDone() || this.checkThread != thread) {
			return;
		}
		this.stuckLogged = true;
		String message = "Health check did not complete within " + DurationText.of(this.checkTimeout)
				+ "; the thread that runs it is at:" + System.lineSeparator() + ThreadStacks.describe(thread, stack);
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
	 * @return the delay, or {@code null} when pings are withheld at once instead
	 */
	public @Nullable Duration getTriggerAfter() {
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
	 * Return how long a gate check may take before it counts as closed.
	 * @return the check timeout
	 */
	public Duration getCheckTimeout() {
		return this.checkTimeout;
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
	 * Return how many pings were withheld: those not sent once the gate had been closed
	 * for the trigger delay (or, without one, while it was closed).
	 * @return the number of pings withheld
	 */
	public long getPingsWithheld() {
		return this.pingsWithheld.get();
	}

	/**
	 * Return when the last ping was sent.
	 * @return the time of the last ping or {@code null}
	 */
	public @Nullable Instant getLastPing() {
		return this.lastPing;
	}

	/**
	 * Return the decision of the last gate check.
	 * @return the last decision or {@code null} before the first check
	 */
	public @Nullable GateDecision getLastDecision() {
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
