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
package io.github.springsystemd.libc;

import io.github.springsystemd.notify.SystemdNotifier;
import io.github.springsystemd.protocol.Notification;

/**
 * Run in a fresh JVM by {@link NativeLibcTests}: loads libc as the starter does and says
 * which implementation it got.
 */
public final class NativeLibcProbe {

	private NativeLibcProbe() {
	}

	public static void main(String[] args) {
		try {
			System.out.println("implementation=" + NativeLibc.get().implementation());
		}
		catch (NativeAccessException ex) {
			System.out.println("unavailable");
		}
		String notifySocket = System.getenv("NOTIFY_SOCKET");
		if (notifySocket != null) {
			System.out.println("sent=" + SystemdNotifier.create(notifySocket).notify(Notification.ready()));
			System.out.println("sent=" + SystemdNotifier.create(notifySocket).notify(Notification.ready()));
		}
	}

}
