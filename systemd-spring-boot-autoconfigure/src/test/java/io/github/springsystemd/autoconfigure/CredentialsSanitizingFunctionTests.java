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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.Sanitizer;
import org.springframework.boot.env.ConfigTreePropertySource;
import org.springframework.core.env.MapPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CredentialsSanitizingFunction}, through Spring Boot's
 * {@link Sanitizer} as the {@code env} endpoint uses it.
 */
class CredentialsSanitizingFunctionTests {

	private final Sanitizer sanitizer = new Sanitizer(List.of(new CredentialsSanitizingFunction()));

	@TempDir
	Path credentials;

	@Test
	void valueFromACredentialIsHiddenEvenWhereValuesAreShown() throws IOException {
		Files.writeString(this.credentials.resolve("orders.region"), "eu-west");
		ConfigTreePropertySource source = new ConfigTreePropertySource(
				SystemdCredentialsEnvironmentPostProcessor.PROPERTY_SOURCE_NAME, this.credentials);
		SanitizableData data = new SanitizableData(source, "orders.region", source.getProperty("orders.region"));
		assertThat(this.sanitizer.sanitize(data, true)).isEqualTo(SanitizableData.SANITIZED_VALUE);
	}

	@Test
	void valueFromAnotherSourceIsLeftAlone() {
		MapPropertySource source = new MapPropertySource("applicationConfig", Map.of("orders.region", "eu-west"));
		SanitizableData data = new SanitizableData(source, "orders.region", "eu-west");
		assertThat(this.sanitizer.sanitize(data, true)).isEqualTo("eu-west");
	}

	@Test
	void valueWithoutASourceIsLeftAlone() {
		SanitizableData data = new SanitizableData(null, "orders.region", "eu-west");
		assertThat(this.sanitizer.sanitize(data, true)).isEqualTo("eu-west");
	}

}
