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

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One table of {@code systemd.enabled} values, in property and environment variable form,
 * against every reader of it, so that the readers cannot drift apart again.
 */
@ExtendWith(OutputCaptureExtension.class)
class SystemdSwitchesTests {

	private static final Map<String, Boolean> VALUES = Map.ofEntries(Map.entry("true", true), Map.entry("false", false),
			Map.entry("TRUE", true), Map.entry("False", false), Map.entry("yes", true), Map.entry("no", false),
			Map.entry("on", true), Map.entry("off", false), Map.entry("1", true), Map.entry("0", false),
			Map.entry("sometimes", true));

	private static final Map<String, Predicate<ConfigurableEnvironment>> READERS = Map.of("SystemdProperties.get",
			(environment) -> SystemdProperties.get(environment).isEnabled(), "SystemdProperties bean",
			SystemdSwitchesTests::boundBeanIsEnabled, "@ConditionalOnSystemd", SystemdSwitchesTests::conditionMatches,
			"SystemdStartupNotifier", ConfiguredStartupNotifier::isEnabledIn, "JournalLoggingEnvironmentPostProcessor",
			SystemdSwitchesTests::journalFormatIsRead, "SystemdCredentialsEnvironmentPostProcessor",
			SystemdSwitchesTests::credentialsAreRead, "DebugInvocationListener", DebugInvocationListener::isRequested,
			"ReloadSignalListener", ConfiguredReloadSignalListener::enabledIn);

	static Stream<Arguments> table() {
		return READERS.keySet()
			.stream()
			.sorted()
			.flatMap((reader) -> VALUES.keySet()
				.stream()
				.sorted()
				.flatMap((value) -> Stream.of(Arguments.of(reader, "systemd.enabled", value),
						Arguments.of(reader, "SYSTEMD_ENABLED", value))));
	}

	@ParameterizedTest(name = "{0}: {1}={2}")
	@MethodSource("table")
	void everyReaderReadsTheSameValueTheSameWay(String reader, String name, String value, CapturedOutput output) {
		boolean expected = VALUES.get(value);
		assertThat(READERS.get(reader).test(environment(name, value))).as("%s with %s=%s", reader, name, value)
			.isEqualTo(expected);
		List<String> warnings = output.toString().lines().filter((line) -> line.contains("'" + value + "'")).toList();
		if (value.equals("sometimes")) {
			assertThat(warnings).singleElement()
				.asString()
				.contains("systemd.enabled 'sometimes'")
				.contains(name.equals("SYSTEMD_ENABLED") ? "\"SYSTEMD_ENABLED\"" : "systemd.enabled")
				.contains("is not a boolean (true/false, yes/no, on/off, 1/0); the default, true, applies");
		}
		else {
			assertThat(warnings).isEmpty();
		}
	}

	private static ConfigurableEnvironment environment(String name, String value) {
		StandardEnvironment environment = new StandardEnvironment();
		Map<String, Object> variables = new HashMap<>(
				Map.of("NOTIFY_SOCKET", "/run/systemd/notify", "DEBUG_INVOCATION", "1"));
		if (name.equals("SYSTEMD_ENABLED")) {
			variables.put(name, value);
		}
		else {
			environment.getPropertySources().addFirst(new MapPropertySource("application", Map.of(name, value)));
		}
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
		return environment;
	}

	private static boolean boundBeanIsEnabled(ConfigurableEnvironment environment) {
		boolean[] enabled = new boolean[1];
		new ApplicationContextRunner(() -> contextWith(environment))
			.withUserConfiguration(SystemdPropertiesConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				enabled[0] = context.getBean(SystemdProperties.class).isEnabled();
			});
		return enabled[0];
	}

	private static boolean conditionMatches(ConfigurableEnvironment environment) {
		boolean[] matches = new boolean[1];
		new ApplicationContextRunner(() -> contextWith(environment)).withUserConfiguration(SystemdOnly.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				matches[0] = context.containsBean("systemdOnly");
			});
		return matches[0];
	}

	private static boolean credentialsAreRead(ConfigurableEnvironment environment) {
		return SystemdCredentialsEnvironmentPostProcessor.isEnabled(environment,
				LogFactory.getLog(SystemdSwitchesTests.class));
	}

	private static boolean journalFormatIsRead(ConfigurableEnvironment environment) {
		return JournalLoggingEnvironmentPostProcessor.format(environment,
				LogFactory.getLog(SystemdSwitchesTests.class)) != null;
	}

	private static AnnotationConfigApplicationContext contextWith(ConfigurableEnvironment environment) {
		AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
		context.setEnvironment(environment);
		return context;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnSystemd
	static class SystemdOnly {

		@Bean
		String systemdOnly() {
			return "systemd";
		}

	}

}
