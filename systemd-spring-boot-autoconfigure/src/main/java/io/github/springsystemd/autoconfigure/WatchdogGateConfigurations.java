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

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.springsystemd.watchdog.HealthEndpointWatchdogGate;
import io.github.springsystemd.watchdog.LivenessStateWatchdogGate;
import io.github.springsystemd.watchdog.WatchdogGate;

/**
 * The watchdog gates, imported in order of preference: actuator health first, then the
 * liveness state. A {@link WatchdogGate} bean of the user's own replaces both.
 */
abstract class WatchdogGateConfigurations {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "systemd.watchdog.health.enabled", matchIfMissing = true)
	@ConditionalOnClass(HealthEndpoint.class)
	@ConditionalOnBean(HealthEndpoint.class)
	static class HealthEndpointGateConfiguration {

		@Bean
		@ConditionalOnMissingBean(WatchdogGate.class)
		HealthEndpointWatchdogGate healthEndpointWatchdogGate(HealthEndpoint healthEndpoint,
				ObjectProvider<HealthEndpointGroups> groups, SystemdProperties properties) {
			String group = properties.getWatchdog().getHealth().getGroup();
			HealthEndpointGroups availableGroups = groups.getIfAvailable();
			if (group != null && availableGroups != null && availableGroups.get(group) == null) {
				throw new IllegalStateException("systemd.watchdog.health.group '" + group
						+ "' is not a health group; available groups: " + availableGroups.getNames()
						+ ". Define it with management.endpoint.health.group." + group + ".include=...");
			}
			return new HealthEndpointWatchdogGate(healthEndpoint, group);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "systemd.watchdog.health.enabled", matchIfMissing = true)
	@ConditionalOnBean(ApplicationAvailability.class)
	static class LivenessStateGateConfiguration {

		@Bean
		@ConditionalOnMissingBean(WatchdogGate.class)
		LivenessStateWatchdogGate livenessStateWatchdogGate(ApplicationAvailability availability) {
			return new LivenessStateWatchdogGate(availability);
		}

	}

}
