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

import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration that hides the values of properties set by systemd credentials in
 * the actuator's endpoints. Active when systemd passes credentials
 * ({@code $CREDENTIALS_DIRECTORY}) and actuator is on the classpath. The credentials
 * become properties before the application context exists, through the
 * {@code SystemdCredentialsEnvironmentPostProcessor} of this package.
 *
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnClass(SanitizingFunction.class)
@ConditionalOnSystemd("credentials")
@ConditionalOnProperty(SystemdCredentialsEnvironmentPostProcessor.VARIABLE)
public final class SystemdCredentialsAutoConfiguration {

	@Bean
	CredentialsSanitizingFunction systemdCredentialsSanitizingFunction() {
		return new CredentialsSanitizingFunction();
	}

}
