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
package io.github.springsystemd.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SystemdCredentialsAutoConfiguration}.
 */
class SystemdCredentialsAutoConfigurationTests {

	private static final String CREDENTIALS_DIRECTORY = "CREDENTIALS_DIRECTORY=/run/credentials/orders.service";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SystemdCredentialsAutoConfiguration.class));

	@Test
	void sanitizesWhenSystemdPassesCredentials() {
		this.contextRunner.withPropertyValues(CREDENTIALS_DIRECTORY)
			.run((context) -> assertThat(context).hasSingleBean(CredentialsSanitizingFunction.class));
	}

	@Test
	void backsOffWithoutCredentials() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(CredentialsSanitizingFunction.class));
	}

	@Test
	void backsOffWhenTurnedOff() {
		this.contextRunner.withPropertyValues(CREDENTIALS_DIRECTORY, "systemd.credentials.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(CredentialsSanitizingFunction.class));
		this.contextRunner.withPropertyValues(CREDENTIALS_DIRECTORY, "systemd.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(CredentialsSanitizingFunction.class));
	}

	@Test
	void backsOffWithoutActuator() {
		this.contextRunner.withPropertyValues(CREDENTIALS_DIRECTORY)
			.withClassLoader(new FilteredClassLoader(SanitizingFunction.class))
			.run((context) -> assertThat(context).doesNotHaveBean(CredentialsSanitizingFunction.class));
	}

}
