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
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.github.springsystemd.metrics.JournalMetrics;
import io.github.springsystemd.metrics.SystemdMetrics;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SystemdMetricsAutoConfiguration}.
 */
class SystemdMetricsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(SystemdAutoConfiguration.class, SystemdMetricsAutoConfiguration.class));

	@Test
	void offSystemdThereAreNoMeters() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(SystemdMetrics.class)
			.doesNotHaveBean(JournalMetrics.class));
	}

	@Test
	void underSystemdTheUnitAndJournalMetersAreDefined() {
		this.contextRunner.withPropertyValues("NOTIFY_SOCKET=/run/systemd/notify")
			.run((context) -> assertThat(context).hasSingleBean(SystemdMetrics.class)
				.hasSingleBean(JournalMetrics.class));
	}

	@Test
	void disabledIntegrationHasNoMeters() {
		this.contextRunner.withPropertyValues("NOTIFY_SOCKET=/run/systemd/notify", "systemd.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SystemdMetrics.class)
				.doesNotHaveBean(JournalMetrics.class));
	}

	@Test
	void withoutMicrometerThereAreNoMeters() {
		this.contextRunner.withPropertyValues("NOTIFY_SOCKET=/run/systemd/notify")
			.withClassLoader(new FilteredClassLoader(MeterBinder.class))
			.run((context) -> assertThat(context).doesNotHaveBean(SystemdMetrics.class)
				.doesNotHaveBean(JournalMetrics.class));
	}

	@Test
	void withoutLogbackThereAreNoJournalMeters() {
		this.contextRunner.withPropertyValues("NOTIFY_SOCKET=/run/systemd/notify")
			.withClassLoader(new FilteredClassLoader("ch.qos.logback.classic"))
			.run((context) -> assertThat(context).hasSingleBean(SystemdMetrics.class)
				.doesNotHaveBean(JournalMetrics.class));
	}

	@Test
	void userDefinedMetersWin() {
		JournalMetrics journalMetrics = new JournalMetrics();
		this.contextRunner.withPropertyValues("NOTIFY_SOCKET=/run/systemd/notify")
			.withBean("customJournalMetrics", JournalMetrics.class, () -> journalMetrics)
			.run((context) -> assertThat(context).hasSingleBean(SystemdMetrics.class)
				.getBean(JournalMetrics.class)
				.isSameAs(journalMetrics));
	}

}
