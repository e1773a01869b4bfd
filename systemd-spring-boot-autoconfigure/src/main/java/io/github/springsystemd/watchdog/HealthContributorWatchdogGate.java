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

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.health.actuate.endpoint.StatusAggregator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

import io.github.springsystemd.support.DurationText;

/**
 * {@link WatchdogGate} that checks each health contributor on its own and closes only
 * when a contributor that gates the watchdog is {@code DOWN} or does not answer in time,
 * or when the application's {@link LivenessState} is {@link LivenessState#BROKEN BROKEN}.
 * <p>
 * Each top-level contributor of the {@link HealthContributors} (as
 * {@code /actuator/health} lists them) is evaluated on a thread of its own and bounded by
 * the timeout, so one slow contributor (a connection pool waiting 30 s for a database)
 * cannot hide the others. A contributor that has not answered is not asked again until it
 * has, so a hung contributor holds one thread, never more. When a contributor runs over
 * the timeout, the stack of the thread that runs it is logged at {@code WARN}, provided
 * it is still running when the stack has been taken: once per check that runs over. A
 * check that runs over within a minute of the contributor's last stack waits one more
 * gate check: if it is still running then, it is stuck and its stack is logged; one that
 * answers late at every check (a slow database) logs a stack at most once a minute.
 * <p>
 * Statuses: {@code DOWN} of a gating contributor closes the gate. {@code OUT_OF_SERVICE}
 * (the application was taken out of service on purpose), {@code UNKNOWN} (also what an
 * indicator that answers no health at all counts as) and custom statuses leave it open
 * and are reported as degraded; so is any status of a contributor that does not gate the
 * watchdog.
 *
 * @since 0.1.0
 */
public final class HealthContributorWatchdogGate implements WatchdogGate, AutoCloseable {

	private static final Log logger = LogFactory.getLog(HealthContributorWatchdogGate.class);

	private static final StatusAggregator AGGREGATOR = StatusAggregator.getDefault();

	private final Supplier<HealthContributors> contributors;

	private final Predicate<String> gating;

	private final String subject;

	private volatile Duration timeout = Duration.ofSeconds(1);

	private final @Nullable ApplicationAvailability availability;

	private final ExecutorService executor;

	private final Map<String, Check> checks = new HashMap<>();

	private volatile ThreadDump threadDump = ThreadDump.CHECK_THREAD;

	private Function<Thread, StackTraceElement[]> stackReader = Thread::getStackTrace;

	private LongSupplier nanoTime = System::nanoTime;

	/**
	 * When the stack of each contributor's thread was last logged, by its name.
	 */
	private final Map<String, Long> stackLogged = new ConcurrentHashMap<>();

	/**
	 * Create a new {@link HealthContributorWatchdogGate}.
	 * @param contributors the health contributors, read anew for each check
	 * @param gating which contributors, by name, gate the watchdog
	 * @param subject what the gating contributors are, for messages, such as
	 * {@code health group 'watchdog'}
	 * @param availability the application availability whose liveness state is checked
	 * too, or {@code null}
	 */
	public HealthContributorWatchdogGate(Supplier<HealthContributors> contributors, Predicate<String> gating,
			String subject, @Nullable ApplicationAvailability availability) {
		this.contributors = contributors;
		this.gating = gating;
		this.subject = subject;
		this.availability = availability;
		this.executor = Executors.newCachedThreadPool(threads());
	}

	/**
	 * Set how long each contributor may take to answer.
	 * @param timeout the timeout, one second by default
	 */
	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	/**
	 * Set which thread stacks to log when a contributor runs over the timeout.
	 * @param threadDump the stacks to log, by default {@link ThreadDump#CHECK_THREAD}
	 */
	public void setThreadDump(ThreadDump threadDump) {
		this.threadDump = threadDump;
	}

	void setStackReader(Function<Thread, StackTraceElement[]> stackReader) {
		this.stackReader = stackReader;
	}

	void setNanoTime(LongSupplier nanoTime) {
		this.nanoTime = nanoTime;
	}

	/**
	 * Return how long each contributor may take to answer.
	 * @return the timeout
	 */
	public Duration getTimeout() {
		return this.timeout;
	}

	@Override
	public GateDecision check() {
		long deadline = System.nanoTime() + this.timeout.toNanos();
		Map<String, Check> current = new LinkedHashMap<>();
		for (HealthContributors.Entry entry : this.contributors.get()) {
			if (current.containsKey(entry.name())) {
				continue;
			}
			Check check = this.checks.get(entry.name());
			if (check == null || check.future.isDone()) {
				check = submit(entry.name(), entry.contributor());
			}
			if (check != null) {
				current.put(entry.name(), check);
			}
		}
		this.checks.keySet().retainAll(current.keySet());
		this.checks.putAll(current);
		List<ComponentHealth> components = new ArrayList<>();
		for (Check check : current.values()) {
			components.add(await(check, deadline));
		}
		return decide(components);
	}

	private @Nullable Check submit(String name, HealthContributor contributor) {
		Check check = new Check(name);
		try {
			check.future = this.executor.submit(() -> check.run(contributor));
			return check;
		}
		catch (RejectedExecutionException ex) {
			return null;
		}
	}

	private ComponentHealth await(Check check, long deadline) {
		boolean gating = this.gating.test(check.name);
		try {
			long remaining = Math.max(0, deadline - System.nanoTime());
			return answered(check.name, check.future.get(remaining, TimeUnit.NANOSECONDS), gating);
		}
		catch (TimeoutException ex) {
			Status status = logStuck(check);
			if (status != null) {
				return answered(check.name, status, gating);
			}
			String description = check.name + " did not answer within " + DurationText.of(this.timeout);
			return new ComponentHealth(check.name, null, gating, notGating(description, gating));
		}
		catch (ExecutionException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			return new ComponentHealth(check.name, Status.DOWN.getCode(), gating,
					notGating(check.name + " is DOWN (" + cause + ")", gating));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new ComponentHealth(check.name, null, gating, check.name + " was not checked: interrupted");
		}
	}

	/**
	 * Log the stack of the thread that runs a check that did not answer in time, once per
	 * check, provided the check is still running after the stack was taken.
	 * @param check the check
	 * @return its status when it finished meanwhile, otherwise {@code null}
	 */
	private @Nullable Status logStuck(Check check) {
		Thread thread = check.thread;
		// a contributor that answered late within the minute may be late again: its stack
		// waits; one still running at a later check is stuck, and its stack is logged
		boolean waits = !check.overdue && stackLoggedRecently(check.name);
		check.overdue = true;
		if (check.stackLogged || this.threadDump == ThreadDump.NONE || thread == null || waits) {
			return finishedStatus(check);
		}
		StackTraceElement[] stack = this.stackReader.apply(thread);
		if (check.future.isDone() || check.thread != thread) {
			return finishedStatus(check);
		}
		check.stackLogged = true;
		this.stackLogged.put(check.name, this.nanoTime.getAsLong());
		String message = "Health contributor '" + check.name + "' did not answer within "
				+ DurationText.of(this.timeout) + "; the thread that runs it is at:" + System.lineSeparator()
				+ ThreadStacks.describe(thread, stack);
		if (this.threadDump == ThreadDump.ALL_THREADS) {
			message += System.lineSeparator() + System.lineSeparator() + "All threads:" + ThreadStacks.ofAll();
		}
		logger.warn(message);
		return null;
	}

	private boolean stackLoggedRecently(String name) {
		Long logged = this.stackLogged.get(name);
		return logged != null && this.nanoTime.getAsLong() - logged < SystemdWatchdog.DAMPING_WINDOW.toNanos();
	}

	private @Nullable Status finishedStatus(Check check) {
		if (!check.future.isDone()) {
			return null;
		}
		try {
			return check.future.get();
		}
		catch (ExecutionException | InterruptedException ex) {
			return Status.DOWN;
		}
	}

	private ComponentHealth answered(String name, Status status, boolean gating) {
		return new ComponentHealth(name, status.getCode(), gating, notGating(name + " is " + status.getCode(), gating));
	}

	private static String notGating(String description, boolean gating) {
		return gating ? description : description + " (not gating the watchdog)";
	}

	private GateDecision decide(List<ComponentHealth> components) {
		LivenessState liveness = (this.availability != null) ? this.availability.getState(LivenessState.class) : null;
		List<String> closing = new ArrayList<>();
		List<String> degraded = new ArrayList<>();
		if (liveness == LivenessState.BROKEN) {
			closing.add("liveness state is BROKEN");
		}
		for (ComponentHealth component : components) {
			if (component.gating() && (!component.answered() || Status.DOWN.getCode().equals(component.status()))) {
				closing.add(component.description());
			}
			else if (!component.up()) {
				degraded.add(component.description());
			}
		}
		if (!closing.isEmpty()) {
			closing.addAll(degraded);
			return new GateDecision(false, String.join(", ", closing), components);
		}
		if (!degraded.isEmpty()) {
			return new GateDecision(true, String.join(", ", degraded), components);
		}
		return new GateDecision(true, this.subject + " is UP", components);
	}

	/**
	 * Stop the threads that run the checks, interrupting those still running.
	 */
	@Override
	public void close() {
		this.executor.shutdownNow();
	}

	private static ThreadFactory threads() {
		AtomicInteger count = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, "systemd-health-check-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	private static Status status(HealthContributor contributor) {
		if (contributor instanceof HealthIndicator indicator) {
			// no health at all (Spring Boot leaves it out of the aggregate): neither UP
			// nor DOWN
			Health health = indicator.health(false);
			return (health != null) ? health.getStatus() : Status.UNKNOWN;
		}
		if (contributor instanceof CompositeHealthContributor composite) {
			List<Status> statuses = new ArrayList<>();
			for (HealthContributors.Entry entry : composite) {
				statuses.add(status(entry.contributor()));
			}
			return statuses.isEmpty() ? Status.UNKNOWN : AGGREGATOR.getAggregateStatus(Set.copyOf(statuses));
		}
		return Status.UNKNOWN;
	}

	private static final class Check {

		private final String name;

		// set by submit(), which alone hands a Check out
		@SuppressWarnings("NullAway.Init")
		private volatile Future<Status> future;

		private volatile @Nullable Thread thread;

		private boolean stackLogged;

		/**
		 * Whether the check ran over the timeout at an earlier gate check already.
		 */
		private boolean overdue;

		Check(String name) {
			this.name = name;
		}

		Status run(HealthContributor contributor) {
			this.thread = Thread.currentThread();
			try {
				return status(contributor);
			}
			finally {
				this.thread = null;
			}
		}

	}

}
