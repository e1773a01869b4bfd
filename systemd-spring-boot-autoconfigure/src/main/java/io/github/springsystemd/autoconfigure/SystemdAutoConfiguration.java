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

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

import io.github.springsystemd.dbus.SystemdBus;
import io.github.springsystemd.lifecycle.SystemdLifecycleNotifier;
import io.github.springsystemd.notify.SystemdNotifier;
import io.github.springsystemd.protocol.NotifySocketAddress;
import io.github.springsystemd.unit.SystemdUnit;
import io.github.springsystemd.unit.UnitFactsSource;
import io.github.springsystemd.watchdog.HealthContributorWatchdogGate;
import io.github.springsystemd.watchdog.ThreadDump;
import io.github.springsystemd.watchdog.WatchdogGate;
import io.github.springsystemd.watchdog.SystemdWatchdog;

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
@ConditionalOnSystemd
@ConditionalOnProperty(NotifySocketAddress.VARIABLE)
@Import(SystemdPropertiesConfiguration.class)
public final class SystemdAutoConfiguration {

	@Bean(name = SystemdNotifier.BEAN_NAME)
	@ConditionalOnMissingBean
	SystemdNotifier systemdNotifier(Environment environment) {
		return SystemdNotifier.create(environment.getProperty(NotifySocketAddress.VARIABLE));
	}

	@Bean
	@ConditionalOnMissingBean
	SystemdLifecycleNotifier systemdLifecycleNotifier(SystemdNotifier notifier, ApplicationContext applicationContext,
			ObjectProvider<SystemdWatchdog> watchdog, SystemdProperties properties) {
		SystemdProperties.TimeoutExtension shutdown = properties.getShutdown();
		return new SystemdLifecycleNotifier(notifier, applicationContext, watchdog.getIfAvailable(),
				properties.isSendMainPid(), shutdown.isExtendTimeout() ? shutdown.getStallTimeout() : null);
	}

	@Bean
	@ConditionalOnMissingBean
	SystemdUnit systemdUnit(Environment environment, ObjectProvider<UnitFactsSource> unitFactsSource) {
		return SystemdUnit.ofThisProcess(environment::getProperty, unitFactsSource.getIfAvailable());
	}

	// one per application: a child context (SpringApplicationBuilder.child) finds its
	// parent's, whose listeners its events reach too
	@Bean
	@ConditionalOnMissingBean(name = "systemdUnitReader")
	ApplicationListener<ApplicationReadyEvent> systemdUnitReader(SystemdUnit unit) {
		return (event) -> unit.refresh();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.freedesktop.dbus.connections.impl.DBusConnectionBuilder")
	static class BusConfiguration {

		private static final Duration TIMEOUT = Duration.ofSeconds(2);

		@Bean
		@ConditionalOnMissingBean
		UnitFactsSource systemdBusReader() {
			return SystemdBus.unitFacts(TIMEOUT);
		}

		@Bean
		@ConditionalOnMissingBean(name = "systemdTemplateInstances")
		ApplicationListener<ApplicationReadyEvent> systemdTemplateInstances(SystemdUnit unit,
				ApplicationContext context) {
			// once, at this context's own ready event, not again at a child's
			return (event) -> {
				if (event.getApplicationContext() == context) {
					SystemdBus.reportOtherInstances(unit.getName());
				}
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnSystemd("watchdog")
	@Conditional(OnWatchdogCondition.class)
	@Import({ WatchdogGateConfigurations.HealthEndpointGateConfiguration.class,
			WatchdogGateConfigurations.LivenessStateGateConfiguration.class })
	static class WatchdogConfiguration {

		// a child context uses its parent's, which the parent's lifecycle notifier starts
		@Bean(destroyMethod = "stop")
		@ConditionalOnMissingBean
		SystemdWatchdog systemdWatchdog(SystemdNotifier notifier, Environment environment, SystemdProperties properties,
				ObjectProvider<WatchdogGate> gate) {
			SystemdProperties.Watchdog watchdog = properties.getWatchdog();
			return newWatchdog(notifier,
					watchdog.getHealth().isEnabled() ? gate.getIfAvailable(() -> WatchdogGate.OPEN) : WatchdogGate.OPEN,
					WatchdogSettings.resolve(environment, watchdog), watchdog.getHealth().getThreadDump());
		}

		private SystemdWatchdog newWatchdog(SystemdNotifier notifier, WatchdogGate gate, WatchdogSettings settings,
				ThreadDump threadDump) {
			if (gate instanceof HealthContributorWatchdogGate contributorGate) {
				contributorGate.setTimeout(settings.checkTimeout());
				contributorGate.setThreadDump(threadDump);
			}
			SystemdWatchdog watchdog = new SystemdWatchdog(notifier, gate, settings.interval(),
					settings.checkTimeout());
			watchdog.setTriggerAfter(settings.triggerAfter());
			watchdog.setThreadDump(threadDump);
			return watchdog;
		}

	}

}
