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
package io.github.springsystemd.lifecycle;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.core.env.Environment;

import io.github.springsystemd.support.StatusText;
import io.github.springsystemd.unit.SystemdUnit;

/**
 * The name {@code STATUS=} gives the service, as in {@code Starting orders} and
 * {@code Started orders in 4.2 s}: {@code spring.application.name}, or else the name of
 * the service unit this process runs in, from its control group, without
 * {@code .service}. An instance of a template unit is named with its instance, as in
 * {@code Started orders@b in 4.2 s}: several instances may serve at once.
 */
final class ServiceName {

	private static final String SERVICE_SUFFIX = ".service";

	/**
	 * Most characters of {@code spring.application.name} in a status line, which holds at
	 * most 400 ({@link StatusText#truncate(String)}): the rest says what happens.
	 */
	private static final int MAX_LENGTH = 200;

	private ServiceName() {
	}

	/**
	 * Return the name of this service.
	 * @param environment the environment holding {@code spring.application.name}
	 * @return the name, or {@code null} when there is neither an application name nor a
	 * service unit
	 */
	static @Nullable String of(Environment environment) {
		return of(environment, () -> SystemdUnit.ofThisProcess((name) -> null, null).getName());
	}

	static @Nullable String of(Environment environment, Supplier<@Nullable String> unit) {
		return of(environment.getProperty("spring.application.name"), unit.get());
	}

	/**
	 * Return the name for the given application name and unit.
	 * @param applicationName the value of {@code spring.application.name} or {@code null}
	 * @param unit the unit this process runs in, such as {@code orders.service}, or
	 * {@code null}
	 * @return the name, or {@code null}
	 */
	static @Nullable String of(@Nullable String applicationName, @Nullable String unit) {
		if (applicationName != null && !applicationName.isBlank()) {
			String instance = SystemdUnit.instanceOf(unit);
			return StatusText.truncate(StatusText.oneLine(applicationName), MAX_LENGTH)
					+ ((unit != null && instance != null && unit.endsWith(SERVICE_SUFFIX)) ? "@" + instance : "");
		}
		if (unit != null && unit.endsWith(SERVICE_SUFFIX) && unit.length() > SERVICE_SUFFIX.length()) {
			return unit.substring(0, unit.length() - SERVICE_SUFFIX.length());
		}
		return null;
	}

}
