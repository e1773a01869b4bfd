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

import java.util.List;

import io.github.springsystemd.protocol.Notification;

/**
 * What the service manager has been told about the service's state, and what a later
 * notification may still change. systemd keeps only the last {@code READY=1},
 * {@code RELOADING=1} or {@code STOPPING=1} and the last {@code STATUS=} it received, so
 * a later, weaker message would replace a stronger one. The rules, in the order the
 * service goes through its life:
 * <ul>
 * <li>Once {@code STOPPING=1} is sent, no {@code READY=1} or {@code RELOADING=1} follows
 * (it would make systemd believe the service runs again) and no {@code STATUS=} follows
 * other than a final one: a startup status such as {@code Starting orders} after a
 * {@code SIGTERM} during startup is dropped.</li>
 * <li>Once a final status is sent (why startup failed), only another final status (a
 * better description of the same failure) replaces it: not {@code Stopping} when Spring
 * Boot closes the context after the failure, and no {@code READY=1} or
 * {@code RELOADING=1} follows.</li>
 * </ul>
 * Assignments that are dropped are taken out of the notification; the rest, such as
 * {@code STOPPING=1} itself or {@code EXTEND_TIMEOUT_USEC=}, is still sent. Not
 * thread-safe: the notifier consults it under its lock.
 */
final class StatusPrecedence {

	private static final List<String> ORDERED_KEYS = List.of("READY", "RELOADING", "STOPPING", "STATUS");

	private boolean stopping;

	private boolean finalStatus;

	/**
	 * Return whether the notification says something about the service's state or status,
	 * so that its order relative to other such notifications matters. Pings, timeout
	 * extensions and file descriptors to store do not.
	 * @param notification the notification
	 * @return whether the notification is ordered
	 */
	static boolean isOrdered(Notification notification) {
		for (String key : ORDERED_KEYS) {
			if (notification.get(key) != null) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Return what of the notification may be sent, given what was sent before, and record
	 * it as sent.
	 * @param notification the notification
	 * @param isFinal whether its status is final (why startup failed)
	 * @return the notification to send, {@linkplain Notification#isEmpty() empty} when
	 * nothing of it may be sent
	 */
	Notification admit(Notification notification, boolean isFinal) {
		Notification admitted = notification;
		if (this.stopping || this.finalStatus) {
			admitted = admitted.without("READY", "RELOADING", "MONOTONIC_USEC");
		}
		if ((this.finalStatus || this.stopping) && !isFinal) {
			admitted = admitted.without("STATUS");
		}
		if (admitted.get("STOPPING") != null) {
			this.stopping = true;
		}
		if (isFinal && admitted.get("STATUS") != null) {
			this.finalStatus = true;
		}
		return admitted;
	}

	/**
	 * Return whether {@code STOPPING=1} was admitted.
	 * @return whether the service is stopping
	 */
	boolean isStopping() {
		return this.stopping;
	}

	/**
	 * Return whether a final status was admitted.
	 * @return whether the status is final
	 */
	boolean isFinal() {
		return this.finalStatus;
	}

}
