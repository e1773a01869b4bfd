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

import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.info.ConditionalOnEnabledInfoContributor;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import io.github.springsystemd.actuate.SystemdEndpoint;
import io.github.springsystemd.actuate.SystemdInfoContributor;
import io.github.springsystemd.notify.SystemdNotifier;
import io.github.springsystemd.protocol.InvalidEnvironmentException;
import io.github.springsystemd.protocol.ListenFd;
import io.github.springsystemd.protocol.ListenFds;
import io.github.springsystemd.unit.SystemdUnit;
import io.github.springsystemd.watchdog.SystemdWatchdog;

/**
 * Auto-configuration for the {@code systemd} actuator endpoint and info section. Active
 * under systemd when actuator is on the classpath.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = SystemdAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnBean(SystemdUnit.class)
public final class SystemdActuatorAutoConfiguration {

	private static final Log logger = LogFactory.getLog(SystemdActuatorAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint(SystemdEndpoint.class)
	SystemdEndpoint systemdEndpoint(SystemdNotifier notifier, SystemdUnit unit,
			ObjectProvider<SystemdWatchdog> watchdog, Environment environment) {
		return new SystemdEndpoint(notifier, unit, watchdog.getIfAvailable(), listenFds(environment));
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnEnabledInfoContributor("systemd")
	SystemdInfoContributor systemdInfoContributor(SystemdUnit unit) {
		return new SystemdInfoContributor(unit);
	}

	private static List<ListenFd> listenFds(Environment environment) {
		try {
			return ListenFds.parse(environment.getProperty(ListenFds.FDS_VARIABLE),
					environment.getProperty(ListenFds.PID_VARIABLE), environment.getProperty(ListenFds.NAMES_VARIABLE),
					ProcessHandle.current().pid());
		}
		catch (InvalidEnvironmentException ex) {
			logger.debug(ex.getMessage());
			return List.of();
		}
	}

}
