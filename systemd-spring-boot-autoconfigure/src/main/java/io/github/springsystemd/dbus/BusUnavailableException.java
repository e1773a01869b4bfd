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
package io.github.springsystemd.dbus;

import java.io.IOException;

/**
 * Thrown when the system bus cannot serve this process: there is none, or it closed the
 * connection (a unit whose sandbox keeps it from the bus). Carries no stack trace: the
 * message says all there is.
 */
final class BusUnavailableException extends IOException {

	private final boolean noteworthy;

	BusUnavailableException(String message, boolean noteworthy) {
		super(message, null);
		this.noteworthy = noteworthy;
	}

	/**
	 * Whether a bus exists but would not serve this process, which is worth saying once
	 * above {@code DEBUG}; a machine or unit without a system bus is normal.
	 * @return whether the unavailability is noteworthy
	 */
	boolean isNoteworthy() {
		return this.noteworthy;
	}

	@Override
	public synchronized Throwable fillInStackTrace() {
		return this;
	}

}
