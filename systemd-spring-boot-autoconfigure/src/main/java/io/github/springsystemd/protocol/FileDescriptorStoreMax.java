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

import java.util.OptionalLong;

import org.jspecify.annotations.Nullable;

/**
 * Reads the size of the unit's file descriptor store that the service manager passes in
 * {@code FDSTORE}: the unit's {@code FileDescriptorStoreMax=}, set from systemd 254 on
 * when it is above 0 (see {@code systemd.exec(5)}, "$FDSTORE", and
 * {@code sd_pid_notify_with_fds(3)}). Before systemd 254 the variable is not set, and the
 * setting can only be read over D-Bus.
 *
 * @since 0.1.0
 */
public final class FileDescriptorStoreMax {

	/**
	 * Name of the environment variable that holds how many file descriptors the unit may
	 * store.
	 */
	public static final String VARIABLE = "FDSTORE";

	private FileDescriptorStoreMax() {
	}

	/**
	 * Return how many file descriptors the unit may store.
	 * @param value the value of {@code FDSTORE}, or {@code null}
	 * @return the number, 0 or more, or empty when the variable is not set
	 * @throws InvalidEnvironmentException if the value is not a number, is negative or is
	 * larger than a {@code long}
	 */
	public static OptionalLong parse(@Nullable String value) {
		if (value == null) {
			return OptionalLong.empty();
		}
		String trimmed = value.trim();
		long max;
		try {
			max = Long.parseLong(trimmed);
		}
		catch (NumberFormatException ex) {
			boolean digits = !trimmed.isEmpty() && trimmed.chars().allMatch((c) -> c >= '0' && c <= '9');
			throw new InvalidEnvironmentException(VARIABLE, value, digits ? "is too large" : "is not a number");
		}
		if (max < 0) {
			throw new InvalidEnvironmentException(VARIABLE, value, "is negative");
		}
		return OptionalLong.of(max);
	}

}
