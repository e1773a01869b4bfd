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
import java.util.stream.Collectors;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.health.actuate.endpoint.CompositeHealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.AvailabilityProbesAutoConfiguration;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.application.AvailabilityHealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.application.DiskSpaceHealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.health.DataSourceHealthContributorAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import io.github.springsystemd.watchdog.ComponentHealth;
import io.github.springsystemd.watchdog.GateDecision;
import io.github.springsystemd.watchdog.HealthContributorWatchdogGate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the default {@code watchdog} health group and the gate built on it, with
 * Spring Boot's own health contributors: an embedded H2 {@code DataSource}, disk space,
 * ping and the availability probes.
 */
@ExtendWith(OutputCaptureExtension.class)
class WatchdogHealthGroupTests {

	private static final String NOTIFY_SOCKET = "NOTIFY_SOCKET=/run/systemd-spring-boot-test/notify";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SystemdAutoConfiguration.class,
				ApplicationAvailabilityAutoConfiguration.class, HealthContributorAutoConfiguration.class,
				HealthContributorRegistryAutoConfiguration.class, HealthEndpointAutoConfiguration.class,
				DataSourceAutoConfiguration.class, DataSourceHealthContributorAutoConfiguration.class,
				DiskSpaceHealthContributorAutoConfiguration.class, AvailabilityHealthContributorAutoConfiguration.class,
				AvailabilityProbesAutoConfiguration.class))
		.withPropertyValues(NOTIFY_SOCKET, "WATCHDOG_USEC=4000000", "management.endpoint.health.probes.enabled=true");

	@Test
	void defaultGroupGatesOnTheApplicationsOwnContributorsOnly() {
		this.contextRunner.run((context) -> {
			AvailabilityChangeEvent.publish(context, LivenessState.CORRECT);
			GateDecision decision = context.getBean(HealthContributorWatchdogGate.class).check();
			assertThat(gating(decision)).containsEntry("db", false)
				.containsEntry("readinessState", false)
				.containsEntry("diskSpace", false)
				.containsEntry("ping", true)
				.containsEntry("livenessState", true);
			assertThat(decision.reason()).isEqualTo("readinessState is OUT_OF_SERVICE (not gating the watchdog)");
			assertThat(decision.open()).isTrue();
		});
	}

	@Test
	void defaultGroupIsAHealthGroupOfTheHealthEndpoint() {
		this.contextRunner.run((context) -> {
			CompositeHealthDescriptor watchdog = (CompositeHealthDescriptor) context.getBean(HealthEndpoint.class)
				.healthForPath("watchdog");
			assertThat(watchdog.getComponents()).containsKeys("ping", "livenessState")
				.doesNotContainKeys("db", "diskSpace", "readinessState");
		});
	}

	@Test
	void configuredGroupOfTheSameNameReplacesTheDefault() {
		this.contextRunner
			.withPropertyValues("management.endpoint.health.group.watchdog.include=*",
					"management.endpoint.health.group.watchdog.exclude=ping")
			.run((context) -> assertThat(gating(context.getBean(HealthContributorWatchdogGate.class).check()))
				.containsEntry("db", true)
				.containsEntry("diskSpace", true)
				.containsEntry("ping", false));
	}

	@Test
	void aggregateGatesOnEveryContributor() {
		this.contextRunner.withPropertyValues("systemd.watchdog.health.aggregate=true")
			.run((context) -> assertThat(gating(context.getBean(HealthContributorWatchdogGate.class).check()))
				.containsEntry("db", true)
				.containsEntry("readinessState", true)
				.containsEntry("ping", true));
	}

	@Test
	void databaseDownDegradesButDoesNotClose() {
		this.contextRunner
			.withPropertyValues("spring.datasource.url=jdbc:h2:mem:closed;DB_CLOSE_DELAY=-1",
					"spring.datasource.hikari.connection-timeout=250",
					"spring.datasource.hikari.initialization-fail-timeout=-1")
			.run((context) -> {
				AvailabilityChangeEvent.publish(context, LivenessState.CORRECT);
				AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
				context.getBean(DataSource.class).unwrap(HikariDataSource.class).close();
				GateDecision decision = context.getBean(HealthContributorWatchdogGate.class).check();
				assertThat(decision.reason()).isEqualTo("db is DOWN (not gating the watchdog)");
				assertThat(decision.open()).isTrue();
				assertThat(decision.degraded()).isTrue();
			});
	}

	@Test
	void brokenLivenessClosesTheGate() {
		this.contextRunner.run((context) -> {
			AvailabilityChangeEvent.publish(context, LivenessState.BROKEN);
			GateDecision decision = context.getBean(HealthContributorWatchdogGate.class).check();
			assertThat(decision.open()).isFalse();
			assertThat(decision.reason()).startsWith("liveness state is BROKEN");
		});
	}

	@Test
	void mistypedGroupIsNamedOnceAndTheWatchdogGroupGates(CapturedOutput output) {
		SpringApplication application = new SpringApplication(MistypedGroupApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		try (ConfigurableApplicationContext context = application.run("--" + NOTIFY_SOCKET, "--WATCHDOG_USEC=4000000",
				"--systemd.watchdog.health.group=watchdgo")) {
			assertThat(context.getBean(HealthContributorWatchdogGate.class).check().reason())
				.startsWith("health group 'watchdog' is UP");
		}
		assertThat(output.getOut().lines()).filteredOn((line) -> line.contains("'watchdgo'"))
			.singleElement()
			.asString()
			.contains("WARN")
			.contains("systemd.watchdog.health.group 'watchdgo' (\"systemd.watchdog.health.group\" from property "
					+ "source \"commandLineArgs\") is not a health group (there are: ")
			.contains("watchdog")
			.contains("the default, watchdog, applies. Define the group with "
					+ "management.endpoint.health.group.watchdgo.include=... or name another");
	}

	private static Map<String, Boolean> gating(GateDecision decision) {
		return decision.components().stream().collect(Collectors.toMap(ComponentHealth::name, ComponentHealth::gating));
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ SystemdAutoConfiguration.class, ApplicationAvailabilityAutoConfiguration.class,
			HealthContributorAutoConfiguration.class, HealthContributorRegistryAutoConfiguration.class,
			HealthEndpointAutoConfiguration.class })
	static class MistypedGroupApplication {

	}

}
