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
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.github.springsystemd.reload.SystemdReloadHandler;

/**
 * Runs on {@code systemctl reload}: logs and counts the reloads, and shows the count at
 * {@code GET /reloads}. With {@code sample.reload-fail=true} every reload fails, to show
 * how a failed reload is reported. With {@code sample.reload-handler=false} the sample
 * has no reload handler, to show that {@code systemctl reload} then does not end it;
 * {@code sample.reload-delay} makes every reload take that long, to show that
 * {@code systemctl reload} of a {@code Type=notify-reload} unit waits for it.
 */
@RestController
@ConditionalOnBooleanProperty(name = "sample.reload-handler", matchIfMissing = true)
class ReloadCounter implements SystemdReloadHandler {

	private static final Log logger = LogFactory.getLog(ReloadCounter.class);

	private final AtomicInteger reloads = new AtomicInteger();

	private final boolean fail;

	private final Duration delay;

	ReloadCounter(@Value("${sample.reload-fail:false}") boolean fail,
			@Value("${sample.reload-delay:0s}") Duration delay) {
		this.fail = fail;
		this.delay = delay;
	}

	@Override
	public void reload() throws InterruptedException {
		if (!this.delay.isZero()) {
			logger.info(
					"Reloading the sample configuration takes " + this.delay.toMillis() + " ms (sample.reload-delay)");
			Thread.sleep(this.delay.toMillis());
		}
		if (this.fail) {
			throw new IllegalStateException("sample.reload-fail is set, the new configuration is rejected");
		}
		logger.info("Sample configuration reloaded (reload " + this.reloads.incrementAndGet() + ")");
	}

	@GetMapping("/reloads")
	String reloads() {
		return this.reloads.get() + "\n";
	}

}
