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
package io.github.springsystemd.sample.web;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code sample} health indicator: UP, DOWN, failing with an exception, or hanging
 * when evaluated, as the {@code /fault/*} endpoints set it.
 */
@Component("sample")
public class SampleHealthIndicator implements HealthIndicator {

	private final AtomicReference<Mode> mode = new AtomicReference<>(Mode.UP);

	private volatile CountDownLatch hang = new CountDownLatch(1);

	private volatile String failure = "sample check failed";

	@Override
	public Health health() {
		return switch (this.mode.get()) {
			case UP -> Health.up().build();
			case DOWN -> Health.down().withDetail("reason", "set by POST /fault/down").build();
			case HANG -> hang();
			case FAIL -> throw new IllegalStateException(this.failure);
		};
	}

	private Health hang() {
		try {
			this.hang.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return Health.up().build();
	}

	void fail(String message) {
		this.failure = message;
		set(Mode.FAIL);
	}

	void set(Mode mode) {
		Mode previous = this.mode.getAndSet(mode);
		if (previous == Mode.HANG && mode != Mode.HANG) {
			CountDownLatch released = this.hang;
			this.hang = new CountDownLatch(1);
			released.countDown();
		}
	}

	enum Mode {

		UP, DOWN, HANG, FAIL

	}

}
