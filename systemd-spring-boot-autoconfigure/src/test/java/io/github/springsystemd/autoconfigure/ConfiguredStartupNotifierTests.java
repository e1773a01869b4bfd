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

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ConfiguredStartupNotifier}: the stall timeout the startup notifier
 * extends by, as {@link SystemdProperties#get} binds it before the context exists.
 */
class ConfiguredStartupNotifierTests {

	@Test
	void stallTimeoutIsParsedLikeTheBoundProperty() {
		assertThat(stallTimeout("90")).isEqualTo(Duration.ofSeconds(90));
		assertThat(stallTimeout("2m")).isEqualTo(Duration.ofMinutes(2));
		assertThat(stallTimeout("1500ms")).isEqualTo(Duration.ofMillis(1500));
		assertThat(stallTimeout("1s")).isEqualTo(SystemdProperties.MIN_STALL_TIMEOUT);
		assertThat(stallTimeout("PT30S")).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void stallTimeoutDefaultsToSixtySecondsLikeTheProperty() {
		assertThat(new SystemdProperties().getStartup().getStallTimeout()).isEqualTo(Duration.ofSeconds(60));
		assertThat(stallTimeout(" ")).isEqualTo(Duration.ofSeconds(60));
	}

	@Test
	void unusableStallTimeoutIsBoundAsTheDefault() {
		assertThat(stallTimeout("soon")).isEqualTo(Duration.ofSeconds(60));
		assertThat(stallTimeout("0")).isEqualTo(Duration.ofSeconds(60));
		assertThat(stallTimeout("-5s")).isEqualTo(Duration.ofSeconds(60));
		assertThat(stallTimeout("1ns")).isEqualTo(Duration.ofSeconds(60));
		assertThat(stallTimeout("999ms")).isEqualTo(Duration.ofSeconds(60));
	}

	@Test
	void noStallTimeoutWhenTheStartTimeoutIsNotExtended() {
		MockEnvironment environment = new MockEnvironment().withProperty("systemd.startup.extend-timeout", "false");
		assertThat(ConfiguredStartupNotifier.stallTimeout(environment)).isNull();
	}

	@Test
	void enabledUnlessSystemdIsDisabled() {
		assertThat(enabled(new MockEnvironment())).isTrue();
		assertThat(enabled(new MockEnvironment().withProperty("systemd.enabled", "no"))).isFalse();
		assertThat(enabled(new MockEnvironment().withProperty("systemd.startup.extend-timeout", "false"))).isTrue();
	}

	private static boolean enabled(MockEnvironment environment) {
		return ConfiguredStartupNotifier.isEnabledIn(environment);
	}

	private static @Nullable Duration stallTimeout(String value) {
		MockEnvironment environment = new MockEnvironment().withProperty("systemd.startup.stall-timeout", value);
		return ConfiguredStartupNotifier.stallTimeout(environment);
	}

}
