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
package io.github.springsystemd.test;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Reads the JVM's handler of {@code SIGHUP} without raising the signal.
 */
public final class SighupHandlers {

	private static final Signal SIGHUP = new Signal("HUP");

	private SighupHandlers() {
	}

	/**
	 * Return the handler of {@code SIGHUP}, swapping in a handler that does nothing for
	 * the moment it takes to read it. Not {@code SIG_IGN}: the JVM refuses to handle a
	 * signal that is ignored.
	 * @return the current handler
	 */
	public static SignalHandler current() {
		SignalHandler current = Signal.handle(SIGHUP, (signal) -> {
		});
		Signal.handle(SIGHUP, current);
		return current;
	}

}
