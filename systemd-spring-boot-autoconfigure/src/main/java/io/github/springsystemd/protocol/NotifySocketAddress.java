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
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * The address of the service manager's notification socket, parsed from
 * {@code NOTIFY_SOCKET}: an absolute file system path or an {@code @name} in the Linux
 * abstract namespace.
 *
 * @since 0.1.0
 */
public final class NotifySocketAddress {

	/**
	 * Name of the environment variable that holds the address.
	 */
	public static final String VARIABLE = "NOTIFY_SOCKET";

	/**
	 * Size of {@code sun_path} in {@code struct sockaddr_un} on Linux.
	 */
	public static final int MAX_PATH_BYTES = 108;

	private final String value;

	private final byte[] path;

	private NotifySocketAddress(String value, byte[] path) {
		this.value = value;
		this.path = path;
	}

	/**
	 * Parse a {@code NOTIFY_SOCKET} value.
	 * @param value the value of the variable, {@code null} when it is not set
	 * @return the address
	 * @throws InvalidEnvironmentException if the value is not a usable address
	 */
	public static NotifySocketAddress parse(@Nullable String value) {
		if (value == null || value.isEmpty()) {
			throw invalid(String.valueOf(value), "is empty");
		}
		if (value.startsWith("vsock:") || value.startsWith("vsock-")) {
			throw invalid(value, "is an AF_VSOCK address, which is not supported yet");
		}
		if (value.startsWith("@")) {
			byte[] name = value.substring(1).getBytes(StandardCharsets.UTF_8);
			if (name.length == 0) {
				throw invalid(value, "has an empty abstract socket name");
			}
			byte[] path = new byte[name.length + 1];
			System.arraycopy(name, 0, path, 1, name.length);
			return checkLength(value, path);
		}
		if (!value.startsWith("/")) {
			throw invalid(value, "is not an absolute path or @abstract name");
		}
		if (value.indexOf('\0') >= 0) {
			throw invalid(value, "contains a NUL character");
		}
		byte[] name = value.getBytes(StandardCharsets.UTF_8);
		return checkLength(value, Arrays.copyOf(name, name.length + 1));
	}

	private static NotifySocketAddress checkLength(String value, byte[] path) {
		if (path.length > MAX_PATH_BYTES) {
			throw invalid(value, "is " + (path.length - 1) + " bytes long; a socket address holds at most "
					+ (MAX_PATH_BYTES - 1) + " bytes");
		}
		return new NotifySocketAddress(value, path);
	}

	private static boolean isAbstractPath(byte[] path) {
		return path.length > 0 && path[0] == 0;
	}

	private static InvalidEnvironmentException invalid(String value, String problem) {
		return new InvalidEnvironmentException(VARIABLE, value, problem);
	}

	/**
	 * Return the value this address was parsed from.
	 * @return the {@code NOTIFY_SOCKET} value
	 */
	public String getValue() {
		return this.value;
	}

	/**
	 * Return whether this address is in the Linux abstract namespace.
	 * @return whether the address is abstract
	 */
	public boolean isAbstract() {
		return isAbstractPath(this.path);
	}

	/**
	 * Return the bytes to place in {@code sun_path}: a leading NUL and the name for an
	 * abstract address, the path and a terminating NUL otherwise. The address length to
	 * pass to the kernel is {@code offsetof(sun_path)} plus the length of this array.
	 * @return a copy of the {@code sun_path} bytes
	 */
	public byte[] getSunPath() {
		return this.path.clone();
	}

	@Override
	public boolean equals(@Nullable Object obj) {
		return (obj instanceof NotifySocketAddress other) && this.value.equals(other.value);
	}

	@Override
	public int hashCode() {
		return this.value.hashCode();
	}

	@Override
	public String toString() {
		return this.value;
	}

}
