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
package io.github.springsystemd.protocol;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * An immutable sd_notify message: {@code KEY=VALUE} assignments sent as one datagram,
 * joined by newlines, in a form the service manager always reads. Values are kept on one
 * line: line breaks and other control characters in a value are replaced by a space, so
 * free text cannot inject further assignments, and a NUL byte, for which systemd ignores
 * the whole datagram, cannot be sent. The payload is kept to {@link #MAX_PAYLOAD_BYTES}:
 * systemd ignores a longer datagram whole ("Received notify message exceeded maximum
 * size"), so a longer one has its longest value cut, ending in {@code ...}, in practice a
 * {@code STATUS=} text, until it fits or every value is that short (keys that alone are
 * longer are sent as they are). Either would otherwise lose the {@code WATCHDOG=1} or
 * {@code READY=1} sent with it.
 *
 * @since 0.1.0
 */
public final class Notification {

	private static final Pattern KEY = Pattern.compile("[A-Z][A-Z0-9_]*");

	/**
	 * Longest payload sent, in bytes: one less than the 4096 bytes ({@code PIPE_BUF})
	 * systemd's manager reads a notification into.
	 */
	public static final int MAX_PAYLOAD_BYTES = 4095;

	private static final Pattern CONTROL_CHARACTERS = Pattern.compile("[\\x00-\\x1F\\x7F]+");

	private static final String CUT = "...";

	private static final Notification WATCHDOG = new Notification(Map.of("WATCHDOG", "1"));

	private final Map<String, String> assignments;

	private Notification(Map<String, String> assignments) {
		this.assignments = assignments;
	}

	/**
	 * Create a notification with a single assignment.
	 * @param key the key, upper case, for example {@code READY}
	 * @param value the value
	 * @return the notification
	 */
	public static Notification of(String key, String value) {
		return new Notification(Map.of()).and(key, value);
	}

	/**
	 * Create a {@code READY=1} notification.
	 * @return the notification
	 */
	public static Notification ready() {
		return of("READY", "1");
	}

	/**
	 * Create a {@code STOPPING=1} notification.
	 * @return the notification
	 */
	public static Notification stopping() {
		return of("STOPPING", "1");
	}

	/**
	 * Create a {@code RELOADING=1} notification with the time the reload started, as
	 * {@code Type=notify-reload} (systemd 253 and later) expects it. Older versions
	 * ignore {@code MONOTONIC_USEC=}.
	 * @param monotonicUsec the {@code CLOCK_MONOTONIC} time in microseconds
	 * @return the notification
	 */
	public static Notification reloading(long monotonicUsec) {
		return of("RELOADING", "1").and("MONOTONIC_USEC", Long.toString(monotonicUsec));
	}

	/**
	 * Create a {@code WATCHDOG=1} notification.
	 * @return the notification
	 */
	public static Notification watchdog() {
		return WATCHDOG;
	}

	/**
	 * Create a {@code WATCHDOG=trigger} notification, which makes the service manager
	 * (systemd 243 and later) act on a watchdog failure at once. Older versions ignore
	 * it.
	 * @return the notification
	 */
	public static Notification watchdogTrigger() {
		return of("WATCHDOG", "trigger");
	}

	/**
	 * Create an {@code EXTEND_TIMEOUT_USEC=} notification, which moves the running start,
	 * runtime or stop timeout to the given time from now, unless it is later already
	 * (systemd 236 and later).
	 * @param extension the time from now
	 * @return the notification
	 */
	public static Notification extendTimeout(Duration extension) {
		return of("EXTEND_TIMEOUT_USEC", Long.toString(extension.toNanos() / 1000));
	}

	/**
	 * Create a {@code STATUS=} notification.
	 * @param status the one-line status shown by {@code systemctl status}
	 * @return the notification
	 */
	public static Notification status(String status) {
		return of("STATUS", status);
	}

	/**
	 * Return a notification with the given assignment added, or replaced if the key is
	 * already present.
	 * @param key the key, upper case, for example {@code STATUS}
	 * @param value the value
	 * @return a new notification
	 */
	public Notification and(String key, String value) {
		if (key == null || !KEY.matcher(key).matches()) {
			throw new IllegalArgumentException("Notification key '" + key + "' is not an upper case name");
		}
		if (value == null) {
			throw new IllegalArgumentException("Notification value for '" + key + "' must not be null");
		}
		Map<String, String> assignments = new LinkedHashMap<>(this.assignments);
		assignments.put(key, CONTROL_CHARACTERS.matcher(value).replaceAll(" "));
		fit(assignments);
		return new Notification(assignments);
	}

	/**
	 * Cut the longest value until the payload fits in {@link #MAX_PAYLOAD_BYTES}.
	 */
	private static void fit(Map<String, String> assignments) {
		int excess = payloadBytes(assignments) - MAX_PAYLOAD_BYTES;
		while (excess > 0) {
			Map.Entry<String, String> longest = null;
			for (Map.Entry<String, String> entry : assignments.entrySet()) {
				if (longest == null || bytes(entry.getValue()) > bytes(longest.getValue())) {
					longest = entry;
				}
			}
			if (longest == null || bytes(longest.getValue()) <= CUT.length()) {
				return;
			}
			String value = longest.getValue();
			int keep = Math.max(0, bytes(value) - excess - CUT.length());
			longest.setValue(prefix(value, keep) + CUT);
			excess = payloadBytes(assignments) - MAX_PAYLOAD_BYTES;
		}
	}

	/**
	 * Return the longest prefix of a text that is at most {@code maxBytes} in UTF-8 and
	 * does not split a character.
	 */
	private static String prefix(String text, int maxBytes) {
		int bytes = 0;
		int end = 0;
		while (end < text.length()) {
			int codePoint = text.codePointAt(end);
			int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
			if (bytes + size > maxBytes) {
				break;
			}
			bytes += size;
			end += Character.charCount(codePoint);
		}
		return text.substring(0, end);
	}

	private static int payloadBytes(Map<String, String> assignments) {
		int bytes = 0;
		for (Map.Entry<String, String> entry : assignments.entrySet()) {
			bytes += ((bytes > 0) ? 1 : 0) + bytes(entry.getKey()) + 1 + bytes(entry.getValue());
		}
		return bytes;
	}

	private static int bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8).length;
	}

	/**
	 * Return the assigned value of a key.
	 * @param key the key
	 * @return the value or {@code null}
	 */
	public @Nullable String get(String key) {
		return this.assignments.get(key);
	}

	/**
	 * Return a notification without the given keys.
	 * @param keys the keys to leave out
	 * @return a notification with the other assignments, in the same order, which may be
	 * {@linkplain #isEmpty() empty}
	 */
	public Notification without(String... keys) {
		Map<String, String> assignments = new LinkedHashMap<>(this.assignments);
		for (String key : keys) {
			assignments.remove(key);
		}
		return new Notification(assignments);
	}

	/**
	 * Return whether this notification has no assignment, so that there is nothing to
	 * send.
	 * @return whether the notification is empty
	 */
	public boolean isEmpty() {
		return this.assignments.isEmpty();
	}

	/**
	 * Return the assignments in the order they are sent.
	 * @return an unmodifiable view of the assignments
	 */
	public Map<String, String> getAssignments() {
		return Collections.unmodifiableMap(this.assignments);
	}

	/**
	 * Return the datagram payload: the assignments joined by newlines.
	 * @return the payload text
	 */
	public String getPayload() {
		StringBuilder payload = new StringBuilder();
		this.assignments.forEach((key, value) -> {
			payload.append((payload.length() > 0) ? "\n" : "").append(key).append('=').append(value);
		});
		return payload.toString();
	}

	/**
	 * Return the datagram payload encoded as UTF-8.
	 * @return the payload bytes
	 */
	public byte[] toBytes() {
		return getPayload().getBytes(StandardCharsets.UTF_8);
	}

	@Override
	public boolean equals(@Nullable Object obj) {
		return (obj instanceof Notification other) && this.assignments.equals(other.assignments);
	}

	@Override
	public int hashCode() {
		return this.assignments.hashCode();
	}

	@Override
	public String toString() {
		return getPayload().replace("\n", ", ");
	}

}
