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
package io.github.springsystemd.lifecycle;

import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ProgressProbeTests {

	private final CountDownLatch first = new CountDownLatch(1);

	private final CountDownLatch second = new CountDownLatch(1);

	private final Thread worker = new Thread(this::work, "worker");

	@AfterEach
	void release() throws InterruptedException {
		this.first.countDown();
		this.second.countDown();
		this.worker.join();
	}

	@Test
	void firstSampleIsProgress() {
		assertThat(new ProgressProbe(Thread.currentThread()).sample()).isTrue();
	}

	@Test
	void threadWaitingAtOnePlaceMakesNoProgress() {
		ProgressProbe probe = startWorker();
		awaitWorkerIn("waitFirst");
		probe.sample();
		assertThat(probe.sample()).isFalse();
		assertThat(probe.sample()).isFalse();
	}

	@Test
	void threadMovingOnMakesProgress() {
		ProgressProbe probe = startWorker();
		awaitWorkerIn("waitFirst");
		probe.sample();
		this.first.countDown();
		awaitWorkerIn("waitSecond");
		assertThat(probe.sample()).isTrue();
		assertThat(probe.sample()).isFalse();
	}

	@Test
	void stepsMakeProgress() {
		ProgressProbe probe = startWorker();
		awaitWorkerIn("waitFirst");
		probe.sample();
		probe.step();
		assertThat(probe.sample()).isTrue();
		assertThat(probe.sample()).isFalse();
	}

	@Test
	void everyBeanInitializedIsAStep() {
		ProgressProbe probe = startWorker();
		awaitWorkerIn("waitFirst");
		probe.sample();
		Object bean = new Object();
		assertThat(probe.beanCreationCounter().postProcessAfterInitialization(bean, "bean")).isSameAs(bean);
		assertThat(probe.sample()).isTrue();
	}

	@Test
	void terminatedThreadMakesNoProgress() throws InterruptedException {
		ProgressProbe probe = startWorker();
		this.first.countDown();
		this.second.countDown();
		this.worker.join();
		probe.sample();
		assertThat(probe.sample()).isFalse();
	}

	private ProgressProbe startWorker() {
		this.worker.setDaemon(true);
		this.worker.start();
		return new ProgressProbe(this.worker);
	}

	private void awaitWorkerIn(String method) {
		await().until(() -> this.worker.getState() == Thread.State.WAITING && isIn(method));
	}

	private boolean isIn(String method) {
		for (StackTraceElement element : this.worker.getStackTrace()) {
			if (element.getMethodName().equals(method)) {
				return true;
			}
		}
		return false;
	}

	private void work() {
		waitFirst();
		waitSecond();
	}

	private void waitFirst() {
		awaitQuietly(this.first);
	}

	private void waitSecond() {
		awaitQuietly(this.second);
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
