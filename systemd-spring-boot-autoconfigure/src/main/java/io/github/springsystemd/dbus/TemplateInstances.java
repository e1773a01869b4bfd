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
package io.github.springsystemd.dbus;

import java.util.List;
import java.util.function.Function;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Says at {@code INFO} when other instances of this unit's template are active: for a
 * handover deployment (several instances of {@code orders@.service} on one socket), the
 * log of each instance then tells that it is one of several. One query over a fresh D-Bus
 * connection ({@code ListUnitsByPatterns}), on a daemon thread of its own named
 * {@code systemd-dbus-instances}, so that the caller never waits; failures are logged at
 * {@code DEBUG}. Nothing happens for a unit that is not an instance of a template.
 */
final class TemplateInstances {

	static final String THREAD_NAME = "systemd-dbus-instances";

	private static final Log logger = LogFactory.getLog(TemplateInstances.class);

	private final Function<String, List<String>> activeUnits;

	/**
	 * Create a new {@link TemplateInstances} that asks the system bus at
	 * {@code DBUS_SYSTEM_BUS_ADDRESS}, or at the default address when that is not set.
	 */
	TemplateInstances() {
		this((pattern) -> {
			try {
				return UnitFactsQuery.activeUnits(null, pattern);
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex.getMessage(), ex);
			}
		});
	}

	TemplateInstances(Function<String, List<String>> activeUnits) {
		this.activeUnits = activeUnits;
	}

	/**
	 * Find, in the background, the other active instances of the template of a unit and
	 * name them at {@code INFO}.
	 * @param unit this process's unit, such as {@code orders@b.service}, or {@code null}
	 * @return the thread that looks, or {@code null} when the unit is not an instance of
	 * a template
	 */
	@Nullable Thread reportOthers(@Nullable String unit) {
		String pattern = pattern(unit);
		if (unit == null || pattern == null) {
			return null;
		}
		Thread thread = new Thread(() -> report(unit, pattern), THREAD_NAME);
		thread.setDaemon(true);
		thread.start();
		return thread;
	}

	void report(String unit, String pattern) {
		try {
			List<String> others = this.activeUnits.apply(pattern)
				.stream()
				.filter((name) -> !name.equals(unit))
				.toList();
			if (!others.isEmpty()) {
				logger.info(message(unit, others));
			}
		}
		catch (RuntimeException ex) {
			logger.debug(
					"Could not learn which other instances of " + template(unit) + " are active: " + ex.getMessage());
		}
	}

	static String message(String unit, List<String> others) {
		return ((others.size() == 1) ? "Another instance" : others.size() + " other instances") + " of "
				+ template(unit) + " " + ((others.size() == 1) ? "is" : "are") + " active: " + String.join(", ", others)
				+ " (this is " + unit + ")";
	}

	/**
	 * Return the pattern matching every instance of a unit's template, such as
	 * {@code orders@*.service} for {@code orders@b.service}.
	 * @param unit the unit name, or {@code null}
	 * @return the pattern, or {@code null} when the unit is not an instance of a template
	 */
	static @Nullable String pattern(@Nullable String unit) {
		if (unit == null) {
			return null;
		}
		int at = unit.indexOf('@');
		int dot = unit.lastIndexOf('.');
		if (at <= 0 || dot <= at + 1) {
			return null;
		}
		return escape(unit.substring(0, at)) + "@*" + unit.substring(dot);
	}

	private static String template(String unit) {
		return unit.substring(0, unit.indexOf('@') + 1) + unit.substring(unit.lastIndexOf('.'));
	}

	private static String escape(String prefix) {
		StringBuilder escaped = new StringBuilder();
		for (char c : prefix.toCharArray()) {
			if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
				escaped.append('\\');
			}
			escaped.append(c);
		}
		return escaped.toString();
	}

}
