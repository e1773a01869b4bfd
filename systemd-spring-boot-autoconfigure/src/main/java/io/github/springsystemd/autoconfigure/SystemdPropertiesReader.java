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

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;

import org.apache.commons.logging.Log;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.env.RandomValuePropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.PropertySource.StubPropertySource;

/**
 * Reads the {@code systemd.*} properties of an environment for the starter's own readers
 * before the application context exists (its conditions, listeners and environment post
 * processors), binding them again only when what they are bound from changed.
 * <p>
 * Those readers ask one environment a dozen times during a start, and each
 * {@link SystemdPropertiesBinding#bind binding} costs milliseconds in a JVM that has just
 * started. The last binding of each environment is kept, weakly, with what it was bound
 * from: the environment's property sources, by identity, and the value each of them holds
 * for each name under {@code systemd}, as binding sees the names (relaxed, in brackets,
 * under an environment prefix) and with placeholders resolved, so that a placeholder's
 * target counts too. Where a property source cannot list its names (other than Spring's
 * stubs and {@code random.*}), every read binds.
 * <p>
 * The properties returned are shared between readers: they must not be changed.
 */
final class SystemdPropertiesReader {

	/**
	 * The last binding of each environment. Guarded by itself.
	 */
	private static final Map<Environment, Bound> lastBound = new WeakHashMap<>();

	private SystemdPropertiesReader() {
	}

	/**
	 * Return the {@code systemd.*} properties of an environment, bound as
	 * {@link SystemdPropertiesBinding#bind(Environment, Log)} binds them.
	 * @param environment the environment
	 * @param log where to report values that cannot be used, when this read binds
	 * @return the properties and the messages on values that could not be used
	 */
	static SystemdPropertiesBinding.Result read(Environment environment, Log log) {
		Source source = Source.of(environment);
		if (source == null) {
			return SystemdPropertiesBinding.bind(environment, log);
		}
		synchronized (lastBound) {
			Bound bound = lastBound.get(environment);
			if (bound != null && bound.source().isSame(source)) {
				return bound.result();
			}
		}
		SystemdPropertiesBinding.Result result = SystemdPropertiesBinding.bind(environment, log);
		synchronized (lastBound) {
			lastBound.put(environment, new Bound(source, result));
		}
		return result;
	}

	private record Bound(Source source, SystemdPropertiesBinding.Result result) {

	}

	/**
	 * What a binding is bound from: the property sources, in order, and the value of each
	 * name under {@code systemd} that they hold, by source, as binding sees the names
	 * (relaxed, in brackets, under an environment prefix) and with placeholders resolved.
	 */
	private record Source(List<PropertySource<?>> sources, Map<String, @Nullable Object> values) {

		static @Nullable Source of(Environment environment) {
			if (!(environment instanceof ConfigurableEnvironment configurable)) {
				return null;
			}
			List<PropertySource<?>> sources = new ArrayList<>();
			configurable.getPropertySources().forEach(sources::add);
			Map<String, @Nullable Object> values = new HashMap<>();
			int index = 0;
			for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
				index++;
				Object underlying = source.getUnderlyingSource();
				if (underlying instanceof StubPropertySource || underlying instanceof RandomValuePropertySource) {
					continue;
				}
				if (!(source instanceof IterableConfigurationPropertySource iterable)) {
					return null;
				}
				for (ConfigurationPropertyName name : iterable.stream()
					.filter(SystemdPropertiesBinding.PREFIX::isAncestorOf)
					.toList()) {
					values.put(index + ":" + name, valueOf(environment, source.getConfigurationProperty(name)));
				}
			}
			return new Source(sources, values);
		}

		private static @Nullable Object valueOf(Environment environment, @Nullable ConfigurationProperty property) {
			Object value = (property != null) ? property.getValue() : null;
			return (value instanceof String text) ? environment.resolvePlaceholders(text) : value;
		}

		boolean isSame(Source other) {
			if (this.sources.size() != other.sources.size()) {
				return false;
			}
			for (int i = 0; i < this.sources.size(); i++) {
				if (this.sources.get(i) != other.sources.get(i)) {
					return false;
				}
			}
			return Objects.equals(this.values, other.values);
		}

	}

}
