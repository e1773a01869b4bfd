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

import java.util.concurrent.CountDownLatch;

/**
 * Waits that interrupts do not end, as a blocking read that does not answer
 * {@link Thread#interrupt()} does.
 */
public final class Uninterruptibly {

	private Uninterruptibly() {
	}

	/**
	 * Wait until the latch has counted down, whatever interrupts come meanwhile; the
	 * thread is left interrupted if one came.
	 * @param latch the latch
	 */
	public static void await(CountDownLatch latch) {
		boolean interrupted = false;
		while (true) {
			try {
				latch.await();
				break;
			}
			catch (InterruptedException ex) {
				interrupted = true;
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}

}
