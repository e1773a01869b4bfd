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
package io.github.springsystemd.watchdog;

/**
 * Which thread stacks a {@link SystemdWatchdog} logs at {@code WARN} when a health check
 * does not complete in time, so that the log says what the check was stuck on.
 *
 * @since 0.1.0
 */
public enum ThreadDump {

	/**
	 * Log the stack of the thread that runs the check: {@code systemd-health-check-N} for
	 * a health contributor, {@code systemd-watchdog-check} for a gate of your own.
	 */
	CHECK_THREAD,

	/**
	 * Log the stack of the thread that runs the check, then the stacks of all threads.
	 */
	ALL_THREADS,

	/**
	 * Log no stacks.
	 */
	NONE

}
