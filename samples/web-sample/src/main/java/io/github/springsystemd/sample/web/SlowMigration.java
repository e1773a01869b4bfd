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

import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Takes {@code sample.migration-delay} (default none) while the application context is
 * refreshed, as a schema migration (Flyway, Liquibase) does: one statement after another,
 * a quarter of a second each.
 */
@Component
class SlowMigration implements InitializingBean {

	private static final Duration STATEMENT = Duration.ofMillis(250);

	private final Duration delay;

	SlowMigration(@Value("${sample.migration-delay:0s}") Duration delay) {
		this.delay = delay;
	}

	@Override
	public void afterPropertiesSet() throws InterruptedException {
		long statements = this.delay.toMillis() / STATEMENT.toMillis();
		for (long i = 0; i < statements; i++) {
			Thread.sleep(STATEMENT.toMillis());
		}
	}

}
