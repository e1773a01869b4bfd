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
package io.github.springsystemd.reload;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a reload on request, coalescing requests that arrive while one runs into at most
 * one pending reload. A request never waits for a reload to finish: it either runs the
 * reload in its own thread or leaves it to the thread that runs one already, which runs
 * it once more when it is done. A burst of {@code SIGHUP}s therefore runs the reload at
 * most twice, and no thread waits for another.
 */
final class CoalescedReloads {

	private final Runnable reload;

	private final AtomicBoolean pending = new AtomicBoolean();

	private final AtomicBoolean running = new AtomicBoolean();

	private volatile boolean cancelled;

	CoalescedReloads(Runnable reload) {
		this.reload = reload;
	}

	/**
	 * Request a reload: run it now in this thread, or leave it pending for the thread
	 * that runs one already.
	 * @return {@code true} if this thread ran at least one reload, {@code false} if it
	 * left the request to another thread
	 */
	boolean request() {
		this.pending.set(true);
		boolean ran = false;
		while (this.pending.get() && !this.cancelled && this.running.compareAndSet(false, true)) {
			try {
				if (this.pending.getAndSet(false) && !this.cancelled) {
					ran = true;
					this.reload.run();
				}
			}
			finally {
				this.running.set(false);
			}
		}
		return ran;
	}

	/**
	 * Run no further reload: a pending one is dropped, and requests are ignored. A reload
	 * that runs already is not interrupted.
	 */
	void cancel() {
		this.cancelled = true;
		this.pending.set(false);
	}

	/**
	 * Return whether {@link #cancel()} was called.
	 * @return whether requests are ignored
	 */
	boolean isCancelled() {
		return this.cancelled;
	}

}
