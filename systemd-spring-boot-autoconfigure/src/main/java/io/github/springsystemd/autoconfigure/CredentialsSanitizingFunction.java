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

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.core.env.PropertySource;

/**
 * Hides the values of properties that come from systemd credentials
 * ({@link SystemdCredentialsEnvironmentPostProcessor#PROPERTY_SOURCE_NAME}) in the
 * actuator's {@code env} and {@code configprops} endpoints, also where
 * {@code management.endpoint.env.show-values} shows other values. A Spring Boot
 * {@link SanitizingFunction}.
 *
 * @since 0.1.0
 */
final class CredentialsSanitizingFunction implements SanitizingFunction {

	@Override
	public SanitizableData apply(SanitizableData data) {
		PropertySource<?> source = data.getPropertySource();
		if (source != null
				&& SystemdCredentialsEnvironmentPostProcessor.PROPERTY_SOURCE_NAME.equals(source.getName())) {
			return data.withSanitizedValue();
		}
		return data;
	}

}
