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

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Reads the file descriptors that the service manager passes through {@code LISTEN_FDS},
 * {@code LISTEN_PID} and {@code LISTEN_FDNAMES}, following {@code sd_listen_fds(3)}.
 *
 * @since 0.1.0
 */
public final class ListenFds {

	/**
	 * Number of the first passed file descriptor.
	 */
	public static final int FIRST_FD = 3;

	/**
	 * Name of the environment variable that holds the number of passed descriptors.
	 */
	public static final String FDS_VARIABLE = "LISTEN_FDS";

	/**
	 * Name of the environment variable that holds the pid the descriptors are meant for.
	 */
	public static final String PID_VARIABLE = "LISTEN_PID";

	/**
	 * Name of the environment variable that holds the colon-separated descriptor names.
	 */
	public static final String NAMES_VARIABLE = "LISTEN_FDNAMES";

	/**
	 * Most descriptors read from {@code LISTEN_FDS}: 65536, more than any unit's sockets
	 * and file descriptor store pass, and few enough to list. A larger count is rejected
	 * rather than listed.
	 */
	public static final int MAX_COUNT = 65536;

	private ListenFds() {
	}

	/**
	 * Return the descriptors passed to the process with the given pid.
	 * @param fds the value of {@code LISTEN_FDS} or {@code null}
	 * @param pid the value of {@code LISTEN_PID} or {@code null}
	 * @param names the value of {@code LISTEN_FDNAMES} or {@code null}
	 * @param ownPid the pid of this process
	 * @return the descriptors, empty when none were passed to this process
	 * @throws InvalidEnvironmentException if a value is malformed, the count is above
	 * {@link #MAX_COUNT}, or the names do not match the descriptors
	 */
	public static List<ListenFd> parse(@Nullable String fds, @Nullable String pid, @Nullable String names,
			long ownPid) {
		if (fds == null || pid == null) {
			return List.of();
		}
		long listenPid = parseNumber(PID_VARIABLE, pid);
		if (listenPid <= 0) {
			throw new InvalidEnvironmentException(PID_VARIABLE, pid, "is not a positive number");
		}
		if (listenPid != ownPid) {
			return List.of();
		}
		long count = parseNumber(FDS_VARIABLE, fds);
		if (count < 0) {
			throw new InvalidEnvironmentException(FDS_VARIABLE, fds, "is not a valid descriptor count");
		}
		if (count > MAX_COUNT) {
			throw new InvalidEnvironmentException(FDS_VARIABLE, fds,
					"is more descriptors than are passed to one process (at most " + MAX_COUNT + " are read)");
		}
		String @Nullable [] fdNames = null;
		if (names != null) {
			fdNames = names.split(":", -1);
			if (fdNames.length != count) {
				throw new InvalidEnvironmentException(NAMES_VARIABLE, names,
						"has " + fdNames.length + " names for " + count + " descriptors");
			}
		}
		List<ListenFd> result = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			String name = (fdNames != null && !fdNames[i].isEmpty()) ? fdNames[i] : ListenFd.UNKNOWN_NAME;
			result.add(new ListenFd(FIRST_FD + i, name));
		}
		return List.copyOf(result);
	}

	private static long parseNumber(String variable, String value) {
		try {
			return Long.parseLong(value.trim());
		}
		catch (NumberFormatException ex) {
			throw new InvalidEnvironmentException(variable, value, "is not a number");
		}
	}

}
