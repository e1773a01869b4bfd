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

import java.util.Map;

/**
 * A libc call failed: the call, {@code errno}, its symbolic name and its description.
 * <p>
 * Internal to the starter: not a public API.
 */
public class LibcException extends Exception {

	private static final Map<Integer, String> ERRNO_NAMES = Map.ofEntries(Map.entry(1, "EPERM"), Map.entry(2, "ENOENT"),
			Map.entry(4, "EINTR"), Map.entry(9, "EBADF"), Map.entry(11, "EAGAIN"), Map.entry(12, "ENOMEM"),
			Map.entry(13, "EACCES"), Map.entry(20, "ENOTDIR"), Map.entry(22, "EINVAL"), Map.entry(23, "ENFILE"),
			Map.entry(24, "EMFILE"), Map.entry(32, "EPIPE"), Map.entry(38, "ENOSYS"), Map.entry(40, "ELOOP"),
			Map.entry(88, "ENOTSOCK"), Map.entry(89, "EDESTADDRREQ"), Map.entry(90, "EMSGSIZE"),
			Map.entry(91, "EPROTOTYPE"), Map.entry(97, "EAFNOSUPPORT"), Map.entry(104, "ECONNRESET"),
			Map.entry(105, "ENOBUFS"), Map.entry(107, "ENOTCONN"), Map.entry(111, "ECONNREFUSED"));

	private final String call;

	private final int errno;

	/**
	 * Create a new {@link LibcException}.
	 * @param call the libc function that failed, such as {@code sendto}
	 * @param errno the error number
	 * @param description the error's description ({@code strerror(3)})
	 */
	public LibcException(String call, int errno, String description) {
		this(call, errno, description, true);
	}

	/**
	 * Create a new {@link LibcException}, without a stack trace where a failure is
	 * frequent and expected, such as {@code EAGAIN} of a non-blocking {@code send}.
	 * @param call the libc function that failed
	 * @param errno the error number
	 * @param description the error's description ({@code strerror(3)})
	 * @param stackTrace whether to record the stack trace
	 */
	LibcException(String call, int errno, String description, boolean stackTrace) {
		super(call + " failed: " + description + " (" + errnoName(errno) + ")", null, false, stackTrace);
		this.call = call;
		this.errno = errno;
	}

	/**
	 * Return the libc function that failed.
	 * @return the function's name
	 */
	public String getCall() {
		return this.call;
	}

	/**
	 * Return {@code errno}.
	 * @return the error number
	 */
	public int getErrno() {
		return this.errno;
	}

	/**
	 * Return the symbolic name of {@code errno}, such as {@code ECONNREFUSED}, or
	 * {@code "errno N"} for one without a known name.
	 * @return the name
	 */
	public String getErrnoName() {
		return errnoName(this.errno);
	}

	/**
	 * Return the symbolic name of an error number, such as {@code ECONNREFUSED}.
	 * @param errno the error number
	 * @return the name, or {@code "errno N"}
	 */
	public static String errnoName(int errno) {
		return ERRNO_NAMES.getOrDefault(errno, "errno " + errno);
	}

}
