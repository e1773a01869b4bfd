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
package io.github.springsystemd.unit;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import io.github.springsystemd.protocol.FileDescriptorStoreMax;
import io.github.springsystemd.protocol.InvalidEnvironmentException;
import io.github.springsystemd.protocol.WatchdogTimeout;

/**
 * The systemd unit this application runs as. Facts that the environment carries
 * ({@code INVOCATION_ID}, the control group, the watchdog timeout in
 * {@code WATCHDOG_USEC}, and {@code FileDescriptorStoreMax=} in {@code FDSTORE} on
 * systemd 254 and later) are known at once, without D-Bus; facts that only the service
 * manager knows (restart count, systemd version, and {@code FileDescriptorStoreMax=}
 * before systemd 254) are read over D-Bus in the background and are {@code null} until
 * then, or for good when D-Bus cannot be reached.
 *
 * @since 0.1.0
 */
public final class SystemdUnit {

	private static final Duration RETRY_AFTER = Duration.ofMinutes(1);

	private static final Duration READ_LIMIT = Duration.ofSeconds(30);

	private static final long FRESH_FOR_SECONDS = 5;

	private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

	private final long pid;

	private final @Nullable String controlGroupUnit;

	private final @Nullable String invocationId;

	private final @Nullable Duration watchdogTimeout;

	private final @Nullable Long fileDescriptorStoreMax;

	private final @Nullable UnitFactsSource source;

	private final Duration freshFor;

	private final Duration readLimit;

	private @Nullable CompletableFuture<Void> reading;

	private volatile @Nullable UnitFacts facts;

	private long readAt;

	private long lastFailure;

	/**
	 * Create a new {@link SystemdUnit}.
	 * @param pid this process
	 * @param controlGroupUnit the unit named by this process's control group, or
	 * {@code null}
	 * @param invocationId the value of {@code INVOCATION_ID}, or {@code null}
	 * @param source where to read further facts, or {@code null} when D-Bus is not
	 * available
	 */
	public SystemdUnit(long pid, @Nullable String controlGroupUnit, @Nullable String invocationId,
			@Nullable UnitFactsSource source) {
		this(pid, controlGroupUnit, invocationId, null, null, source);
	}

	/**
	 * Create a new {@link SystemdUnit}.
	 * @param pid this process
	 * @param controlGroupUnit the unit named by this process's control group, or
	 * {@code null}
	 * @param invocationId the value of {@code INVOCATION_ID}, or {@code null}
	 * @param watchdogTimeout the watchdog timeout from {@code WATCHDOG_USEC}, or
	 * {@code null}
	 * @param fileDescriptorStoreMax the value of {@code FDSTORE}, or {@code null}
	 * @param source where to read further facts, or {@code null} when D-Bus is not
	 * available
	 */
	public SystemdUnit(long pid, @Nullable String controlGroupUnit, @Nullable String invocationId,
			@Nullable Duration watchdogTimeout, @Nullable Long fileDescriptorStoreMax,
			@Nullable UnitFactsSource source) {
		this(pid, controlGroupUnit, invocationId, watchdogTimeout, fileDescriptorStoreMax, source,
				Duration.ofSeconds(FRESH_FOR_SECONDS));
	}

	SystemdUnit(long pid, @Nullable String controlGroupUnit, @Nullable String invocationId,
			@Nullable Duration watchdogTimeout, @Nullable Long fileDescriptorStoreMax, @Nullable UnitFactsSource source,
			Duration freshFor) {
		this(pid, controlGroupUnit, invocationId, watchdogTimeout, fileDescriptorStoreMax, source, freshFor,
				READ_LIMIT);
	}

	SystemdUnit(long pid, @Nullable String controlGroupUnit, @Nullable String invocationId,
			@Nullable Duration watchdogTimeout, @Nullable Long fileDescriptorStoreMax, @Nullable UnitFactsSource source,
			Duration freshFor, Duration readLimit) {
		this.freshFor = freshFor;
		this.readLimit = readLimit;
		this.pid = pid;
		this.controlGroupUnit = controlGroupUnit;
		this.invocationId = invocationId;
		this.watchdogTimeout = watchdogTimeout;
		this.fileDescriptorStoreMax = fileDescriptorStoreMax;
		this.source = source;
	}

	/**
	 * Create a {@link SystemdUnit} for this process, with the facts its environment
	 * carries: {@code INVOCATION_ID}, {@code WATCHDOG_USEC} and {@code FDSTORE}. A value
	 * that cannot be read counts as absent here; the features that use it say why.
	 * @param environment the value of an environment variable by name, or {@code null}
	 * @param source where to read further facts, or {@code null}
	 * @return the unit
	 */
	public static SystemdUnit ofThisProcess(Function<String, @Nullable String> environment,
			@Nullable UnitFactsSource source) {
		long pid = ProcessHandle.current().pid();
		return new SystemdUnit(pid, ControlGroup.unitOfThisProcess(), environment.apply("INVOCATION_ID"),
				watchdogTimeout(environment.apply(WatchdogTimeout.USEC_VARIABLE), pid),
				fileDescriptorStoreMax(environment.apply(FileDescriptorStoreMax.VARIABLE)), source);
	}

	static @Nullable Duration watchdogTimeout(@Nullable String usec, long pid) {
		try {
			return WatchdogTimeout.parse(usec, null, pid).orElse(null);
		}
		catch (InvalidEnvironmentException ex) {
			return null;
		}
	}

	static @Nullable Long fileDescriptorStoreMax(@Nullable String value) {
		try {
			OptionalLong max = FileDescriptorStoreMax.parse(value);
			return max.isPresent() ? max.getAsLong() : null;
		}
		catch (InvalidEnvironmentException ex) {
			return null;
		}
	}

	/**
	 * Start reading the facts from the service manager (a bounded read in the background,
	 * see {@link UnitFactsSource}), unless a read is under way, the facts were read less
	 * than 5 seconds ago, or a read failed less than a minute ago. Returns at once.
	 */
	public void refresh() {
		startReading();
	}

	/**
	 * Read the facts from the service manager as {@link #refresh()} does, and wait for
	 * the read to finish, at most for the given time. Facts that change while the unit
	 * runs, such as the restart count after {@code systemctl reset-failed}, are then at
	 * most 5 seconds old when the bus answers in time.
	 * @param timeout how long to wait at most; the read goes on in the background when it
	 * takes longer
	 * @since 0.1.0
	 */
	public void refresh(Duration timeout) {
		CompletableFuture<Void> read = startReading();
		try {
			read.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			// the facts read so far stay
		}
	}

	/**
	 * Read the facts from the service manager as {@link #refresh()} does, and return them
	 * once the read ends, without blocking.
	 * @param timeout how long to wait at most; the read goes on in the background when it
	 * takes longer
	 * @return the facts once the read ends or the timeout passes: those known by then,
	 * empty when none are; never completed exceptionally. It completes on the thread that
	 * ends the read (the source's, or a timer's): continue with an {@code ...Async}
	 * method and an executor of your own for anything that may block
	 * @since 0.1.0
	 */
	public CompletableFuture<Optional<UnitFacts>> readFacts(Duration timeout) {
		return startReading().copy()
			.completeOnTimeout(null, timeout.toNanos(), TimeUnit.NANOSECONDS)
			.thenApply((ended) -> getFacts());
	}

	private synchronized CompletableFuture<Void> startReading() {
		if (this.reading != null) {
			return this.reading;
		}
		long now = System.nanoTime();
		UnitFactsSource source = this.source;
		if (source == null || (this.facts != null && now - this.readAt < this.freshFor.toNanos())
				|| (this.lastFailure != 0 && now - this.lastFailure < RETRY_AFTER.toNanos())) {
			return DONE;
		}
		CompletableFuture<Void> read;
		try {
			// a source that breaks its bound must not stop every later read
			read = source.read(this.pid)
				.copy()
				.completeOnTimeout(null, this.readLimit.toNanos(), TimeUnit.NANOSECONDS)
				.handle((facts, ex) -> {
					record((ex == null && facts != null) ? facts.orElse(null) : null);
					return null;
				});
		}
		catch (RuntimeException ex) {
			this.lastFailure = now;
			return DONE;
		}
		// a read that ended at once was recorded already; one under way records itself
		// once this method has let go of the lock
		if (!read.isDone()) {
			this.reading = read;
		}
		return read;
	}

	private synchronized void record(@Nullable UnitFacts facts) {
		this.reading = null;
		if (facts != null) {
			this.facts = facts;
			this.readAt = System.nanoTime();
			this.lastFailure = 0;
		}
		else {
			this.lastFailure = System.nanoTime();
		}
	}

	/**
	 * Return the pid of this process.
	 * @return the pid
	 */
	public long getPid() {
		return this.pid;
	}

	/**
	 * Return the unit name, such as {@code orders.service}.
	 * @return the unit name, or {@code null} when unknown
	 */
	public @Nullable String getName() {
		String id = fact(UnitFacts::id);
		return (id != null) ? id : this.controlGroupUnit;
	}

	/**
	 * Return the instance name when the unit is an instance of a template unit, such as
	 * {@code b} for {@code orders@b.service} (see systemd.unit(5), "%i").
	 * @return the instance name, or {@code null} when the unit is not an instance or is
	 * unknown
	 */
	public @Nullable String getInstance() {
		return instanceOf(getName());
	}

	/**
	 * Return the instance name of a unit name, such as {@code b} for
	 * {@code orders@b.service}.
	 * @param unit the unit name, or {@code null}
	 * @return the instance name, or {@code null} when the unit is not an instance of a
	 * template
	 */
	public static @Nullable String instanceOf(@Nullable String unit) {
		if (unit == null) {
			return null;
		}
		int at = unit.indexOf('@');
		int dot = unit.lastIndexOf('.');
		return (at > 0 && dot > at + 1) ? unit.substring(at + 1, dot) : null;
	}

	/**
	 * Return the invocation id of this run of the unit.
	 * @return the invocation id, or {@code null} when unknown
	 */
	public @Nullable String getInvocationId() {
		return (this.invocationId != null) ? this.invocationId : fact(UnitFacts::invocationId);
	}

	/**
	 * Return how often systemd restarted the unit since it was last started by hand.
	 * @return the restart count ({@code NRestarts}), or {@code null} when unknown
	 */
	public @Nullable Long getRestarts() {
		return fact(UnitFacts::restarts);
	}

	/**
	 * Return the watchdog timeout the unit is configured with: {@code WATCHDOG_USEC} when
	 * set, otherwise as read over D-Bus.
	 * @return the timeout ({@code WatchdogSec=}), or {@code null} when unknown or none
	 */
	public @Nullable Duration getWatchdogTimeout() {
		return (this.watchdogTimeout != null) ? this.watchdogTimeout : fact(UnitFacts::watchdogTimeout);
	}

	/**
	 * Return how many file descriptors the unit may store in the service manager:
	 * {@code FDSTORE} when set (systemd 254 and later), otherwise as read over D-Bus.
	 * @return {@code FileDescriptorStoreMax=}, or {@code null} when unknown
	 */
	public @Nullable Long getFileDescriptorStoreMax() {
		return (this.fileDescriptorStoreMax != null) ? this.fileDescriptorStoreMax
				: fact(UnitFacts::fileDescriptorStoreMax);
	}

	/**
	 * Return the version of the service manager.
	 * @return the systemd version, or {@code null} when unknown
	 */
	public @Nullable String getManagerVersion() {
		return fact(UnitFacts::managerVersion);
	}

	/**
	 * Return the facts read from the service manager.
	 * @return the facts, empty until read or when they cannot be read
	 */
	public Optional<UnitFacts> getFacts() {
		return Optional.ofNullable(this.facts);
	}

	private <T> @Nullable T fact(Function<UnitFacts, @Nullable T> fact) {
		UnitFacts facts = this.facts;
		return (facts != null) ? fact.apply(facts) : null;
	}

}
