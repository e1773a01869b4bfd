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

import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroupsPostProcessor;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.health.registry.ReactiveHealthContributorRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import io.github.springsystemd.watchdog.HealthContributorWatchdogGate;
import io.github.springsystemd.watchdog.LivenessStateWatchdogGate;
import io.github.springsystemd.watchdog.WatchdogGate;

/**
 * The watchdog gates, imported in order of preference: actuator health first, then the
 * liveness state. A {@link WatchdogGate} bean of the user's own replaces both.
 */
abstract class WatchdogGateConfigurations {

	private static final Log logger = LogFactory.getLog(WatchdogGateConfigurations.class);

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnSystemd("watchdog.health")
	@ConditionalOnClass(HealthEndpoint.class)
	@ConditionalOnBean(HealthEndpoint.class)
	static class HealthEndpointGateConfiguration {

		@Bean
		static HealthEndpointGroupsPostProcessor systemdWatchdogHealthGroup() {
			return new WatchdogHealthGroup.PostProcessor();
		}

		@Bean
		@ConditionalOnMissingBean(WatchdogGate.class)
		HealthContributorWatchdogGate healthContributorWatchdogGate(HealthContributorRegistry registry,
				ObjectProvider<ReactiveHealthContributorRegistry> reactiveRegistry, HealthEndpointGroups groups,
				ObjectProvider<ApplicationAvailability> availability, SystemdProperties properties,
				Environment environment) {
			SystemdProperties.Health health = properties.getWatchdog().getHealth();
			ReactiveHealthContributorRegistry reactive = reactiveRegistry.getIfAvailable();
			HealthContributors contributors = (reactive != null)
					? HealthContributors.of(registry, reactive.asHealthContributors()) : registry;
			if (health.isAggregate()) {
				return new HealthContributorWatchdogGate(() -> contributors, (name) -> true, "health",
						availability.getIfAvailable());
			}
			String name = health.getGroup();
			HealthEndpointGroup group = groups.get(name);
			if (group == null && !name.equals(WatchdogHealthGroup.NAME)) {
				SystemdPropertiesBinding.warnOnce(environment, logger,
						"systemd.watchdog.health.group '" + name + "'"
								+ SystemdPropertiesBinding.origin(environment, "systemd.watchdog.health.group")
								+ " is not a health group (there are: "
								+ String.join(", ", new TreeSet<>(groups.getNames())) + "); the default, "
								+ WatchdogHealthGroup.NAME + ", applies. " + suggestion(name, groups.getNames()));
				name = WatchdogHealthGroup.NAME;
				group = groups.get(name);
			}
			if (group == null) {
				SystemdPropertiesBinding.warnOnce(environment, logger,
						"There is no '" + WatchdogHealthGroup.NAME + "' health group (there are: "
								+ String.join(", ", new TreeSet<>(groups.getNames()))
								+ "); the members the starter's default group would have gate the watchdog: every "
								+ "contributor except those of remote systems, diskSpace and readinessState");
			}
			Predicate<String> members = (group != null) ? group::isMember : WatchdogHealthGroup::isGatingByDefault;
			return new HealthContributorWatchdogGate(() -> contributors, members, "health group '" + name + "'",
					availability.getIfAvailable());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnSystemd("watchdog.health")
	@ConditionalOnBean(ApplicationAvailability.class)
	static class LivenessStateGateConfiguration {

		@Bean
		@ConditionalOnMissingBean(WatchdogGate.class)
		LivenessStateWatchdogGate livenessStateWatchdogGate(ApplicationAvailability availability) {
			return new LivenessStateWatchdogGate(availability);
		}

	}

	/**
	 * Return what to do about a group name that is not a health group: name the group it
	 * differs from only in case, or define it.
	 */
	private static String suggestion(String name, Set<String> groups) {
		for (String group : new TreeSet<>(groups)) {
			if (group.equalsIgnoreCase(name)) {
				return "Health group names are case sensitive: did you mean '" + group + "'?";
			}
		}
		return "Define the group with management.endpoint.health.group." + name + ".include=... or name another";
	}

}
