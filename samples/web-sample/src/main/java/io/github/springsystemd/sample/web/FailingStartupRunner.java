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

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Fails startup after the application context is refreshed when
 * {@code sample.startup-fail} is {@code true}, to show that systemd keeps saying why.
 */
@Component
class FailingStartupRunner implements ApplicationRunner {

	private final boolean fail;

	FailingStartupRunner(@Value("${sample.startup-fail:false}") boolean fail) {
		this.fail = fail;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (this.fail) {
			throw new IllegalStateException("sample.startup-fail is set, so this runner fails startup");
		}
	}

}
