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

import java.util.Locale;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import io.github.springsystemd.libc.NativeAccessException;
import io.github.springsystemd.libc.NativeLibc;
import io.github.springsystemd.protocol.NotifySocketAddress;

/**
 * Creates the native {@link NotifyTransport}, so that native access is loaded only when a
 * notification socket is actually configured.
 */
final class NativeTransports {

	private static final Log logger = LogFactory.getLog(NativeTransports.class);

	private NativeTransports() {
	}

	/**
	 * Return the libc transport, or {@code null} when it cannot be used on this platform:
	 * not Linux ({@code WARN}), or no native access (the reason is logged once at
	 * {@code ERROR} by {@link NativeLibc}).
	 * @param address the address the transport will send to
	 * @return the transport or {@code null}
	 */
	static @Nullable NotifyTransport libc(NotifySocketAddress address) {
		String osName = System.getProperty("os.name", "");
		if (!osName.toLowerCase(Locale.ROOT).startsWith("linux")) {
			logger.warn("NOTIFY_SOCKET '" + address + "' is set, but systemd notifications need Linux (this is "
					+ osName + "); systemd notifications are disabled");
			return null;
		}
		try {
			return new LibcNotifyTransport(NativeLibc.get(), address.getSunPath());
		}
		catch (NativeAccessException ex) {
			logger.debug("NOTIFY_SOCKET '" + address + "' is set, but native access is not available; "
					+ "systemd notifications are disabled", ex);
			return null;
		}
	}

}
