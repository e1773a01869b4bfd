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

import org.apache.commons.logging.LogFactory;

import org.springframework.core.env.Environment;

import io.github.springsystemd.reload.ReloadSignalListener;

/**
 * The {@link ReloadSignalListener} that {@code META-INF/spring.factories} registers: it
 * takes {@code SIGHUP} over unless the bound {@code systemd.enabled} or
 * {@code systemd.reload.enabled} property is {@code false}.
 */
final class ConfiguredReloadSignalListener extends ReloadSignalListener {

	ConfiguredReloadSignalListener() {
		super(ConfiguredReloadSignalListener::enabledIn);
	}

	static boolean enabledIn(Environment environment) {
		SystemdProperties properties = SystemdPropertiesReader
			.read(environment, LogFactory.getLog(SystemdProperties.class))
			.properties();
		return properties.isEnabled() && properties.getReload().isEnabled();
	}

}
