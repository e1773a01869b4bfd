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

import org.springframework.boot.context.properties.ConfigurationPropertiesBindHandlerAdvisor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Binds the {@link SystemdProperties} bean as {@link SystemdProperties#get} binds them
 * before the context exists: a value that cannot be converted or used keeps its default
 * and is reported once, instead of failing startup, and a deprecated property applies as
 * its replacement. Imported by every auto-configuration that uses the properties.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SystemdProperties.class)
class SystemdPropertiesConfiguration {

	@Bean
	static ConfigurationPropertiesBindHandlerAdvisor systemdPropertiesBindHandlerAdvisor(Environment environment) {
		return (handler) -> SystemdPropertiesBinding.invalidValuesKeepDefaults(handler, environment);
	}

}
