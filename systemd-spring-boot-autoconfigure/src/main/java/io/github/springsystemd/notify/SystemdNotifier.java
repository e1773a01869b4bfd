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
package io.github.springsystemd.notify;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import io.github.springsystemd.libc.Libc;
import io.github.springsystemd.protocol.InvalidEnvironmentException;
import io.github.springsystemd.protocol.Notification;
import io.github.springsystemd.protocol.NotifySocketAddress;

/**
 * Sends notifications to the service manager over {@code NOTIFY_SOCKET}. Thread-safe.
 * Sending never throws: a failure is counted, logged once at {@code WARN} with what to do
 * (repeats of the same failure, and the same failure again within 10 minutes, are logged
 * at {@code DEBUG}), and reported as {@code false}. An inactive notifier, used when not
 * running under systemd, sends nothing and logs nothing.
 * <p>
 * Sending never waits for the service manager. Each call makes at most one send attempt,
 * which does not wait for room in the receiver's queue: when the service manager is busy
 * or stalled and its queue is full, the attempt fails at once ({@code EAGAIN}) like any
 * other failure. The only thing a caller may wait for is the notifier's lock, which
 * another thread holds for at most one such attempt; {@link #getLongestSendTime()} tells
 * how long attempts took. Notifications that must arrive ({@code READY=1},
 * {@code STOPPING=1}, why startup failed) are sent with {@link #deliver(Notification)} or
 * {@link #deliverFinal(Notification)}: when they cannot be sent at once, a daemon thread,
 * {@code systemd-notify-retry}, that exists only while one is pending, retries them in
 * order until they are sent or the process exits.
 * <p>
 * What the service manager is told about the service's state never goes backwards: once
 * {@code STOPPING=1} is sent, no {@code READY=1}, {@code RELOADING=1} or startup status
 * follows, and once a final status is sent, only another final status replaces it.
 *
 * @since 0.1.0
 */
public final class SystemdNotifier {

	/**
	 * Name of the bean the starter registers its notifier as, before the application
	 * context is refreshed, so that the whole application shares one.
	 */
	public static final String BEAN_NAME = "systemdNotifier";

	private static final Log logger = LogFactory.getLog(SystemdNotifier.class);

	private static final SystemdNotifier INACTIVE = new SystemdNotifier(null, null);

	private static final Notification WATCHDOG = Notification.watchdog();

	/**
	 * {@code WATCHDOG=1}, the notification sent most often, encoded once. Never modified.
	 */
	private static final byte[] WATCHDOG_PAYLOAD = WATCHDOG.toBytes();

	private static final Duration FIRST_RETRY = Duration.ofMillis(50);

	private static final Duration MAX_RETRY = Duration.ofSeconds(1);

	/**
	 * How long after its {@code WARN} a failure of the same kind is logged at
	 * {@code DEBUG} only: a service manager that is busy now and then (its queue full for
	 * a moment, {@code EAGAIN}) is reported once, not with two lines a time.
	 */
	private static final Duration WARN_AGAIN_AFTER = Duration.ofMinutes(10);

	/**
	 * How long a failure logged at {@code DEBUG} only (see {@link #WARN_AGAIN_AFTER}) may
	 * last before it is logged at {@code WARN} after all.
	 */
	private static final Duration STILL_FAILING_AFTER = Duration.ofMinutes(1);

	private final @Nullable NotifySocketAddress address;

	private final @Nullable NotifyTransport transport;

	private final LongSupplier nanoTime;

	private final byte @Nullable [] sunPath;

	/**
	 * The last {@code STATUS=} sent.
	 */
	private volatile @Nullable String status;

	private final AtomicLong sent = new AtomicLong();

	private final AtomicLong longestSendNanos = new AtomicLong();

	private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();

	private volatile @Nullable String lastFailureKind;

	/**
	 * When each kind of failure was last logged at {@code WARN}, from
	 * {@link System#nanoTime()}.
	 */
	private final Map<String, Long> lastWarned = new ConcurrentHashMap<>();

	/**
	 * Whether the failure under way was logged at {@code WARN}, so that its end is logged
	 * at {@code INFO}.
	 */
	private volatile boolean failureWarned;

	/**
	 * When the failure under way began, from {@link System#nanoTime()}.
	 */
	private volatile long failingSince;

	private final Object lock = new Object();

	private final StatusPrecedence precedence = new StatusPrecedence();

	private final PendingNotifications pending = new PendingNotifications();

	private @Nullable Thread retrier;

	private boolean closed;

	SystemdNotifier(@Nullable NotifySocketAddress address, @Nullable NotifyTransport transport) {
		this(address, transport, System::nanoTime);
	}

	SystemdNotifier(@Nullable NotifySocketAddress address, @Nullable NotifyTransport transport, LongSupplier nanoTime) {
		this.address = address;
		this.transport = transport;
		this.nanoTime = nanoTime;
		this.sunPath = (address != null) ? address.getSunPath() : null;
	}

	/**
	 * Create a notifier for the given {@code NOTIFY_SOCKET} value. When the value is
	 * {@code null} the notifier is inactive and silent. When it is invalid, or native
	 * access is not available, the notifier is inactive and the reason is logged once at
	 * {@code WARN}.
	 * @param notifySocket the value of {@code NOTIFY_SOCKET}, may be {@code null}
	 * @return the notifier
	 */
	public static SystemdNotifier create(@Nullable String notifySocket) {
		if (notifySocket == null) {
			return INACTIVE;
		}
		NotifySocketAddress address;
		try {
			address = NotifySocketAddress.parse(notifySocket);
		}
		catch (InvalidEnvironmentException ex) {
			logger.warn(ex.getMessage() + "; systemd notifications are disabled");
			return INACTIVE;
		}
		NotifyTransport transport = NativeTransports.libc(address);
		return (transport != null) ? new SystemdNotifier(address, transport) : INACTIVE;
	}

	/**
	 * Return a notifier that sends nothing.
	 * @return an inactive notifier
	 */
	public static SystemdNotifier inactive() {
		return INACTIVE;
	}

	/**
	 * Return whether this notifier sends to a service manager.
	 * @return whether the notifier is active
	 */
	public boolean isActive() {
		return this.transport != null;
	}

	/**
	 * Return the address notifications are sent to.
	 * @return the address, empty when inactive
	 */
	public Optional<NotifySocketAddress> getAddress() {
		return Optional.ofNullable(this.address);
	}

	/**
	 * Send a notification once, if the service's state allows it: after
	 * {@code STOPPING=1} or a final status, what would replace them is left out. Never
	 * throws and never waits for the service manager.
	 * @param notification the notification to send
	 * @return {@code true} if the datagram was sent whole, {@code false} if this notifier
	 * is inactive, nothing of the notification may be sent any more, it waits behind a
	 * notification that is not delivered yet, or sending failed
	 */
	public boolean notify(Notification notification) {
		return notify(notification, new int[0]);
	}

	/**
	 * Send a notification once with file descriptors attached, such as {@code FDSTORE=1}
	 * with the descriptors to store. Never throws and never waits for the service
	 * manager.
	 * @param notification the notification to send
	 * @param fileDescriptors the file descriptors to pass along
	 * @return {@code true} if the datagram was sent whole, {@code false} if this notifier
	 * is inactive, nothing of the notification may be sent any more, it waits behind a
	 * notification that is not delivered yet, or sending failed
	 * @see #notify(Notification)
	 */
	public boolean notify(Notification notification, int... fileDescriptors) {
		if (this.transport == null) {
			return false;
		}
		if (notification == WATCHDOG) {
			return attempt(notification, WATCHDOG_PAYLOAD, fileDescriptors, false);
		}
		if (!StatusPrecedence.isOrdered(notification)) {
			return attempt(notification, fileDescriptors);
		}
		synchronized (this.lock) {
			Notification admitted = this.precedence.admit(notification, false);
			if (admitted.isEmpty()) {
				return false;
			}
			if (!this.pending.isEmpty()) {
				queue(admitted);
				return false;
			}
			return attempt(admitted, fileDescriptors);
		}
	}

	/**
	 * Send a notification that must arrive, such as {@code READY=1} or
	 * {@code STOPPING=1}: at once if it can be sent, otherwise from a background thread
	 * that retries until it is sent or the process exits. Notifications sent this way
	 * arrive in the order they were given; one that a later one supersedes (such as
	 * {@code READY=1} followed by {@code STOPPING=1}) may be dropped. Never throws and
	 * never waits for the service manager.
	 * @param notification the notification to deliver
	 * @return {@code true} if it was sent at once, {@code false} if this notifier is
	 * inactive, nothing of it may be sent any more (see {@link #notify(Notification)}),
	 * or it is retried in the background
	 */
	public boolean deliver(Notification notification) {
		return deliver(notification, false);
	}

	/**
	 * Deliver a notification whose {@code STATUS=} is final, such as why startup failed:
	 * only another final status (a better description of the same failure) replaces it,
	 * and no {@code READY=1} follows. Otherwise as {@link #deliver(Notification)}.
	 * @param notification the notification to deliver
	 * @return {@code true} if it was sent at once
	 */
	public boolean deliverFinal(Notification notification) {
		return deliver(notification, true);
	}

	private boolean deliver(Notification notification, boolean isFinal) {
		if (this.transport == null) {
			return false;
		}
		synchronized (this.lock) {
			Notification admitted = this.precedence.admit(notification, isFinal);
			if (admitted.isEmpty()) {
				return false;
			}
			if (this.pending.isEmpty() && attempt(admitted, new int[0])) {
				return true;
			}
			queue(admitted);
			return false;
		}
	}

	private void queue(Notification notification) {
		if (this.closed) {
			return;
		}
		this.pending.add(notification);
		if (this.retrier == null) {
			this.retrier = new Thread(this::retry, "systemd-notify-retry");
			this.retrier.setDaemon(true);
			this.retrier.start();
		}
		logger.debug("Sending '" + notification + "' again until it is delivered");
	}

	private void retry() {
		long wait = FIRST_RETRY.toNanos();
		while (true) {
			synchronized (this.lock) {
				Notification next = this.pending.peek();
				if (next == null || this.closed) {
					this.retrier = null;
					return;
				}
				if (attempt(next, new int[0])) {
					this.pending.removeFirst();
					wait = FIRST_RETRY.toNanos();
					continue;
				}
			}
			try {
				TimeUnit.NANOSECONDS.sleep(wait);
			}
			catch (InterruptedException ex) {
				synchronized (this.lock) {
					this.retrier = null;
				}
				Thread.currentThread().interrupt();
				return;
			}
			wait = Math.min(wait * 2, MAX_RETRY.toNanos());
		}
	}

	private boolean attempt(Notification notification, int[] fileDescriptors) {
		return attempt(notification, notification.toBytes(), fileDescriptors, true);
	}

	/**
	 * Make one send attempt. {@code WATCHDOG=1}, sent most often and without the lock, is
	 * not timed: reading the clock twice costs about a tenth of the send itself.
	 */
	private boolean attempt(Notification notification, byte[] payload, int[] fileDescriptors, boolean timed) {
		NotifyTransport transport = this.transport;
		byte[] sunPath = this.sunPath;
		if (transport == null || sunPath == null) {
			return false;
		}
		long start = timed ? System.nanoTime() : 0;
		try {
			transport.send(sunPath, payload, fileDescriptors);
		}
		catch (NotifyException ex) {
			recordFailure(notification, ex.getKind(), String.valueOf(ex.getMessage()));
			return false;
		}
		catch (RuntimeException | LinkageError ex) {
			recordFailure(notification, ex.getClass().getSimpleName(), String.valueOf(ex.getMessage()));
			return false;
		}
		finally {
			if (timed) {
				recordSendTime(System.nanoTime() - start);
			}
		}
		this.sent.incrementAndGet();
		String status = notification.get("STATUS");
		if (status != null) {
			this.status = status;
		}
		if (this.lastFailureKind != null) {
			recordRecovery();
		}
		return true;
	}

	private void recordRecovery() {
		this.lastFailureKind = null;
		String recovered = "systemd notifications to NOTIFY_SOCKET '" + this.address + "' are delivered again";
		if (this.failureWarned) {
			this.failureWarned = false;
			logger.info(recovered);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug(recovered);
		}
	}

	private void recordSendTime(long nanos) {
		long longest = this.longestSendNanos.get();
		while (nanos > longest && !this.longestSendNanos.compareAndSet(longest, nanos)) {
			longest = this.longestSendNanos.get();
		}
	}

	private void recordFailure(Notification notification, String kind, String message) {
		this.failures.computeIfAbsent(kind, (key) -> new LongAdder()).increment();
		long now = this.nanoTime.getAsLong();
		if (kind.equals(this.lastFailureKind)) {
			if (!this.failureWarned && now - this.failingSince >= STILL_FAILING_AFTER.toNanos()) {
				// a failure that came back soon after its WARN and has lasted since
				warn(notification, kind, message, now, "; failing for a minute now");
			}
			else if (logger.isDebugEnabled()) {
				logger.debug(describeFailure(notification, kind, message, false));
			}
			return;
		}
		this.lastFailureKind = kind;
		this.failingSince = now;
		Long warned = this.lastWarned.get(kind);
		if (warned != null && now - warned < WARN_AGAIN_AFTER.toNanos()) {
			if (logger.isDebugEnabled()) {
				logger.debug(describeFailure(notification, kind, message, false));
			}
			return;
		}
		warn(notification, kind, message, now, "");
	}

	private void warn(Notification notification, String kind, String message, long now, String since) {
		this.lastWarned.put(kind, now);
		this.failureWarned = true;
		logger.warn(describeFailure(notification, kind, message, true) + since + "; further failures of this kind, and "
				+ "the same failure again within " + WARN_AGAIN_AFTER.toMinutes() + " minutes, are logged at DEBUG");
	}

	/**
	 * Describe a failed send; with {@code lookAtPath}, what the path of
	 * {@code NOTIFY_SOCKET} is may be looked up (at most once per WARN line, never for a
	 * DEBUG line).
	 */
	private String describeFailure(Notification notification, String kind, String message, boolean lookAtPath) {
		return "Could not send '" + notification + "' to NOTIFY_SOCKET '" + this.address + "': " + message
				+ hint(kind, lookAtPath);
	}

	private String hint(String kind, boolean lookAtPath) {
		return switch (kind) {
			case "ENOENT" -> "; the socket does not exist: is the service manager running?";
			case "ECONNREFUSED" -> {
				String other = lookAtPath ? notASocket() : null;
				yield (other != null)
						? "; this path is " + other + ", not a socket: NOTIFY_SOCKET must name the "
								+ "service manager's notification socket"
						: "; nothing receives on this socket: is the service manager running?";
			}
			case "EACCES", "EPERM" -> "; the service user may not write to this socket";
			case "ENOTSOCK", "EPROTOTYPE" -> "; this path is not a datagram socket";
			case "EAGAIN" -> "; the service manager's queue is full: it is busy or does not read its socket. "
					+ "READY=1, STOPPING=1 and a final status are sent again in the background";
			default -> "";
		};
	}

	/**
	 * Return what the path of {@code NOTIFY_SOCKET} is when it is there and is not a
	 * socket (connecting to a regular file or a directory fails with {@code ECONNREFUSED}
	 * too), or {@code null} when it is a socket, abstract, or cannot be told.
	 */
	private @Nullable String notASocket() {
		if (this.address == null || this.address.isAbstract()) {
			return null;
		}
		try {
			int mode = (Integer) Files.getAttribute(Path.of(this.address.getValue()), "unix:mode");
			return switch (mode & Libc.S_IFMT) {
				case Libc.S_IFSOCK -> null;
				case Libc.S_IFDIR -> "a directory";
				case Libc.S_IFREG -> "a regular file";
				default -> "a device or a pipe";
			};
		}
		catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException
				| SecurityException ex) {
			return null;
		}
	}

	/**
	 * Return the current time of {@code CLOCK_MONOTONIC} in microseconds, for
	 * {@code MONOTONIC_USEC=} (see {@link Notification#reloading(long)}).
	 * @return the monotonic time in microseconds
	 */
	public long monotonicMicros() {
		return (this.transport != null) ? this.transport.monotonicMicros() : System.nanoTime() / 1000;
	}

	/**
	 * Return the last {@code STATUS=} sent to the service manager, which
	 * {@code systemctl status} shows (sd_notify(3)).
	 * @return the status, or empty before one was sent
	 */
	public Optional<String> getStatus() {
		return Optional.ofNullable(this.status);
	}

	/**
	 * Return how many notifications were sent.
	 * @return the number of notifications sent
	 */
	public long getSentCount() {
		return this.sent.get();
	}

	/**
	 * Return the longest time one send attempt took, on whichever thread made it. An
	 * attempt does not wait for the service manager, so this stays in the order of
	 * microseconds even when the service manager does not read. {@code WATCHDOG=1}, which
	 * is sent most often and without the notifier's lock, is not timed.
	 * @return the longest send attempt of any notification but {@code WATCHDOG=1}, zero
	 * before the first one
	 */
	public Duration getLongestSendTime() {
		return Duration.ofNanos(this.longestSendNanos.get());
	}

	/**
	 * Return the notifications that could not be delivered yet and are being sent again
	 * in the background, in the order they will be sent.
	 * @return the pending notifications, empty when all were delivered
	 */
	public List<Notification> getPending() {
		synchronized (this.lock) {
			return this.pending.toList();
		}
	}

	/**
	 * Stop sending again what could not be sent: pending notifications are dropped, the
	 * {@code systemd-notify-retry} thread ends, and from now on a notification that must
	 * arrive is tried once only. Called when the application context that defined this
	 * notifier as a bean closes (an {@code ApplicationContextRunner}, or a context built
	 * without {@code SpringApplication}), so that a JVM that runs one such context after
	 * another keeps no thread of a closed one. The notifier that
	 * {@code SpringApplication} creates for a run is not closed, so that why startup
	 * failed is still retried until the process exits.
	 */
	public void close() {
		synchronized (this.lock) {
			this.closed = true;
			while (!this.pending.isEmpty()) {
				this.pending.removeFirst();
			}
		}
	}

	/**
	 * Return whether notifications are being sent again in the background.
	 * @return whether the retrying thread runs
	 */
	boolean isRetrying() {
		synchronized (this.lock) {
			return this.retrier != null;
		}
	}

	/**
	 * Return how many notifications failed, by kind of failure (such as
	 * {@code ECONNREFUSED}).
	 * @return the failure counts, sorted by kind
	 */
	public Map<String, Long> getFailureCounts() {
		Map<String, Long> counts = new TreeMap<>();
		this.failures.forEach((kind, count) -> counts.put(kind, count.sum()));
		return counts;
	}

	@Override
	public String toString() {
		return (this.address != null) ? "SystemdNotifier[" + this.address + "]" : "SystemdNotifier[inactive]";
	}

}
