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

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A file descriptor that several threads use and one of them may replace: it is closed
 * once it is retired and no thread uses it any longer, so that a thread that acquired it
 * finishes its call on it and the number is never reused under that thread (for a
 * connected socket that another thread reconnects).
 */
final class SharedDescriptor {

	private static final int RETIRED = 1;

	private static final int USER = 2;

	private final Libc libc;

	private final int fd;

	private final AtomicInteger state = new AtomicInteger();

	/**
	 * Create a new instance that owns a descriptor.
	 * @param libc the C library that closes it
	 * @param fd the descriptor, open
	 */
	SharedDescriptor(Libc libc, int fd) {
		this.libc = libc;
		this.fd = fd;
	}

	/**
	 * Return the descriptor, to be used between {@link #acquire()} and
	 * {@link #release()}.
	 * @return the descriptor
	 */
	int fd() {
		return this.fd;
	}

	/**
	 * Start using the descriptor.
	 * @return {@code true} when it may be used until {@link #release()}, {@code false}
	 * when it is retired
	 */
	boolean acquire() {
		int state;
		do {
			state = this.state.get();
			if ((state & RETIRED) != 0) {
				return false;
			}
		}
		while (!this.state.compareAndSet(state, state + USER));
		return true;
	}

	/**
	 * Stop using the descriptor acquired with {@link #acquire()}; the last user of a
	 * retired descriptor closes it.
	 */
	void release() {
		if (this.state.addAndGet(-USER) == RETIRED) {
			close();
		}
	}

	/**
	 * Retire the descriptor: it is closed now when nobody uses it, otherwise by its last
	 * user, and can no longer be acquired.
	 */
	void retire() {
		if (this.state.getAndUpdate((state) -> state | RETIRED) == 0) {
			close();
		}
	}

	private void close() {
		try {
			this.libc.close(this.fd);
		}
		catch (LibcException ex) {
			// Nothing to do: the descriptor is released by the kernel either way
		}
	}

}
