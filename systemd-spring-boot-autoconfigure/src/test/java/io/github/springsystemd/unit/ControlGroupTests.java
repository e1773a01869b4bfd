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
package io.github.springsystemd.unit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ControlGroup}.
 */
class ControlGroupTests {

	@ParameterizedTest
	@CsvSource(nullValues = "none", delimiter = '|', textBlock = """
			0::/system.slice/orders.service                                      | orders.service
			0::/system.slice/orders.service/payload                              | orders.service
			0::/system.slice/system-app.slice/app@2.service                      | app@2.service
			0::/user.slice/user-1000.slice/session-2.scope                       | session-2.scope
			0::/user.slice/user-1000.slice/user@1000.service/app.slice/x.service | x.service
			0::/                                                                 | none
			0::/docker/4f1a                                                      | none
			garbage                                                              | none
			""")
	void unitOfCgroupV2(String cgroup, String unit) {
		assertThat(ControlGroup.unitOf(cgroup)).isEqualTo(unit);
	}

	@ParameterizedTest
	@CsvSource(nullValues = "none", delimiter = '|', textBlock = """
			'12:pids:/system.slice/orders.service\n1:name=systemd:/system.slice/orders.service' | orders.service
			'12:pids:/\n1:name=systemd:/system.slice/orders.service'                             | orders.service
			""")
	void unitOfCgroupV1(String cgroup, String unit) {
		assertThat(ControlGroup.unitOf(cgroup.replace("\\n", "\n"))).isEqualTo(unit);
	}

}
