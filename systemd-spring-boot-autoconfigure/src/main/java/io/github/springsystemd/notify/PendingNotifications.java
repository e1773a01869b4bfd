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

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.springsystemd.protocol.Notification;

/**
 * Notifications that could not be sent yet, in the order they are to be sent. A
 * notification added later supersedes every pending one whose assignments it all sets
 * again, because systemd keeps only the last value of each: a pending
 * {@code STATUS=Starting} is dropped when {@code STATUS=Started} is added, and a pending
 * {@code READY=1} with its status when {@code STOPPING=1} with a status is added
 * ({@code READY=1}, {@code RELOADING=1} and {@code STOPPING=1} set one state, the last
 * one wins). So the queue stays short however long the service manager does not read, and
 * nothing that was added later is ever sent before something added earlier. Not
 * thread-safe: the notifier uses it under its lock.
 */
final class PendingNotifications {

	private static final Set<String> STATE_KEYS = Set.of("READY", "RELOADING", "STOPPING", "MONOTONIC_USEC");

	private static final String STATE = "(state)";

	private final Deque<Notification> queue = new ArrayDeque<>();

	/**
	 * Add a notification at the end, dropping the pending ones it supersedes.
	 * @param notification the notification
	 */
	void add(Notification notification) {
		Set<String> keys = keys(notification);
		this.queue.removeIf((pending) -> keys.containsAll(keys(pending)));
		this.queue.addLast(notification);
	}

	/**
	 * Return the notification to send next.
	 * @return the first notification, or {@code null} when none is pending
	 */
	Notification peek() {
		return this.queue.peekFirst();
	}

	/**
	 * Remove the notification to send next, once it was sent.
	 */
	void removeFirst() {
		this.queue.pollFirst();
	}

	boolean isEmpty() {
		return this.queue.isEmpty();
	}

	/**
	 * Return the pending notifications.
	 * @return the notifications, first to send first
	 */
	List<Notification> toList() {
		return List.copyOf(this.queue);
	}

	private static Set<String> keys(Notification notification) {
		return notification.getAssignments()
			.keySet()
			.stream()
			.map((key) -> STATE_KEYS.contains(key) ? STATE : key)
			.collect(Collectors.toSet());
	}

}
