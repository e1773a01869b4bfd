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
package io.github.springsystemd.benchmarks;

import io.github.springsystemd.notify.SystemdNotifier;
import io.github.springsystemd.protocol.Notification;

/**
 * Sends one {@code WATCHDOG=1} with {@link SystemdNotifier} in a fresh JVM and exits.
 * Without {@code NOTIFY_SOCKET} the notifier is inactive and no native access is loaded,
 * so the difference between the two runs is the cost of loading it
 * ({@code java.lang.foreign} on JDK 22+, JNA before) and of the first native call. Prints
 * the time from the start of {@code main} to the return of {@code notify} in nanoseconds.
 */
public final class FirstNotifyMain {

	private FirstNotifyMain() {
	}

	public static void main(String[] args) {
		long start = System.nanoTime();
		SystemdNotifier notifier = SystemdNotifier.create(System.getenv("NOTIFY_SOCKET"));
		boolean sent = notifier.notify(Notification.watchdog());
		long elapsed = System.nanoTime() - start;
		System.out.println("active=" + notifier.isActive() + " sent=" + sent + " main_to_sent_ns=" + elapsed);
	}

}
