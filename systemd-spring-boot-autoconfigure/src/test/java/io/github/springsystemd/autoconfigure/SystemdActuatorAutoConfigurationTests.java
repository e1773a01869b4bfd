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

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.info.InfoContributorAutoConfiguration;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.github.springsystemd.actuate.SystemdEndpoint;
import io.github.springsystemd.actuate.SystemdInfoContributor;
import io.github.springsystemd.metrics.SystemdMetrics;
import io.github.springsystemd.unit.SystemdUnit;
import io.github.springsystemd.unit.UnitFactsSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SystemdActuatorAutoConfiguration} and
 * {@link SystemdMetricsAutoConfiguration}.
 */
class SystemdActuatorAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SystemdAutoConfiguration.class, SystemdActuatorAutoConfiguration.class,
				SystemdMetricsAutoConfiguration.class, EndpointAutoConfiguration.class,
				InfoContributorAutoConfiguration.class))
		.withPropertyValues("management.endpoints.web.exposure.include=systemd,info");

	@Test
	void offSystemdThereIsNothing() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(SystemdUnit.class)
			.doesNotHaveBean(SystemdEndpoint.class)
			.doesNotHaveBean(SystemdInfoContributor.class)
			.doesNotHaveBean(SystemdMetrics.class));
	}

	@Test
	void underSystemdEndpointInfoAndMetricsAreDefined() {
		this.contextRunner.withPropertyValues("NOTIFY_SOCKET=/run/systemd/notify")
			.run((context) -> assertThat(context).hasSingleBean(SystemdUnit.class)
				.hasSingleBean(SystemdEndpoint.class)
				.hasSingleBean(SystemdInfoContributor.class)
				.hasSingleBean(SystemdMetrics.class)
				.hasSingleBean(UnitFactsSource.class));
	}

	@Test
	void endpointReportsTheRunningApplication() {
		this.contextRunner
			.withPropertyValues("NOTIFY_SOCKET=/run/systemd/notify", "WATCHDOG_USEC=4000000", "INVOCATION_ID=feedface")
			.withBean(UnitFactsSource.class, () -> (pid) -> CompletableFuture.completedFuture(Optional.empty()))
			.run((context) -> {
				Map<String, Object> facts = context.getBean(SystemdEndpoint.class).systemd();
				assertThat(facts).containsEntry("invocationId", "feedface")
					.containsEntry("mainPid", ProcessHandle.current().pid())
					.containsEntry("notifySocket", "/run/systemd/notify")
					.doesNotContainKey("restarts");
				// the settings in effect: trigger-after is WatchdogSec=, the check
				// timeout systemd.watchdog.health.timeout's default
				assertThat(facts.get("watchdog")).isEqualTo(Map.of("enabled", true, "timeout", "4s", "interval", "2s",
						"triggerAfter", "4s", "checkTimeout", "1s", "pingsSent", 0L, "pingsWithheld", 0L));
			});
	}

	@Test
	void infoSectionFromTheContext() {
		this.contextRunner.withPropertyValues("NOTIFY_SOCKET=/run/systemd/notify", "INVOCATION_ID=feedface")
			.withBean(UnitFactsSource.class, () -> (pid) -> CompletableFuture.completedFuture(Optional.empty()))
			.run((context) -> {
				Info.Builder builder = new Info.Builder();
				context.getBean(SystemdInfoContributor.class).contribute(builder);
				assertThat(builder.build().get("systemd")).asInstanceOf(InstanceOfAssertFactories.MAP)
					.containsEntry("invocationId", "feedface");
			});
	}

	@Test
	void metersBindToARegistry() {
		this.contextRunner.withPropertyValues("NOTIFY_SOCKET=/run/systemd/notify", "WATCHDOG_USEC=4000000")
			.withBean(UnitFactsSource.class, () -> (pid) -> CompletableFuture.completedFuture(Optional.empty()))
			.run((context) -> {
				SimpleMeterRegistry registry = new SimpleMeterRegistry();
				context.getBean(SystemdMetrics.class).bindTo(registry);
				assertThat(registry.getMeters()).extracting((meter) -> meter.getId().getName())
					.contains("systemd.notify.sent", "systemd.notify.errors", "systemd.watchdog.pings",
							"systemd.watchdog.gate.open", "systemd.unit.restarts");
				assertThat(registry.get("systemd.watchdog.pings").tag("outcome", "withheld").functionCounter().count())
					.isZero();
			});
	}

	@Test
	void endpointThatIsNotExposedIsNotDefined() {
		this.contextRunner
			.withPropertyValues("NOTIFY_SOCKET=/run/systemd/notify", "management.endpoints.web.exposure.include=health")
			.run((context) -> assertThat(context).doesNotHaveBean(SystemdEndpoint.class));
	}

	@Test
	void infoContributorCanBeDisabled() {
		this.contextRunner
			.withPropertyValues("NOTIFY_SOCKET=/run/systemd/notify", "management.info.systemd.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SystemdInfoContributor.class));
	}

	@Test
	void withoutMicrometerThereAreNoMeters() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MeterBinder.class))
			.withPropertyValues("NOTIFY_SOCKET=/run/systemd/notify")
			.run((context) -> assertThat(context).doesNotHaveBean(SystemdMetrics.class)
				.hasSingleBean(SystemdEndpoint.class));
	}

	@Test
	void withoutDbusJavaFactsComeFromTheEnvironmentOnly() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.freedesktop.dbus"))
			.withPropertyValues("NOTIFY_SOCKET=/run/systemd/notify", "INVOCATION_ID=feedface", "WATCHDOG_USEC=4000000",
					"FDSTORE=2")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(UnitFactsSource.class).hasSingleBean(SystemdEndpoint.class);
				assertThat(context.getBean(SystemdUnit.class).getInvocationId()).isEqualTo("feedface");
				Map<String, Object> facts = context.getBean(SystemdEndpoint.class).systemd();
				assertThat(facts).containsEntry("invocationId", "feedface")
					.containsEntry("fdStore", Map.of("max", 2L))
					.doesNotContainKeys("restarts", "systemdVersion");
				assertThat(facts.get("watchdog")).asInstanceOf(InstanceOfAssertFactories.MAP)
					.containsEntry("timeout", "4s");
			});
	}

	@Test
	void withoutActuatorThereIsNoEndpoint() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SystemdAutoConfiguration.class,
					SystemdActuatorAutoConfiguration.class, SystemdMetricsAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(Endpoint.class))
			.withPropertyValues("NOTIFY_SOCKET=/run/systemd/notify")
			.run((context) -> assertThat(context).hasSingleBean(SystemdUnit.class)
				.doesNotHaveBean(SystemdEndpoint.class)
				.hasSingleBean(SystemdMetrics.class));
	}

}
