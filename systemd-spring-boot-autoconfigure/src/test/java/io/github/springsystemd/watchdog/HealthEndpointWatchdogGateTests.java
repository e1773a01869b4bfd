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
package io.github.springsystemd.watchdog;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HealthEndpointWatchdogGate} against a real {@link HealthEndpoint}.
 */
class HealthEndpointWatchdogGateTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(HealthContributorAutoConfiguration.class,
				HealthContributorRegistryAutoConfiguration.class, HealthEndpointAutoConfiguration.class));

	@Test
	void openWhileAllContributorsAreUp() {
		this.contextRunner.withBean("db", HealthIndicator.class, () -> () -> Health.up().build())
			.run((context) -> assertThat(gate(context, null).check()).isEqualTo(GateDecision.open("health is UP")));
	}

	@Test
	void closedNamingEachComponentThatIsNotUp() {
		this.contextRunner.withBean("db", HealthIndicator.class, () -> () -> Health.down().build())
			.withBean("cache", HealthIndicator.class, () -> () -> Health.up().build())
			.withBean("queue", HealthIndicator.class, () -> () -> Health.outOfService().build())
			.run((context) -> assertThat(gate(context, null).check())
				.isEqualTo(GateDecision.closed("health is DOWN (db=DOWN, queue=OUT_OF_SERVICE)")));
	}

	@Test
	void nestedComponentsAreNamedByPath() {
		this.contextRunner
			.withBean("backends", CompositeHealthContributor.class,
					() -> CompositeHealthContributor.fromMap(java.util.Map.of("primary",
							(HealthIndicator) () -> Health.status(new Status("BROKEN")).build())))
			.withPropertyValues("management.endpoint.health.status.order=BROKEN,DOWN,OUT_OF_SERVICE,UP,UNKNOWN")
			.run((context) -> assertThat(gate(context, null).check())
				.isEqualTo(GateDecision.closed("health is BROKEN (backends/primary=BROKEN)")));
	}

	@Test
	void groupGatesOnlyOnItsMembers() {
		this.contextRunner.withBean("db", HealthIndicator.class, () -> () -> Health.down().build())
			.withBean("app", HealthIndicator.class, () -> () -> Health.up().build())
			.withPropertyValues("management.endpoint.health.group.core.include=app")
			.run((context) -> {
				assertThat(gate(context, "core").check()).isEqualTo(GateDecision.open("health group 'core' is UP"));
				assertThat(gate(context, null).check().open()).isFalse();
			});
	}

	private HealthEndpointWatchdogGate gate(org.springframework.context.ApplicationContext context, String group) {
		return new HealthEndpointWatchdogGate(context.getBean(HealthEndpoint.class), group);
	}

}
