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
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import io.github.springsystemd.lifecycle.StartupStatusListener;
import io.github.springsystemd.lifecycle.SystemdLifecycleNotifier;
import io.github.springsystemd.notify.SystemdNotifier;
import io.github.springsystemd.protocol.NotifySocketAddress;
import io.github.springsystemd.watchdog.HealthEndpointWatchdogGate;
import io.github.springsystemd.watchdog.LivenessStateWatchdogGate;
import io.github.springsystemd.watchdog.WatchdogGate;
import io.github.springsystemd.watchdog.WatchdogScheduler;

/**
 * Auto-configuration that makes the application a systemd notify service. Active only
 * when the service manager passes {@code NOTIFY_SOCKET} and {@code systemd.enabled} is
 * not {@code false}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(
		afterName = { "org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration",
				"org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration" })
@ConditionalOnBooleanProperty(name = "systemd.enabled", matchIfMissing = true)
@ConditionalOnProperty(NotifySocketAddress.VARIABLE)
@EnableConfigurationProperties(SystemdProperties.class)
public final class SystemdAutoConfiguration {

	@Bean(name = StartupStatusListener.NOTIFIER_BEAN_NAME)
	@ConditionalOnMissingBean
	SystemdNotifier systemdNotifier(Environment environment) {
		return SystemdNotifier.create(environment.getProperty(NotifySocketAddress.VARIABLE));
	}

	@Bean
	@ConditionalOnMissingBean
	SystemdLifecycleNotifier systemdLifecycleNotifier(SystemdNotifier notifier, ApplicationContext applicationContext,
			ObjectProvider<WatchdogScheduler> watchdog, SystemdProperties properties) {
		return new SystemdLifecycleNotifier(notifier, applicationContext, watchdog.getIfAvailable(),
				properties.isSendMainPid());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "systemd.watchdog.enabled", matchIfMissing = true)
	@ConditionalOnProperty("WATCHDOG_USEC")
	static class WatchdogConfiguration {

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnBooleanProperty(name = "systemd.watchdog.health.enabled", matchIfMissing = true)
		static class WatchdogGateConfiguration {

			@Configuration(proxyBeanMethods = false)
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
			@ConditionalOnBean(ApplicationAvailability.class)
			static class LivenessStateGateConfiguration {

				@Bean
				@ConditionalOnMissingBean(WatchdogGate.class)
				LivenessStateWatchdogGate livenessStateWatchdogGate(ApplicationAvailability availability) {
					return new LivenessStateWatchdogGate(availability);
				}

			}

		}

		@Bean(destroyMethod = "stop")
		WatchdogScheduler systemdWatchdogScheduler(SystemdNotifier notifier, Environment environment,
				SystemdProperties properties, ObjectProvider<WatchdogGate> gate) {
			SystemdProperties.Watchdog watchdog = properties.getWatchdog();
			return WatchdogSettings
				.resolve(environment, watchdog, properties.isSendMainPid(), ProcessHandle.current().pid())
				.filter((settings) -> notifier.isActive())
				.map((settings) -> new WatchdogScheduler(notifier,
						watchdog.getHealth().isEnabled() ? gate.getIfAvailable(() -> WatchdogGate.OPEN)
								: WatchdogGate.OPEN,
						settings.interval(), settings.checkTimeout()))
				.orElse(null);
		}

	}

}
