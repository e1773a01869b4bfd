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

import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.springsystemd.metrics.JournalMetrics;
import io.github.springsystemd.metrics.SystemdMetrics;
import io.github.springsystemd.notify.SystemdNotifier;
import io.github.springsystemd.unit.SystemdUnit;
import io.github.springsystemd.watchdog.SystemdWatchdog;

/**
 * Auto-configuration for the {@link SystemdMetrics systemd meters} and, with Logback, the
 * {@link JournalMetrics journal meters}. Active under systemd when Micrometer is on the
 * classpath; the meters are bound to every meter registry.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = SystemdAutoConfiguration.class)
@ConditionalOnClass(MeterBinder.class)
@ConditionalOnBean(SystemdUnit.class)
public final class SystemdMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SystemdMetrics systemdMetrics(SystemdNotifier notifier, ObjectProvider<SystemdWatchdog> watchdog,
			SystemdUnit unit) {
		return new SystemdMetrics(notifier, watchdog.getIfAvailable(), unit);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "ch.qos.logback.classic.LoggerContext")
	static class JournalMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		JournalMetrics journalMetrics() {
			return new JournalMetrics();
		}

	}

}
