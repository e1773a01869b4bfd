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

import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cache.CacheManager;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.Assert;

import io.github.springsystemd.memory.MemoryPressureMetrics;
import io.github.springsystemd.memory.MemoryPressureWatch;
import io.github.springsystemd.memory.MemoryPressureWatcher;

/**
 * Auto-configuration that watches the memory pressure systemd names in
 * {@code $MEMORY_PRESSURE_WATCH} ({@code MemoryPressureWatch=}, systemd 254 and later)
 * with a {@link MemoryPressureWatcher}, and its meters when Micrometer is on the
 * classpath. Active when the variable is set, for any service type.
 *
 * @since 0.1.0
 */
@AutoConfiguration(afterName = "org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration")
@ConditionalOnSystemd("memory-pressure")
@Conditional(OnMemoryPressureWatchCondition.class)
@Import(SystemdPropertiesConfiguration.class)
public final class SystemdMemoryPressureAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MemoryPressureWatcher memoryPressureWatcher(Environment environment, SystemdProperties properties,
			ApplicationEventPublisher publisher, ObjectProvider<CacheManager> cacheManagers) {
		SystemdProperties.MemoryPressure settings = properties.getMemoryPressure();
		MemoryPressureWatch watch = OnMemoryPressureWatchCondition.watch(environment);
		Assert.state(watch != null, "No memory pressure watch");
		List<CacheManager> none = List.of();
		return new MemoryPressureWatcher(watch, publisher, settings.getQuietPeriod(),
				settings.isClearCaches() ? () -> cacheManagers.orderedStream().toList() : () -> none);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterBinder.class)
	static class MemoryPressureMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		MemoryPressureMetrics memoryPressureMetrics(MemoryPressureWatcher watcher) {
			return new MemoryPressureMetrics(watcher);
		}

	}

}
