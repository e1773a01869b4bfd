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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.DeferredLogs;
import org.springframework.boot.origin.OriginLookup;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SystemdCredentialsEnvironmentPostProcessor}, with credential files in
 * a real directory.
 */
@ExtendWith(OutputCaptureExtension.class)
class SystemdCredentialsEnvironmentPostProcessorTests {

	private static final String SECRET = "s3cr3t-Pa55word";

	private final DeferredLogs logs = new DeferredLogs();

	private final SystemdCredentialsEnvironmentPostProcessor postProcessor = new SystemdCredentialsEnvironmentPostProcessor(
			this.logs);

	@TempDir
	Path credentials;

	@Test
	void credentialBecomesThePropertyOfItsName() throws IOException {
		credential("spring.datasource.password", SECRET + "\n");
		credential("spring.datasource.username", "orders");
		StandardEnvironment environment = environment(this.credentials.toString());
		postProcess(environment);
		assertThat(environment.getProperty("spring.datasource.password")).isEqualTo(SECRET);
		assertThat(environment.getProperty("spring.datasource.username")).isEqualTo("orders");
		assertThat(Binder.get(environment).bind("spring.datasource.password", String.class).get()).isEqualTo(SECRET);
		PropertySource<?> source = environment.getPropertySources()
			.get(SystemdCredentialsEnvironmentPostProcessor.PROPERTY_SOURCE_NAME);
		assertThat(source).isNotNull();
		assertThat(((OriginLookup<String>) source).getOrigin("spring.datasource.password")).asString()
			.startsWith("file [" + this.credentials.resolve("spring.datasource.password") + "]");
	}

	@Test
	void comesAfterTheEnvironmentVariablesAndBeforeTheApplicationsConfiguration() throws IOException {
		credential("orders.name", "from-credential");
		credential("orders.region", "from-credential");
		StandardEnvironment environment = environment(this.credentials.toString(), "ORDERS_NAME", "from-environment");
		environment.getPropertySources()
			.addLast(new MapPropertySource("Config resource 'class path resource [application.properties]'",
					Map.of("orders.name", "from-file", "orders.region", "from-file", "orders.zone", "from-file")));
		postProcess(environment);
		assertThat(names(environment)).containsExactly(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME,
				StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
				SystemdCredentialsEnvironmentPostProcessor.PROPERTY_SOURCE_NAME,
				"Config resource 'class path resource [application.properties]'");
		assertThat(environment.getProperty("orders.name")).isEqualTo("from-environment");
		assertThat(environment.getProperty("orders.region")).isEqualTo("from-credential");
		assertThat(environment.getProperty("orders.zone")).isEqualTo("from-file");
	}

	@Test
	void namesButNeverValuesAreLogged(CapturedOutput output) throws IOException {
		credential("spring.datasource.password", SECRET);
		StandardEnvironment environment = environment(this.credentials.toString());
		postProcess(environment);
		this.logs.switchOverAll();
		assertThat(output)
			.contains("systemd credentials set 1 property (values not shown): spring.datasource.password");
		assertThat(output).doesNotContain(SECRET);
	}

	@Test
	void withoutTheVariableNothingIsAddedOrLogged(CapturedOutput output) {
		StandardEnvironment environment = environment(null);
		List<String> before = names(environment);
		postProcess(environment);
		this.logs.switchOverAll();
		assertThat(names(environment)).isEqualTo(before);
		assertThat(output).doesNotContain("credential");
	}

	@Test
	void anEmptyDirectoryAddsNothing() {
		StandardEnvironment environment = environment(this.credentials.toString());
		postProcess(environment);
		assertThat(environment.getPropertySources()
			.contains(SystemdCredentialsEnvironmentPostProcessor.PROPERTY_SOURCE_NAME)).isFalse();
	}

	@Test
	void canBeTurnedOff() throws IOException {
		credential("orders.region", "from-credential");
		StandardEnvironment environment = environment(this.credentials.toString(), "SYSTEMD_CREDENTIALS_ENABLED",
				"false");
		postProcess(environment);
		assertThat(environment.containsProperty("orders.region")).isFalse();
	}

	@Test
	void isOffWhenSystemdIntegrationIs() throws IOException {
		credential("orders.region", "from-credential");
		StandardEnvironment environment = environment(this.credentials.toString(), "SYSTEMD_ENABLED", "false");
		postProcess(environment);
		assertThat(environment.containsProperty("orders.region")).isFalse();
	}

	@Test
	void aDirectoryThatDoesNotExistIsNamedAndIgnored(CapturedOutput output) {
		Path missing = this.credentials.resolve("missing");
		StandardEnvironment environment = environment(missing.toString());
		postProcess(environment);
		this.logs.switchOverAll();
		assertThat(environment.getPropertySources()
			.contains(SystemdCredentialsEnvironmentPostProcessor.PROPERTY_SOURCE_NAME)).isFalse();
		assertThat(output).contains("CREDENTIALS_DIRECTORY=" + missing + " is not a directory");
	}

	@Test
	void aRelativePathIsNamedAndIgnored(CapturedOutput output) {
		StandardEnvironment environment = environment("run/credentials/orders.service");
		postProcess(environment);
		this.logs.switchOverAll();
		assertThat(output).contains("CREDENTIALS_DIRECTORY='run/credentials/orders.service' is not an absolute path");
	}

	@Test
	void hiddenFilesAreNotCredentials() throws IOException {
		credential("..data", "x");
		credential("orders.region", "from-credential");
		StandardEnvironment environment = environment(this.credentials.toString());
		postProcess(environment);
		assertThat(((EnumerablePropertySource<?>) environment.getPropertySources()
			.get(SystemdCredentialsEnvironmentPostProcessor.PROPERTY_SOURCE_NAME)).getPropertyNames())
			.containsExactly("orders.region");
	}

	@Test
	void runsAfterTheApplicationsConfigurationIsLoaded() {
		assertThat(this.postProcessor.getOrder()).isGreaterThan(ConfigDataEnvironmentPostProcessor.ORDER);
	}

	private void credential(String name, String content) throws IOException {
		Files.writeString(this.credentials.resolve(name), content);
	}

	private void postProcess(StandardEnvironment environment) {
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
	}

	private static List<String> names(StandardEnvironment environment) {
		return environment.getPropertySources().stream().map(PropertySource::getName).toList();
	}

	private static StandardEnvironment environment(String directory, String... variables) {
		StandardEnvironment environment = new StandardEnvironment();
		Map<String, Object> environmentVariables = new HashMap<>();
		if (directory != null) {
			environmentVariables.put(SystemdCredentialsEnvironmentPostProcessor.VARIABLE, directory);
		}
		for (int i = 0; i < variables.length; i += 2) {
			environmentVariables.put(variables[i], variables[i + 1]);
		}
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environmentVariables));
		return environment;
	}

}
