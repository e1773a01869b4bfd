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
package io.github.springsystemd.dbus;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TemplateInstances}.
 */
@ExtendWith(OutputCaptureExtension.class)
class TemplateInstancesTests {

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(nullValues = "none", textBlock = """
			orders@b.service,     orders@*.service
			my*app@1.service,     my\\*app@*.service
			orders.service,       none
			orders@.service,      none
			none,                 none
			""")
	void patternMatchesEveryInstanceOfTheTemplate(String unit, String pattern) {
		assertThat(TemplateInstances.pattern(unit)).isEqualTo(pattern);
	}

	@Test
	void otherActiveInstancesAreNamedAtInfo(CapturedOutput output) throws InterruptedException {
		List<String> patterns = new ArrayList<>();
		Thread thread = new TemplateInstances((pattern) -> {
			patterns.add(pattern);
			return List.of("orders@a.service", "orders@b.service");
		}).reportOthers("orders@b.service");
		thread.join(5000);
		assertThat(patterns).containsExactly("orders@*.service");
		assertThat(thread.getName()).isEqualTo("systemd-dbus-instances");
		assertThat(output).contains("INFO")
			.contains("Another instance of orders@.service is active: orders@a.service (this is orders@b.service)");
	}

	@Test
	void aloneSaysNothing(CapturedOutput output) throws InterruptedException {
		new TemplateInstances((pattern) -> List.of("orders@b.service")).reportOthers("orders@b.service").join(5000);
		assertThat(output).doesNotContain("instance");
	}

	@Test
	void aFailedQueryIsNotAnError(CapturedOutput output) throws InterruptedException {
		new TemplateInstances((pattern) -> {
			throw new IllegalStateException("no bus");
		}).reportOthers("orders@b.service").join(5000);
		assertThat(output).doesNotContain("ERROR").doesNotContain("WARN");
	}

	@Test
	void aUnitThatIsNoInstanceStartsNothing() {
		assertThat(new TemplateInstances((pattern) -> {
			throw new AssertionError("not asked");
		}).reportOthers("orders.service")).isNull();
	}

	@Test
	void severalOthersAreCounted() {
		assertThat(TemplateInstances.message("orders@c.service", List.of("orders@a.service", "orders@b.service")))
			.isEqualTo("2 other instances of orders@.service are active: orders@a.service, orders@b.service "
					+ "(this is orders@c.service)");
	}

}
