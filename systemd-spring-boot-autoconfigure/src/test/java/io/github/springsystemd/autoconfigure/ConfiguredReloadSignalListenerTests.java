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

import org.junit.jupiter.api.Test;

import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ConfiguredReloadSignalListener}: whether {@code SIGHUP} is answered
 * with a reload, as the bound properties say.
 */
class ConfiguredReloadSignalListenerTests {

	@Test
	void enabledUnlessSystemdOrReloadIsDisabled() {
		assertThat(ConfiguredReloadSignalListener.enabledIn(new MockEnvironment())).isTrue();
		assertThat(ConfiguredReloadSignalListener
			.enabledIn(new MockEnvironment().withProperty("systemd.enabled", "false"))).isFalse();
		MockEnvironment fromUnitEnvironment = new MockEnvironment();
		fromUnitEnvironment.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource("unit-systemEnvironment",
					Map.of("SYSTEMD_RELOAD_ENABLED", "false")));
		assertThat(ConfiguredReloadSignalListener.enabledIn(fromUnitEnvironment)).isFalse();
		assertThat(ConfiguredReloadSignalListener
			.enabledIn(new MockEnvironment().withProperty("systemd.reload.enabled", "no"))).isFalse();
		assertThat(ConfiguredReloadSignalListener
			.enabledIn(new MockEnvironment().withProperty("systemd.reload.enabled", "sometimes"))).isTrue();
	}

}
