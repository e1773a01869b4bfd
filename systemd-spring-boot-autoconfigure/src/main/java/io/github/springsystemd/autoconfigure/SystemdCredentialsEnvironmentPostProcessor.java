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

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.apache.commons.logging.Log;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.env.ConfigTreePropertySource;
import org.springframework.boot.env.ConfigTreePropertySource.Option;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;

/**
 * Makes the credentials that systemd passes to the service
 * ({@code $CREDENTIALS_DIRECTORY}, see systemd.exec(5), "Credentials") Spring properties:
 * a credential named {@code spring.datasource.password} sets that property to the file's
 * content, without its trailing newline. The files are read the way Spring Boot reads a
 * {@code configtree:} import ({@link ConfigTreePropertySource}).
 * <p>
 * The property source, named {@value #PROPERTY_SOURCE_NAME}, comes right after the
 * operating system's environment variables: command-line arguments, Java system
 * properties and environment variables override a credential, and a credential overrides
 * the application's own configuration files ({@code application.properties},
 * {@code configtree:} imports and the like). Runs after those files are loaded, so
 * {@code systemd.enabled=false} or {@code systemd.credentials.enabled=false} in them
 * turns it off, and a credential cannot choose profiles or further imports.
 * <p>
 * Credential values are never logged, only their names;
 * {@link CredentialsSanitizingFunction} hides them in the actuator's {@code env} and
 * {@code configprops} endpoints. Off systemd (no {@code $CREDENTIALS_DIRECTORY}) it does
 * nothing.
 *
 * @since 0.1.0
 */
final class SystemdCredentialsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/**
	 * Name of the property source that holds the credentials.
	 */
	static final String PROPERTY_SOURCE_NAME = "systemdCredentials";

	/**
	 * The environment variable that names the directory of the credentials.
	 */
	static final String VARIABLE = "CREDENTIALS_DIRECTORY";

	/**
	 * The order: right after the application's configuration files are loaded.
	 */
	static final int ORDER = ConfigDataEnvironmentPostProcessor.ORDER + 1;

	private final Log logger;

	/**
	 * Where values of {@code systemd.*} that cannot be used are reported: under the
	 * properties' own name, as the context's binding reports them.
	 */
	private final Log propertiesLogger;

	/**
	 * Create a new {@link SystemdCredentialsEnvironmentPostProcessor}.
	 * @param logFactory the factory for the log, which logs once logging is initialized
	 */
	SystemdCredentialsEnvironmentPostProcessor(DeferredLogFactory logFactory) {
		this.logger = logFactory.getLog(SystemdCredentialsEnvironmentPostProcessor.class);
		this.propertiesLogger = logFactory.getLog(SystemdProperties.class);
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String directory = environment.getProperty(VARIABLE);
		if (directory == null || !isEnabled(environment, this.propertiesLogger)) {
			return;
		}
		Path path = directoryOf(directory);
		if (path == null) {
			return;
		}
		ConfigTreePropertySource credentials;
		try {
			credentials = new ConfigTreePropertySource(PROPERTY_SOURCE_NAME, path, Option.AUTO_TRIM_TRAILING_NEW_LINE);
		}
		catch (RuntimeException ex) {
			this.logger.warn("Cannot read the systemd credentials in " + VARIABLE + "=" + directory + " (" + ex
					+ "); they are not used as properties");
			return;
		}
		String[] names = credentials.getPropertyNames();
		if (names.length == 0) {
			this.logger.debug("No systemd credentials in " + VARIABLE + "=" + directory);
			return;
		}
		MutablePropertySources sources = environment.getPropertySources();
		String after = StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME;
		if (sources.contains(after)) {
			sources.addAfter(after, credentials);
		}
		else {
			sources.addFirst(credentials);
		}
		this.logger.info("systemd credentials set " + names.length + ((names.length != 1) ? " properties" : " property")
				+ " (values not shown): " + String.join(", ", names));
	}

	static boolean isEnabled(Environment environment, Log logger) {
		SystemdProperties properties = SystemdPropertiesReader.read(environment, logger).properties();
		return properties.isEnabled() && properties.getCredentials().isEnabled();
	}

	private @Nullable Path directoryOf(String directory) {
		Path path;
		try {
			path = Paths.get(directory);
		}
		catch (RuntimeException ex) {
			path = null;
		}
		if (path == null || !path.isAbsolute()) {
			this.logger.warn(VARIABLE + "='" + directory
					+ "' is not an absolute path; the systemd credentials are not used as properties");
			return null;
		}
		if (!Files.isDirectory(path)) {
			this.logger.warn(VARIABLE + "=" + directory
					+ " is not a directory; the systemd credentials are not used as properties");
			return null;
		}
		return path;
	}

}
