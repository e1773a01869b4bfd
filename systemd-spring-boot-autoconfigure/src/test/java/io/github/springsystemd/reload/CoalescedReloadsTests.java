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

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link CoalescedReloads}.
 */
class CoalescedReloadsTests {

	private static final long WAIT_SECONDS = 10;

	private final AtomicInteger reloads = new AtomicInteger();

	@Test
	void requestWithoutReloadRunningRunsItInTheCallingThread() {
		List<Thread> threads = new ArrayList<>();
		CoalescedReloads coalesced = new CoalescedReloads(() -> {
			threads.add(Thread.currentThread());
			this.reloads.incrementAndGet();
		});
		assertThat(coalesced.request()).isTrue();
		assertThat(coalesced.request()).isTrue();
		assertThat(this.reloads).hasValue(2);
		assertThat(threads).containsOnly(Thread.currentThread());
	}

	@Test
	void burstWhileAReloadRunsLeavesOneReloadPendingAndBlocksNoThread() throws Exception {
		CountDownLatch firstRunning = new CountDownLatch(1);
		CountDownLatch finishFirst = new CountDownLatch(1);
		CoalescedReloads coalesced = new CoalescedReloads(() -> {
			if (this.reloads.incrementAndGet() == 1) {
				firstRunning.countDown();
				await(finishFirst);
			}
		});
		Thread first = new Thread(coalesced::request, "first SIGHUP");
		first.start();
		await(firstRunning);
		List<Thread> burst = new ArrayList<>();
		List<Boolean> ran = new ArrayList<>();
		for (int i = 0; i < 99; i++) {
			Thread thread = new Thread(() -> {
				boolean result = coalesced.request();
				synchronized (ran) {
					ran.add(result);
				}
			}, "SIGHUP " + i);
			burst.add(thread);
			thread.start();
		}
		for (Thread thread : burst) {
			thread.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
			assertThat(thread.isAlive()).as("%s returned while the first reload runs", thread.getName()).isFalse();
		}
		assertThat(ran).hasSize(99).containsOnly(false);
		assertThat(this.reloads).hasValue(1);
		finishFirst.countDown();
		first.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
		assertThat(first.isAlive()).isFalse();
		assertThat(this.reloads).as("the first reload and the one pending after it").hasValue(2);
	}

	@Test
	void requestAfterAFailedReloadRunsAgain() {
		CoalescedReloads coalesced = new CoalescedReloads(() -> {
			if (this.reloads.incrementAndGet() == 1) {
				throw new IllegalStateException("failed");
			}
		});
		assertThatIllegalStateException().isThrownBy(coalesced::request).withMessage("failed");
		assertThat(coalesced.request()).isTrue();
		assertThat(this.reloads).hasValue(2);
	}

	private static void await(CountDownLatch latch) {
		try {
			assertThat(latch.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
