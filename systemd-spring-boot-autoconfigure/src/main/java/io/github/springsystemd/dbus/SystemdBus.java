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

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import io.github.springsystemd.unit.UnitFactsSource;

/**
 * What the starter asks the service manager over the system bus
 * ({@code org.freedesktop.systemd1}, see {@code org.freedesktop.systemd1(5)}), through
 * dbus-java: the facts about this process's unit, and the other active instances of its
 * template. The bus is the one at {@code DBUS_SYSTEM_BUS_ADDRESS}, or at the default
 * address when that is not set. Needs dbus-java on the class path (the starter brings
 * it).
 *
 * @since 0.1.0
 */
public final class SystemdBus {

	private SystemdBus() {
	}

	/**
	 * Return a source of facts about the unit of a process that reads them over the
	 * system bus, one bounded read at a time, each on a daemon thread named
	 * {@code systemd-dbus}. Reads never throw: a missing bus, a denied call or no answer
	 * within the timeout give empty facts.
	 * @param timeout how long a read, connecting included, may take; positive
	 * @return the source
	 * @throws IllegalArgumentException when the timeout is not positive
	 */
	public static UnitFactsSource unitFacts(Duration timeout) {
		return new SystemdBusReader(timeout);
	}

	/**
	 * Find, in the background, the other active instances of the template of a unit and
	 * name them at {@code INFO} (see {@code systemd.unit(5)}, "template"): in a handover
	 * deployment each instance's log then tells that it is one of several. One query on a
	 * daemon thread named {@code systemd-dbus-instances}; failures are logged at
	 * {@code DEBUG}.
	 * @param unit this process's unit, such as {@code orders@b.service}, or {@code null}
	 * @return the thread that looks, or {@code null} when the unit is not an instance of
	 * a template
	 */
	public static @Nullable Thread reportOtherInstances(@Nullable String unit) {
		return new TemplateInstances().reportOthers(unit);
	}

}
