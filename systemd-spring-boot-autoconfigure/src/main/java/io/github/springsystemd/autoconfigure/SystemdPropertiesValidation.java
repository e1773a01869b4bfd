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

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;

import io.github.springsystemd.activation.FileDescriptorStore;
import io.github.springsystemd.memory.MemoryPressureWatcher;
import io.github.springsystemd.support.DurationText;

/**
 * The checks of {@code systemd.*} values that bind but cannot be used: a duration below
 * its minimum, a negative count, a warm-up path that is not a URI path, a stored socket
 * name systemd does not take. A value that fails is replaced by its default and a warning
 * names the property, the value as written, where it was set, the rule and the default
 * that applies, so that a mistake in a setting of the starter never stops the
 * application.
 */
final class SystemdPropertiesValidation {

	private static final String DEFAULT_INTERVAL = "half of WatchdogSec=";

	private static final String DEFAULT_TRIGGER_AFTER = "WatchdogSec=";

	private static final String DEFAULT_HEALTH_TIMEOUT = "half of the watchdog interval (less if WatchdogSec= needs it)";

	/**
	 * What applies, by property under {@code systemd.}, where the default is not a value
	 * but follows from the service manager's settings.
	 */
	private static final Map<String, String> COMPUTED_DEFAULTS = Map.of("watchdog.interval", DEFAULT_INTERVAL,
			"watchdog.trigger-after", DEFAULT_TRIGGER_AFTER, "watchdog.health.timeout", DEFAULT_HEALTH_TIMEOUT);

	private final Function<ConfigurationPropertyName, @Nullable ConfigurationProperty> find;

	private final List<String> warnings = new ArrayList<>();

	private SystemdPropertiesValidation(Function<ConfigurationPropertyName, @Nullable ConfigurationProperty> find) {
		this.find = find;
	}

	/**
	 * Replace every value of the properties that cannot be used by its default.
	 * @param properties the bound properties, changed in place
	 * @param find where a property's value and origin are read from, for the warning
	 * @return a warning for each value replaced, empty when every value can be used
	 */
	static List<String> apply(SystemdProperties properties,
			Function<ConfigurationPropertyName, @Nullable ConfigurationProperty> find) {
		SystemdPropertiesValidation validation = new SystemdPropertiesValidation(find);
		validation.check(properties);
		return List.copyOf(validation.warnings);
	}

	/**
	 * Return what applies for a property whose default follows from the service manager's
	 * settings, such as {@code half of WatchdogSec=}.
	 * @param name the property
	 * @return what applies, or {@code null} when the default is a value
	 */
	static @Nullable String computedDefault(ConfigurationPropertyName name) {
		String property = name.toString();
		return property.startsWith("systemd.") ? COMPUTED_DEFAULTS.get(property.substring("systemd.".length())) : null;
	}

	private void check(SystemdProperties properties) {
		SystemdProperties.Watchdog watchdog = properties.getWatchdog();
		atLeast("watchdog.interval", watchdog.getInterval(), SystemdProperties.MIN_WATCHDOG_INTERVAL, DEFAULT_INTERVAL,
				watchdog::setInterval);
		atLeast("watchdog.trigger-after", watchdog.getTriggerAfter(), SystemdProperties.MIN_TRIGGER_AFTER,
				DEFAULT_TRIGGER_AFTER, watchdog::setTriggerAfter);
		atLeast("watchdog.health.timeout", watchdog.getHealth().getTimeout(), SystemdProperties.MIN_HEALTH_TIMEOUT,
				DEFAULT_HEALTH_TIMEOUT, watchdog.getHealth()::setTimeout);
		SystemdProperties defaults = new SystemdProperties();
		String group = watchdog.getHealth().getGroup();
		if (group == null || group.isBlank()) {
			String defaultGroup = defaults.getWatchdog().getHealth().getGroup();
			replace("watchdog.health.group", group, "must name a health group", defaultGroup);
			watchdog.getHealth().setGroup(defaultGroup);
		}
		atLeast("startup.stall-timeout", properties.getStartup().getStallTimeout(), SystemdProperties.MIN_STALL_TIMEOUT,
				defaults.getStartup().getStallTimeout(), properties.getStartup()::setStallTimeout);
		atLeast("shutdown.stall-timeout", properties.getShutdown().getStallTimeout(),
				SystemdProperties.MIN_STALL_TIMEOUT, defaults.getShutdown().getStallTimeout(),
				properties.getShutdown()::setStallTimeout);
		atLeast("memory-pressure.quiet-period", properties.getMemoryPressure().getQuietPeriod(),
				MemoryPressureWatcher.MIN_QUIET_PERIOD, defaults.getMemoryPressure().getQuietPeriod(),
				properties.getMemoryPressure()::setQuietPeriod);
		checkWarmUp(properties.getSocketActivation().getWarmUp(), defaults.getSocketActivation().getWarmUp());
		checkFdNames(properties, defaults);
	}

	private void checkWarmUp(SystemdProperties.SocketActivation.WarmUp warmUp,
			SystemdProperties.SocketActivation.WarmUp defaults) {
		atLeast("socket-activation.warm-up.timeout", warmUp.getTimeout(), SystemdProperties.MIN_WARM_UP_TIMEOUT,
				defaults.getTimeout(), warmUp::setTimeout);
		if (warmUp.getRequests() < 0) {
			replace("socket-activation.warm-up.requests", warmUp.getRequests(), "must be 0 or more",
					String.valueOf(defaults.getRequests()));
			warmUp.setRequests(defaults.getRequests());
		}
		for (String path : warmUp.getPaths()) {
			String rule = (path == null || !path.startsWith("/")) ? "each must start with '/' ('" + path + "' does not)"
					: !isValidPath(path) ? "each must be a valid URI path, with spaces and other reserved characters "
							+ "percent-encoded ('" + path + "' is not)" : null;
			if (rule != null) {
				replace("socket-activation.warm-up.paths", String.join(",", warmUp.getPaths()), rule,
						String.join(",", defaults.getPaths()));
				warmUp.setPaths(new ArrayList<>(defaults.getPaths()));
				return;
			}
		}
	}

	/**
	 * Check the names of passed sockets: the one the web server serves on, which could
	 * otherwise name no socket systemd passes, and the two the starter stores sockets
	 * under: names systemd takes for {@code FDNAME=} ({@code sd_pid_notify_with_fds(3)}),
	 * which would otherwise store the socket as {@code stored} so that the next start
	 * does not find it by its name, and different from each other unless nothing is
	 * stored.
	 */
	private void checkFdNames(SystemdProperties properties, SystemdProperties defaults) {
		SystemdProperties.FdStore fdStore = properties.getFdStore();
		SystemdProperties.SocketActivation activation = properties.getSocketActivation();
		String characters = "must be 1 to " + SystemdProperties.MAX_FD_NAME_LENGTH
				+ " printable ASCII characters other than ':', as systemd takes for ";
		String rule = characters + "FDNAME=";
		if (!isFdName(fdStore.getFdName())) {
			replace("fd-store.fd-name", fdStore.getFdName(), rule, defaults.getFdStore().getFdName());
			fdStore.setFdName(defaults.getFdStore().getFdName());
		}
		String served = activation.getFdName();
		if (served != null && !isFdName(served)) {
			replace("socket-activation.fd-name", served, characters + "FileDescriptorName=",
					"none (the socket stored under systemd.fd-store.fd-name, or else the only one passed)");
			activation.setFdName(null);
		}
		if (!isFdName(activation.getManagementFdName())) {
			replace("socket-activation.management-fd-name", activation.getManagementFdName(), rule,
					defaults.getSocketActivation().getManagementFdName());
			activation.setManagementFdName(defaults.getSocketActivation().getManagementFdName());
		}
		if (fdStore.getMode() != FileDescriptorStore.Mode.NEVER
				&& fdStore.getFdName().equals(activation.getManagementFdName())) {
			boolean storedNameSet = this.find.apply(name("fd-store.fd-name")) != null;
			// the one set by hand goes back to its default, unless that default is the
			// clash
			storedNameSet = storedNameSet
					&& !defaults.getFdStore().getFdName().equals(activation.getManagementFdName());
			String property = storedNameSet ? "fd-store.fd-name" : "socket-activation.management-fd-name";
			String other = storedNameSet ? "socket-activation.management-fd-name" : "fd-store.fd-name";
			String defaultName = storedNameSet ? defaults.getFdStore().getFdName()
					: defaults.getSocketActivation().getManagementFdName();
			String whose = storedNameSet ? "the name of the management server's socket"
					: "the name of the web server's stored socket";
			replace(property, fdStore.getFdName(), "must differ from systemd." + other + " ('" + fdStore.getFdName()
					+ "'), " + whose + ", unless systemd.fd-store.mode is never", defaultName);
			if (storedNameSet) {
				fdStore.setFdName(defaultName);
			}
			else {
				activation.setManagementFdName(defaultName);
			}
		}
	}

	private static boolean isFdName(String name) {
		return !name.isEmpty() && name.length() <= SystemdProperties.MAX_FD_NAME_LENGTH
				&& name.chars().allMatch((c) -> c >= 0x20 && c < 0x7f && c != ':');
	}

	private static boolean isValidPath(String path) {
		try {
			URI.create("http://127.0.0.1" + path);
			return true;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private void atLeast(String property, @Nullable Duration value, Duration minimum, Duration defaultValue,
			Consumer<Duration> reset) {
		if (!isInRange(property, value, minimum, DurationText.of(defaultValue))) {
			reset.accept(defaultValue);
		}
	}

	private void atLeast(String property, @Nullable Duration value, Duration minimum, String defaultValue,
			Consumer<@Nullable Duration> reset) {
		if (!isInRange(property, value, minimum, defaultValue)) {
			reset.accept(null);
		}
	}

	/**
	 * Return whether a duration is unset or from the minimum to
	 * {@link SystemdProperties#MAX_DURATION}, and warn when it is not.
	 */
	private boolean isInRange(String property, @Nullable Duration value, Duration minimum,
			@Nullable String defaultValue) {
		if (value == null || (value.compareTo(minimum) >= 0 && value.compareTo(SystemdProperties.MAX_DURATION) <= 0)) {
			return true;
		}
		String rule = (value.compareTo(minimum) < 0) ? "must be at least " + DurationText.of(minimum)
				: "must be at most " + SystemdProperties.MAX_DURATION.toDays() + "d";
		replace(property, DurationText.of(value), rule, defaultValue);
		return false;
	}

	private void replace(String property, @Nullable Object bound, String rule, @Nullable String defaultValue) {
		ConfigurationPropertyName name = name(property);
		ConfigurationProperty written = this.find.apply(name);
		Object value = (written != null) ? written.getValue() : bound;
		String origin = (written != null && written.getOrigin() != null) ? " (" + written.getOrigin() + ")" : "";
		this.warnings
			.add(name + " '" + value + "'" + origin + " " + rule + "; the default, " + defaultValue + ", applies");
	}

	private static ConfigurationPropertyName name(String property) {
		return ConfigurationPropertyName.of("systemd." + property);
	}

}
