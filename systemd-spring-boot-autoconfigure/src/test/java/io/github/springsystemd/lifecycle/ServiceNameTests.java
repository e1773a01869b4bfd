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
package io.github.springsystemd.lifecycle;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ServiceName}.
 */
class ServiceNameTests {

	@ParameterizedTest(name = "spring.application.name={0} unit={1} -> {2}")
	@CsvSource(nullValues = "none", textBlock = """
			orders,   orders.service,     orders
			orders,   none,               orders
			orders,   orders@b.service,   orders@b
			orders,   orders@b.scope,     orders
			' ',      web-sample.service, web-sample
			none,     web-sample.service, web-sample
			none,     app@2.service,      app@2
			none,     session-3.scope,    none
			none,     .service,           none
			none,     none,               none
			""")
	void nameIsTheApplicationNameOrTheServiceUnit(String applicationName, String unit, String expected) {
		assertThat(ServiceName.of(applicationName, unit)).isEqualTo(expected);
	}

	@ParameterizedTest(name = "spring.application.name={0} -> {1}")
	@CsvSource(nullValues = "unset", textBlock = """
			orders, orders
			'',     web-sample
			' ',    web-sample
			unset,  web-sample
			""")
	void emptyApplicationNameFallsBackToTheUnit(String applicationName, String expected) {
		MockEnvironment environment = new MockEnvironment();
		if (applicationName != null) {
			environment.setProperty("spring.application.name", applicationName);
		}
		assertThat(ServiceName.of(environment, () -> "web-sample.service")).isEqualTo(expected);
	}

	@Test
	void applicationNameIsOneLineOfAtMost200Characters() {
		String name = ServiceName.of("orders\n\tservice\u001b" + "x".repeat(3000), "orders@b.service");
		assertThat(name).startsWith("orders service x").endsWith("...@b").hasSize(200 + "@b".length());
	}

}
