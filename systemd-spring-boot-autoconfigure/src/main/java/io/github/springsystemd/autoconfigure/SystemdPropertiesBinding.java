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

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Bindable.BindRestriction;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.util.ClassUtils;

import io.github.springsystemd.activation.FileDescriptorStore;
import io.github.springsystemd.support.DurationText;

/**
 * The one reading of the {@code systemd.*} properties, shared by the readers that run
 * before the application context exists, by {@link ConditionalOnSystemd} and by the
 * binding of the {@link SystemdProperties} bean. Values are converted as Spring Boot
 * converts them everywhere ({@code true}/{@code false}, {@code yes}/{@code no},
 * {@code on}/{@code off}, {@code 1}/{@code 0} for booleans; relaxed names, so
 * {@code SYSTEMD_ENABLED} sets {@code systemd.enabled}).
 * <p>
 * A value that cannot be used never stops the application: one that cannot be converted
 * ({@code systemd.enabled=sometimes}, {@code systemd.watchdog.interval=abc}) or that
 * breaks a rule of {@link SystemdPropertiesValidation}
 * ({@code systemd.watchdog.interval=0}, below its minimum) is reported once per
 * environment, with a WARN naming the property, the value, where it was set and the
 * default, and the default applies.
 * <p>
 * {@code systemd.fd-store.enabled} ({@code auto}, {@code true} or {@code false}), which
 * {@code systemd.fd-store.mode} replaces, still applies where the mode is not set:
 * {@code true} as {@code always}, {@code false} as {@code never}. It is reported once per
 * environment, with a WARN naming the value and the property to set instead.
 * <p>
 * A name under {@code systemd.} that is not a property of the starter (a typo such as
 * {@code systemd.watchdog.intervall}) is reported once per environment, with a WARN
 * naming it and where it was set, and is ignored. Environment variables are not checked:
 * systemd and its tools use names such as {@code SYSTEMD_EXEC_PID} for their own.
 */
final class SystemdPropertiesBinding {

	static final ConfigurationPropertyName PREFIX = ConfigurationPropertyName.of("systemd");

	private static final ConfigurationPropertyName FD_STORE_MODE = ConfigurationPropertyName
		.of("systemd.fd-store.mode");

	private static final ConfigurationPropertyName FD_STORE_ENABLED = ConfigurationPropertyName
		.of("systemd.fd-store.enabled");

	private static final Log logger = LogFactory.getLog(SystemdProperties.class);

	/**
	 * The values Spring converts to a boolean.
	 */
	private static final Set<String> BOOLEAN_WORDS = Set.of("true", "false", "yes", "no", "on", "off", "1", "0");

	/**
	 * The warnings logged, by the property source objects of the environment they were
	 * logged for, held weakly. Guarded by itself.
	 */
	private static final List<Reported> reported = new ArrayList<>();

	private SystemdPropertiesBinding() {
	}

	/**
	 * Bind the {@code systemd.*} properties of an environment before the application
	 * context exists. Values that cannot be used leave their default in place.
	 * @param environment the environment
	 * @param log where to report values that cannot be used and deprecated properties
	 * @return the properties and the messages on values that could not be used
	 */
	static Result bind(Environment environment, Log log) {
		List<String> invalid = new ArrayList<>();
		List<String> deprecated = new ArrayList<>();
		Handler handler = new Handler(invalid::add, deprecated::add);
		SystemdProperties properties = Binder.get(environment)
			.bindOrCreate(PREFIX,
					Bindable.of(SystemdProperties.class).withBindRestrictions(BindRestriction.NO_DIRECT_PROPERTY),
					handler);
		report(environment, invalid, log);
		report(environment, deprecated, log);
		report(environment, unknownNames(environment, handler), log);
		return new Result(properties, List.copyOf(invalid));
	}

	/**
	 * Return a warning for each name under {@code systemd.} in the environment's property
	 * sources, environment variables aside, that binding did not look for.
	 */
	private static List<String> unknownNames(Environment environment, Handler handler) {
		List<String> unknown = new ArrayList<>();
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (!(source instanceof IterableConfigurationPropertySource iterable)
					|| source.getUnderlyingSource() instanceof SystemEnvironmentPropertySource) {
				continue;
			}
			iterable.stream().filter((name) -> PREFIX.isAncestorOf(name) && !handler.isKnown(name)).forEach((name) -> {
				ConfigurationProperty property = source.getConfigurationProperty(name);
				Object value = (property != null) ? property.getValue() : null;
				unknown.add(name + " '" + value + "'" + Handler.origin(property) + " is not a property of the "
						+ "systemd starter and is ignored; its properties are listed in the configuration metadata "
						+ "and the README");
			});
		}
		return unknown;
	}

	/**
	 * Return a {@link BindHandler} that lets a value that cannot be used keep its
	 * default, applies deprecated properties, and reports either once for the
	 * environment.
	 * @param parent the handler to delegate to
	 * @param environment the environment the properties come from
	 * @return the handler
	 */
	static BindHandler invalidValuesKeepDefaults(BindHandler parent, Environment environment) {
		Consumer<String> report = (message) -> report(environment, List.of(message), logger);
		return new Handler(parent, report, report);
	}

	private static void report(Environment environment, List<String> messages, Log log) {
		for (String message : messages) {
			warnOnce(environment, log, message);
		}
	}

	/**
	 * Log a warning unless the same warning was logged already for the environment, or
	 * for another one that shares a property source with it: several readers, or the two
	 * phases of a condition, read one value, and the same sources reach other
	 * environments when Spring Boot converts the environment for the web application type
	 * or Spring Cloud's bootstrap application copies them.
	 * @param environment the environment the value comes from
	 * @param log the log
	 * @param message the warning
	 */
	static void warnOnce(Environment environment, Log log, String message) {
		List<PropertySource<?>> sources = sources(environment);
		synchronized (reported) {
			reported.removeIf((entry) -> entry.source().get() == null);
			for (Reported entry : reported) {
				if (entry.messages().contains(message) && containsSame(sources, entry.source().get())) {
					return;
				}
			}
			for (PropertySource<?> source : sources) {
				Reported entry = reported.stream()
					.filter((candidate) -> candidate.source().get() == source)
					.findFirst()
					.orElseGet(() -> {
						Reported added = new Reported(new WeakReference<>(source), new HashSet<>());
						reported.add(added);
						return added;
					});
				entry.messages().add(message);
			}
		}
		log.warn(message);
	}

	/**
	 * Return where a property of the environment is set, as the warnings on values say
	 * it: {@code  ("systemd.watchdog.interval" from property source "commandLineArgs")},
	 * with a leading space, or nothing when the environment does not tell.
	 * @param environment the environment
	 * @param name the property, such as {@code systemd.watchdog.interval}
	 * @return where it is set, or an empty string
	 */
	static String origin(Environment environment, String name) {
		ConfigurationPropertyName propertyName = ConfigurationPropertyName.of(name);
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			ConfigurationProperty property = source.getConfigurationProperty(propertyName);
			if (property != null) {
				return Handler.origin(property);
			}
		}
		return "";
	}

	/**
	 * The property sources that identify an environment: all of them but the view that
	 * Spring Boot attaches to each environment anew.
	 */
	private static List<PropertySource<?>> sources(Environment environment) {
		List<PropertySource<?>> sources = new ArrayList<>();
		if (environment instanceof ConfigurableEnvironment configurable) {
			for (PropertySource<?> source : configurable.getPropertySources()) {
				if (!ConfigurationPropertySources.isAttachedConfigurationPropertySource(source)) {
					sources.add(source);
				}
			}
		}
		return sources;
	}

	private static boolean containsSame(List<PropertySource<?>> sources, @Nullable PropertySource<?> source) {
		for (PropertySource<?> candidate : sources) {
			if (candidate == source) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The warnings logged for a property source.
	 *
	 * @param source the property source, held weakly
	 * @param messages the warnings
	 */
	private record Reported(WeakReference<PropertySource<?>> source, Set<String> messages) {

	}

	/**
	 * The bound properties and the messages on values that could not be used.
	 *
	 * @param properties the properties
	 * @param invalid the messages, empty when every value could be used
	 */
	record Result(SystemdProperties properties, List<String> invalid) {

	}

	private static final class Handler extends AbstractBindHandler {

		private final Consumer<String> invalid;

		private final Consumer<String> deprecated;

		private final Set<ConfigurationPropertyName> lookedFor = new HashSet<>();

		private final Set<ConfigurationPropertyName> containers = new HashSet<>();

		Handler(Consumer<String> invalid, Consumer<String> deprecated) {
			this.invalid = invalid;
			this.deprecated = deprecated;
		}

		Handler(BindHandler parent, Consumer<String> invalid, Consumer<String> deprecated) {
			super(parent);
			this.invalid = invalid;
			this.deprecated = deprecated;
		}

		@Override
		public <T> @Nullable Bindable<T> onStart(ConfigurationPropertyName name, Bindable<T> target,
				BindContext context) {
			this.lookedFor.add(name);
			Class<?> type = target.getType().resolve(Object.class);
			if (Collection.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type) || type.isArray()) {
				this.containers.add(name);
			}
			boolean group = type.getName().startsWith(SystemdProperties.class.getName() + "$");
			if (group || name.equals(PREFIX)) {
				checkNoValue(name, type, context);
			}
			if (group) {
				// a group such as systemd.watchdog: a value of its own is not converted,
				// as for systemd itself
				return super.onStart(name, target.withBindRestrictions(BindRestriction.NO_DIRECT_PROPERTY), context);
			}
			return super.onStart(name, target, context);
		}

		/**
		 * Name a value set on {@code systemd} or one of its groups, which is ignored: an
		 * empty one is what YAML makes of a group whose keys are all commented out, and
		 * environment variables are not checked.
		 */
		private void checkNoValue(ConfigurationPropertyName name, Class<?> group, BindContext context) {
			for (ConfigurationPropertySource source : context.getSources()) {
				ConfigurationProperty property = source.getConfigurationProperty(name);
				if (property != null) {
					if (!(source.getUnderlyingSource() instanceof SystemEnvironmentPropertySource)
							&& !String.valueOf(property.getValue()).isBlank()) {
						this.invalid.accept(name + " '" + property.getValue() + "'" + origin(property)
								+ " is a group of properties, not a property; it is ignored. "
								+ propertyToSet(name, group, property.getValue()));
					}
					return;
				}
			}
		}

		/**
		 * Return what to set instead of a value on a group: its switch, when it has one.
		 */
		private static String propertyToSet(ConfigurationPropertyName name, Class<?> group, @Nullable Object value) {
			if (ClassUtils.hasMethod(group, "isEnabled") && value != null
					&& BOOLEAN_WORDS.contains(value.toString().trim().toLowerCase(Locale.ROOT))) {
				return "Set " + name.append("enabled") + "=" + value + " instead, or another property under " + name;
			}
			return "Set a property under " + name + " instead, such as one listed in the configuration metadata";
		}

		/**
		 * Return whether binding looked for a property of this name, or for a list, map
		 * or array it is an element of.
		 */
		boolean isKnown(ConfigurationPropertyName name) {
			return this.lookedFor.contains(name) || name.equals(FD_STORE_ENABLED)
					|| this.containers.stream().anyMatch((container) -> container.isAncestorOf(name));
		}

		@Override
		public @Nullable Object onFailure(ConfigurationPropertyName name, Bindable<?> target, BindContext context,
				Exception error) throws Exception {
			if (!PREFIX.isAncestorOf(name)) {
				return super.onFailure(name, target, context, error);
			}
			Class<?> type = target.getType().resolve(Object.class);
			this.invalid.accept(message(name, target, context.getConfigurationProperty(), type));
			return null;
		}

		@Override
		public void onFinish(ConfigurationPropertyName name, Bindable<?> target, BindContext context,
				@Nullable Object result) throws Exception {
			if (name.equals(PREFIX)) {
				Supplier<?> existing = target.getValue();
				Object bound = (result != null || existing == null) ? result : existing.get();
				if (bound instanceof SystemdProperties properties) {
					applyFdStoreEnabled(context, properties.getFdStore());
					SystemdPropertiesValidation.apply(properties, (property) -> find(context, property))
						.forEach(this.invalid);
				}
			}
			super.onFinish(name, target, context, result);
		}

		/**
		 * Apply the deprecated {@code systemd.fd-store.enabled} as
		 * {@code systemd.fd-store.mode} when the mode is not set, and say so.
		 */
		private void applyFdStoreEnabled(BindContext context, SystemdProperties.FdStore fdStore) {
			ConfigurationProperty enabled = find(context, FD_STORE_ENABLED);
			if (enabled == null) {
				return;
			}
			String value = context.getBinder()
				.bind(FD_STORE_ENABLED, Bindable.of(String.class))
				.orElse(String.valueOf(enabled.getValue()));
			String warning = FD_STORE_ENABLED + " '" + value + "'" + origin(enabled) + " is deprecated";
			if (find(context, FD_STORE_MODE) != null) {
				this.deprecated.accept(warning + " and ignored, as " + FD_STORE_MODE + " is set; remove it");
				return;
			}
			FileDescriptorStore.Mode mode = switch (value.trim().toLowerCase(Locale.ROOT)) {
				case "auto" -> FileDescriptorStore.Mode.AUTO;
				case "true" -> FileDescriptorStore.Mode.ALWAYS;
				case "false" -> FileDescriptorStore.Mode.NEVER;
				default -> null;
			};
			if (mode == null) {
				this.deprecated
					.accept(warning + " and not one of auto, true, false; the default, " + text(fdStore.getMode())
							+ ", applies. Set " + FD_STORE_MODE + " to auto, always or never instead");
				return;
			}
			fdStore.setMode(mode);
			this.deprecated
				.accept(warning + " and applies as " + FD_STORE_MODE + "=" + text(mode) + "; set that instead");
		}

		private static @Nullable ConfigurationProperty find(BindContext context, ConfigurationPropertyName name) {
			for (ConfigurationPropertySource source : context.getSources()) {
				ConfigurationProperty property = source.getConfigurationProperty(name);
				if (property != null) {
					return property;
				}
			}
			return null;
		}

		private static String message(ConfigurationPropertyName name, Bindable<?> target,
				@Nullable ConfigurationProperty property, Class<?> type) {
			Object value = (property != null) ? property.getValue() : null;
			Object defaultValue = (target.getValue() != null) ? target.getValue().get() : null;
			String defaultText = (defaultValue != null) ? text(defaultValue)
					: SystemdPropertiesValidation.computedDefault(name);
			return name + " '" + value + "'" + origin(property) + " is not " + expected(type) + "; the default"
					+ ((defaultText != null) ? ", " + defaultText + "," : "") + " applies";
		}

		private static String origin(@Nullable ConfigurationProperty property) {
			return (property != null && property.getOrigin() != null) ? " (" + property.getOrigin() + ")" : "";
		}

		private static String expected(Class<?> type) {
			if (type == boolean.class || type == Boolean.class) {
				return "a boolean (true/false, yes/no, on/off, 1/0)";
			}
			if (type == Duration.class) {
				return "a duration (such as 10s, 500ms or 2m; a bare number is seconds)";
			}
			if (type == int.class || type == Integer.class) {
				return "a whole number from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE;
			}
			if (type == long.class || type == Long.class) {
				return "a whole number from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE;
			}
			if (!type.isEnum()) {
				return "a value of type " + type.getSimpleName();
			}
			return "one of " + Arrays.stream(type.getEnumConstants())
				.map(SystemdPropertiesBinding.Handler::text)
				.collect(Collectors.joining(", "));
		}

		private static String text(Object value) {
			if (value instanceof Duration duration) {
				return String.valueOf(DurationText.of(duration));
			}
			return (value instanceof Enum<?> constant) ? constant.name().toLowerCase(Locale.ROOT).replace('_', '-')
					: String.valueOf(value);
		}

	}

}
