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
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SystemdPropertiesBinding}'s report of names under {@code systemd.}
 * that are not properties of the starter, and of values that cannot be used.
 */
@ExtendWith(OutputCaptureExtension.class)
class SystemdPropertiesBindingTests {

	@Test
	void aMisspelledPropertyIsNamedOnceWithWhereItWasSet(CapturedOutput output) {
		StandardEnvironment environment = environment(Map.of("systemd.watchdog.intervall", "5s"));
		bind(environment);
		bind(environment);
		assertThat(output)
			.containsOnlyOnce("systemd.watchdog.intervall '5s' (\"systemd.watchdog.intervall\" from property source "
					+ "\"application\") " + "is not a property of the "
					+ "systemd starter and is ignored; its properties are listed in the configuration metadata and "
					+ "the README");
	}

	@Test
	void aMisspelledGroupIsNamedToo(CapturedOutput output) {
		bind(environment(Map.of("systemd.watchdgo.interval", "5s")));
		assertThat(output)
			.contains("systemd.watchdgo.interval '5s' (\"systemd.watchdgo.interval\" from property source "
					+ "\"application\") is not a property");
	}

	@Test
	void valuesThatCannotBeUsedBeforeTheContextExistsKeepTheirDefaultWithOneWarningEach(CapturedOutput output) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("systemd.startup.stall-timeout", "1ns");
		properties.put("systemd.shutdown.stall-timeout", "soon");
		properties.put("systemd.fd-store.fd-name", "web:8080");
		StandardEnvironment environment = environment(properties);
		SystemdPropertiesBinding.Result first = bind(environment);
		bind(environment);
		assertThat(first.properties().getStartup().getStallTimeout()).isEqualTo(Duration.ofSeconds(60));
		assertThat(first.properties().getShutdown().getStallTimeout()).isEqualTo(Duration.ofSeconds(60));
		assertThat(first.properties().getFdStore().getFdName()).isEqualTo("server");
		assertThat(first.invalid()).hasSize(3);
		assertThat(output)
			.containsOnlyOnce("systemd.startup.stall-timeout '1ns' (\"systemd.startup.stall-timeout\" from property "
					+ "source \"application\") must be at least 1s; the default, 60s, applies")
			.containsOnlyOnce("systemd.shutdown.stall-timeout 'soon' (\"systemd.shutdown.stall-timeout\" from "
					+ "property source \"application\") is not a duration (such as 10s, 500ms or 2m; a bare number "
					+ "is seconds); the default, 60s, applies")
			.containsOnlyOnce("systemd.fd-store.fd-name 'web:8080' (\"systemd.fd-store.fd-name\" from property "
					+ "source \"application\") must be 1 to 255 printable ASCII characters other than ':', as "
					+ "systemd takes for FDNAME=; the default, server, applies");
	}

	@Test
	void aNumberTooLargeForItsPropertyIsNamedAsSuch(CapturedOutput output) {
		bind(environment(Map.of("systemd.socket-activation.warm-up.requests", "99999999999")));
		assertThat(output).contains("systemd.socket-activation.warm-up.requests '99999999999'")
			.contains("is not a whole number from -2147483648 to 2147483647; the default");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "web:admin" })
	void aSocketNameSystemdCannotPassServesTheDefaultSocket(String value, CapturedOutput output) {
		SystemdPropertiesBinding.Result result = bind(environment(Map.of("systemd.socket-activation.fd-name", value)));
		assertThat(result.properties().getSocketActivation().getFdName()).isNull();
		assertThat(output).containsOnlyOnce("systemd.socket-activation.fd-name '" + value
				+ "' (\"systemd.socket-activation.fd-name\" from property source \"application\") must be 1 to 255 "
				+ "printable ASCII characters other than ':', as systemd takes for FileDescriptorName=; the default, "
				+ "none (the socket stored under systemd.fd-store.fd-name, or else the only one passed), applies");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " " })
	void anEmptyValueOfSystemdItselfIsIgnored(String value, CapturedOutput output) {
		// "": what YAML makes of "systemd:" with every key under it commented out
		SystemdPropertiesBinding.Result result = bind(environment(Map.of("systemd", value)));
		assertThat(result.properties().isEnabled()).isTrue();
		assertThat(result.properties().getWatchdog().getInterval()).isNull();
		assertThat(result.invalid()).isEmpty();
		assertThat(output).doesNotContain("systemd '" + value + "'");
	}

	@ParameterizedTest
	@CsvSource(textBlock = """
			systemd,                           Set systemd.enabled=false instead
			systemd.watchdog,                  Set systemd.watchdog.enabled=false instead
			systemd.reload,                    Set systemd.reload.enabled=false instead
			systemd.socket-activation.warm-up, Set a property under systemd.socket-activation.warm-up instead
			""")
	void anotherValueOfSystemdOrAGroupIsIgnoredWithOneWarning(String group, String hint, CapturedOutput output) {
		StandardEnvironment environment = environment(Map.of(group, "false"));
		SystemdPropertiesBinding.Result result = bind(environment);
		bind(environment);
		assertThat(result.properties().isEnabled()).isTrue();
		assertThat(result.properties().getWatchdog().isEnabled()).isTrue();
		assertThat(result.properties().getReload().isEnabled()).isTrue();
		assertThat(result.invalid()).hasSize(1);
		assertThat(output).containsOnlyOnce(group + " 'false' (\"" + group + "\" from property source \"application\") "
				+ "is a group of properties, not a property; it is ignored. " + hint);
	}

	@Test
	void aValueOfAGroupThatIsNotASwitchIsNotSuggestedForItsSwitch(CapturedOutput output) {
		bind(environment(Map.of("systemd.watchdog", "30s")));
		assertThat(output)
			.contains("is a group of properties, not a property; it is ignored. Set a property under "
					+ "systemd.watchdog instead")
			.doesNotContain("systemd.watchdog.enabled=30s");
	}

	@ParameterizedTest
	@ValueSource(strings = { "systemd.watchdog", "systemd.watchdog.health", "systemd.socket-activation.warm-up" })
	void anEmptyValueOfAGroupIsIgnored(String group, CapturedOutput output) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put(group, "");
		properties.put("systemd.startup.stall-timeout", "90s");
		SystemdPropertiesBinding.Result result = bind(environment(properties));
		assertThat(result.properties().getStartup().getStallTimeout()).isEqualTo(Duration.ofSeconds(90));
		assertThat(result.invalid()).isEmpty();
		assertThat(output).doesNotContain(group + " ''");
	}

	@Test
	void durationsBeyondTheRangeKeepTheirDefaultWithOneWarningEach(CapturedOutput output) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("systemd.watchdog.interval", "-10000000000000000s");
		properties.put("systemd.watchdog.health.timeout", "200000d");
		properties.put("systemd.startup.stall-timeout", "10000000000000000s");
		properties.put("systemd.shutdown.stall-timeout", "366d");
		properties.put("systemd.memory-pressure.quiet-period", "365d");
		SystemdPropertiesBinding.Result result = bind(environment(properties));
		assertThat(result.properties().getWatchdog().getInterval()).isNull();
		assertThat(result.properties().getWatchdog().getHealth().getTimeout()).isNull();
		assertThat(result.properties().getStartup().getStallTimeout()).isEqualTo(Duration.ofSeconds(60));
		assertThat(result.properties().getShutdown().getStallTimeout()).isEqualTo(Duration.ofSeconds(60));
		assertThat(result.properties().getMemoryPressure().getQuietPeriod()).isEqualTo(Duration.ofDays(365));
		assertThat(result.invalid()).hasSize(4);
		assertThat(output)
			.containsOnlyOnce("systemd.watchdog.interval '-10000000000000000s' (\"systemd.watchdog.interval\" from "
					+ "property source \"application\") must be at least 100ms; the default, half of WatchdogSec=, applies")
			.containsOnlyOnce("systemd.watchdog.health.timeout '200000d' (\"systemd.watchdog.health.timeout\" from "
					+ "property source \"application\") must be at most 365d; the default, half of the watchdog "
					+ "interval (less if WatchdogSec= needs it), applies")
			.containsOnlyOnce("systemd.startup.stall-timeout '10000000000000000s'")
			.containsOnlyOnce("systemd.shutdown.stall-timeout '366d' (\"systemd.shutdown.stall-timeout\" from "
					+ "property source \"application\") must be at most 365d; the default, 60s, applies")
			.doesNotContain("systemd.memory-pressure.quiet-period '");
	}

	@Test
	void propertiesOfTheStarterAreNotNamed(CapturedOutput output) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("systemd.enabled", "true");
		properties.put("systemd.watchdog.interval", "5s");
		properties.put("systemd.watchdog.health.group", "watchdog");
		properties.put("systemd.socket-activation.warm-up.paths[0]", "/");
		properties.put("systemd.socket-activation.warm-up.paths[1]", "/actuator/health");
		properties.put("systemd.fd-store.enabled", "true");
		properties.put("systemd.startup.stall-timeout", "10s");
		properties.put("systemd.watchdog.triggerAfter", "8s");
		properties.put("systemd.watchdog.health.timeout", "2s");
		properties.put("systemd.send_main_pid", "false");
		properties.put("systemd.logging.journal-format", "prefix");
		properties.put("systemd.socket-activation.warm-up.requests", "3");
		bind(environment(properties));
		assertThat(output).doesNotContain("is not a property");
	}

	@Test
	void environmentVariablesAreNotChecked(CapturedOutput output) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					Map.of("SYSTEMD_EXEC_PID", "42", "SYSTEMD_WATCHDOG_INTERVAL", "5s")));
		ConfigurationPropertySources.attach(environment);
		SystemdProperties properties = bind(environment).properties();
		assertThat(properties.getWatchdog().getInterval()).hasSeconds(5);
		assertThat(output).doesNotContain("is not a property");
	}

	@Test
	void aValueIsReportedOnceForEnvironmentsThatShareItsSource(CapturedOutput output) {
		StandardEnvironment environment = environment(Map.of("systemd.startup.stall-timeout", "abc"));
		bind(environment);
		// as Spring Boot's EnvironmentConverter and Spring Cloud's bootstrap do: another
		// environment object with the same property sources
		StandardEnvironment converted = new StandardEnvironment();
		converted.getPropertySources().forEach((source) -> converted.getPropertySources().remove(source.getName()));
		environment.getPropertySources()
			.stream()
			.filter((source) -> !ConfigurationPropertySources.isAttachedConfigurationPropertySource(source))
			.forEach(converted.getPropertySources()::addLast);
		ConfigurationPropertySources.attach(converted);
		bind(converted);
		String warning = "systemd.startup.stall-timeout 'abc' (\"systemd.startup.stall-timeout\" from property source "
				+ "\"application\") is not a duration";
		assertThat(output).containsOnlyOnce(warning);
		// another application's environment, with sources of its own, is told too
		bind(environment(Map.of("systemd.startup.stall-timeout", "abc")));
		assertThat(output.getOut().split(java.util.regex.Pattern.quote(warning), -1)).hasSize(3);
	}

	private static SystemdPropertiesBinding.Result bind(StandardEnvironment environment) {
		return SystemdPropertiesBinding.bind(environment, LogFactory.getLog(SystemdProperties.class));
	}

	private static StandardEnvironment environment(Map<String, Object> properties) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("application", properties));
		ConfigurationPropertySources.attach(environment);
		return environment;
	}

}
