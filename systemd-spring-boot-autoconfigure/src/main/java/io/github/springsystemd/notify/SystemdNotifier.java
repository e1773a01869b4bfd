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

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.github.springsystemd.protocol.InvalidEnvironmentException;
import io.github.springsystemd.protocol.Notification;
import io.github.springsystemd.protocol.NotifySocketAddress;

/**
 * Sends notifications to the service manager over {@code NOTIFY_SOCKET}. Thread-safe.
 * Sending never throws: a failure is counted, logged once at {@code WARN} with what to do
 * (repeats of the same failure are logged at {@code DEBUG}), and reported as
 * {@code false}. An inactive notifier, used when not running under systemd, sends nothing
 * and logs nothing.
 *
 * @since 0.1.0
 */
public final class SystemdNotifier {

	private static final Log logger = LogFactory.getLog(SystemdNotifier.class);

	private static final SystemdNotifier INACTIVE = new SystemdNotifier(null, null);

	private final NotifySocketAddress address;

	private final NotifyTransport transport;

	private final byte[] sunPath;

	private final AtomicLong sent = new AtomicLong();

	private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();

	private volatile String lastFailureKind;

	SystemdNotifier(NotifySocketAddress address, NotifyTransport transport) {
		this.address = address;
		this.transport = transport;
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
	public static SystemdNotifier create(String notifySocket) {
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
	 * Send a notification. Never throws.
	 * @param notification the notification to send
	 * @return {@code true} if the datagram was sent whole, {@code false} if this notifier
	 * is inactive or sending failed
	 */
	public boolean notify(Notification notification) {
		return notify(notification, new int[0]);
	}

	/**
	 * Send a notification with file descriptors attached, such as {@code FDSTORE=1} with
	 * the descriptors to store. Never throws.
	 * @param notification the notification to send
	 * @param fileDescriptors the file descriptors to pass along
	 * @return {@code true} if the datagram was sent whole, {@code false} if this notifier
	 * is inactive or sending failed
	 */
	public boolean notify(Notification notification, int... fileDescriptors) {
		if (this.transport == null) {
			return false;
		}
		try {
			this.transport.send(this.sunPath, notification.toBytes(), fileDescriptors);
		}
		catch (NotifyException ex) {
			recordFailure(notification, ex.getKind(), ex.getMessage());
			return false;
		}
		catch (RuntimeException | LinkageError ex) {
			recordFailure(notification, ex.getClass().getSimpleName(), String.valueOf(ex.getMessage()));
			return false;
		}
		this.sent.incrementAndGet();
		String previousFailure = this.lastFailureKind;
		if (previousFailure != null) {
			this.lastFailureKind = null;
			logger.info("systemd notifications to NOTIFY_SOCKET '" + this.address + "' are delivered again");
		}
		return true;
	}

	private void recordFailure(Notification notification, String kind, String message) {
		this.failures.computeIfAbsent(kind, (key) -> new LongAdder()).increment();
		String description = "Could not send '" + notification + "' to NOTIFY_SOCKET '" + this.address + "': " + message
				+ hint(kind);
		if (kind.equals(this.lastFailureKind)) {
			logger.debug(description);
			return;
		}
		this.lastFailureKind = kind;
		logger.warn(description + "; further failures of this kind are logged at DEBUG");
	}

	private String hint(String kind) {
		return switch (kind) {
			case "ENOENT" -> "; the socket does not exist: is the service manager running?";
			case "ECONNREFUSED" -> "; nothing receives on this socket: is the service manager running?";
			case "EACCES", "EPERM" -> "; the service user may not write to this socket";
			case "ENOTSOCK", "EPROTOTYPE" -> "; this path is not a datagram socket";
			default -> "";
		};
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
	 * Return how many notifications were sent.
	 * @return the number of notifications sent
	 */
	public long getSentCount() {
		return this.sent.get();
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
