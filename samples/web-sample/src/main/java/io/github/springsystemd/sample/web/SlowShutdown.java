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

import java.time.Duration;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Slows down shutdown by {@code sample.shutdown-delay} (none by default), like a service
 * that drains a queue or flushes a cache before it exits.
 */
@Component
class SlowShutdown implements DisposableBean {

	private final Duration delay;

	SlowShutdown(@Value("${sample.shutdown-delay:0s}") Duration delay) {
		this.delay = delay;
	}

	@Override
	public void destroy() throws InterruptedException {
		Thread.sleep(this.delay.toMillis());
	}

}
