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

/**
 * Sends one datagram to an AF_UNIX datagram socket, and reads the clock systemd uses for
 * time stamps. Implemented over the starter's one native interface,
 * {@link io.github.springsystemd.libc.Libc} ({@code LibcNotifyTransport}), so that
 * everything else is testable without native code.
 */
interface NotifyTransport {

	/**
	 * Send a datagram.
	 * @param sunPath the {@code sun_path} bytes of the destination address
	 * @param payload the datagram payload
	 * @param fileDescriptors file descriptors to pass along ({@code SCM_RIGHTS}), may be
	 * empty
	 * @throws NotifyException if the datagram could not be sent whole
	 */
	void send(byte[] sunPath, byte[] payload, int[] fileDescriptors) throws NotifyException;

	/**
	 * Return the time of {@code CLOCK_MONOTONIC} in microseconds, the clock of
	 * {@code MONOTONIC_USEC=}. By default {@link System#nanoTime()}, which HotSpot on
	 * Linux reads from {@code CLOCK_MONOTONIC} too, but which the Java specification
	 * leaves unspecified; the libc transport asks {@code clock_gettime} itself.
	 * @return the monotonic time in microseconds
	 */
	default long monotonicMicros() {
		return System.nanoTime() / 1000;
	}

}
