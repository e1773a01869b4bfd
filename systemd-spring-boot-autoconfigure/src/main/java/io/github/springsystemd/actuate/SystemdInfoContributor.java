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
package io.github.springsystemd.actuate;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;

import io.github.springsystemd.unit.SystemdUnit;

/**
 * {@link InfoContributor} that adds a short {@code systemd} section: the unit, its
 * invocation id and restart count.
 *
 * @since 0.1.0
 */
public class SystemdInfoContributor implements InfoContributor {

	private final SystemdUnit unit;

	/**
	 * Create a new {@link SystemdInfoContributor}.
	 * @param unit the unit this application runs as
	 */
	public SystemdInfoContributor(SystemdUnit unit) {
		this.unit = unit;
	}

	@Override
	public void contribute(Info.Builder builder) {
		this.unit.refresh(SystemdEndpoint.FACTS_WAIT);
		Map<String, Object> systemd = new LinkedHashMap<>();
		putIfKnown(systemd, "unit", this.unit.getName());
		putIfKnown(systemd, "invocationId", this.unit.getInvocationId());
		putIfKnown(systemd, "restarts", this.unit.getRestarts());
		builder.withDetail("systemd", systemd);
	}

	private static void putIfKnown(Map<String, Object> map, String key, @Nullable Object value) {
		if (value != null) {
			map.put(key, value);
		}
	}

}
