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
import java.util.HashMap;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SystemdPropertiesReader}.
 */
class SystemdPropertiesReaderTests {

	private static final Log log = LogFactory.getLog(SystemdPropertiesReaderTests.class);

	@Test
	void anUnchangedEnvironmentIsBoundOnce() {
		StandardEnvironment environment = environment(Map.of("systemd.startup.stall-timeout", "90s"));
		SystemdPropertiesBinding.Result first = SystemdPropertiesReader.read(environment, log);
		assertThat(SystemdPropertiesReader.read(environment, log)).isSameAs(first);
		assertThat(first.properties().getStartup().getStallTimeout()).isEqualTo(Duration.ofSeconds(90));
	}

	@Test
	void anotherEnvironmentIsBoundOnItsOwn() {
		SystemdPropertiesBinding.Result first = SystemdPropertiesReader
			.read(environment(Map.of("systemd.startup.stall-timeout", "90s")), log);
		SystemdPropertiesBinding.Result other = SystemdPropertiesReader
			.read(environment(Map.of("systemd.startup.stall-timeout", "30s")), log);
		assertThat(other).isNotSameAs(first);
		assertThat(other.properties().getStartup().getStallTimeout()).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void aChangedValueIsBoundAgain() {
		Map<String, Object> values = new HashMap<>(Map.of("systemd.startup.stall-timeout", "90s"));
		StandardEnvironment environment = environment(values);
		SystemdPropertiesReader.read(environment, log);
		values.put("systemd.startup.stall-timeout", "30s");
		assertThat(stallTimeout(environment)).isEqualTo(Duration.ofSeconds(30));
		values.put("systemd.startup.extend-timeout", "false");
		assertThat(SystemdPropertiesReader.read(environment, log).properties().getStartup().isExtendTimeout())
			.isFalse();
	}

	@Test
	void anAddedSourceIsBoundAgain() {
		StandardEnvironment environment = environment(Map.of("systemd.startup.stall-timeout", "90s"));
		SystemdPropertiesReader.read(environment, log);
		environment.getPropertySources()
			.addFirst(new MapPropertySource("override", Map.of("systemd.startup.stall-timeout", "45s")));
		assertThat(stallTimeout(environment)).isEqualTo(Duration.ofSeconds(45));
	}

	@ParameterizedTest(name = "{0}: {1} then {2}")
	@CsvSource(delimiter = '|', textBlock = """
			systemd.startup.stall-timeout   | 90s | 30s
			[systemd].startup.stall-timeout | 90s | 30s
			app.stall                       | 90s | 20s
			""")
	void aChangeOfWhatIsBoundIsBoundAgain(String name, String before, String after) {
		Map<String, Object> values = new HashMap<>(Map.of(name, before));
		if (!name.contains("systemd")) {
			// what a placeholder in systemd.* refers to
			values.put("systemd.startup.stall-timeout", "${" + name + "}");
		}
		StandardEnvironment environment = environment(values);
		assertThat(stallTimeout(environment)).isEqualTo(DurationStyle.detectAndParse(before));
		values.put(name, after);
		assertThat(stallTimeout(environment)).isEqualTo(DurationStyle.detectAndParse(after));
	}

	@Test
	void aSourceThatCannotListItsNamesIsBoundAtEveryRead() {
		StandardEnvironment environment = environment(Map.of());
		Map<String, Object> values = new HashMap<>(Map.of("systemd.startup.stall-timeout", "90s"));
		environment.getPropertySources().addFirst(new PropertySource<>("unlisted", values) {

			@Override
			public Object getProperty(String name) {
				return values.get(name);
			}

		});
		SystemdPropertiesBinding.Result first = SystemdPropertiesReader.read(environment, log);
		assertThat(SystemdPropertiesReader.read(environment, log)).isNotSameAs(first);
	}

	@Test
	void aValueMovedToAnotherSourceIsBoundAgain() {
		Map<String, Object> first = new HashMap<>(Map.of("systemd.startup.stall-timeout", "90s"));
		Map<String, Object> second = new HashMap<>();
		StandardEnvironment environment = environment(first);
		environment.getPropertySources().addLast(new MapPropertySource("second", second));
		SystemdPropertiesBinding.Result before = SystemdPropertiesReader.read(environment, log);
		second.putAll(first);
		first.clear();
		assertThat(SystemdPropertiesReader.read(environment, log)).isNotSameAs(before);
	}

	private static Duration stallTimeout(StandardEnvironment environment) {
		return SystemdPropertiesReader.read(environment, log).properties().getStartup().getStallTimeout();
	}

	private static StandardEnvironment environment(Map<String, Object> values) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("test", values));
		ConfigurationPropertySources.attach(environment);
		return environment;
	}

}
