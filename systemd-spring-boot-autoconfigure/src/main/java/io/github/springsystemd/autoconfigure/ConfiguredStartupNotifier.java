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

import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.env.Environment;

import io.github.springsystemd.autoconfigure.SystemdProperties.TimeoutExtension;
import io.github.springsystemd.lifecycle.SystemdStartupNotifier;

/**
 * The {@link SystemdStartupNotifier} that {@code META-INF/spring.factories} registers: it
 * reports startup as the bound {@code systemd.enabled} and {@code systemd.startup.*}
 * properties say.
 */
final class ConfiguredStartupNotifier extends SystemdStartupNotifier {

	/**
	 * Where values of {@code systemd.*} that cannot be used are reported, should this be
	 * their first reader: the notifier's own log.
	 */
	private static final Log logger = LogFactory.getLog(SystemdStartupNotifier.class);

	ConfiguredStartupNotifier() {
		super(ConfiguredStartupNotifier::isEnabledIn, ConfiguredStartupNotifier::stallTimeout);
	}

	static boolean isEnabledIn(Environment environment) {
		return read(environment).isEnabled();
	}

	static @Nullable Duration stallTimeout(Environment environment) {
		TimeoutExtension startup = read(environment).getStartup();
		return startup.isExtendTimeout() ? startup.getStallTimeout() : null;
	}

	private static SystemdProperties read(Environment environment) {
		return SystemdPropertiesReader.read(environment, logger).properties();
	}

}
