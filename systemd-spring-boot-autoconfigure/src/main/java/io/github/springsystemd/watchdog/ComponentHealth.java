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
package io.github.springsystemd.watchdog;

import org.jspecify.annotations.Nullable;

/**
 * The health of one health contributor as the watchdog gate last saw it.
 *
 * @param name the contributor's name, as {@code /actuator/health} shows it
 * @param status the status code it answered ({@code UP}, {@code DOWN}, ...), or
 * {@code null} when it did not answer in time
 * @param gating whether this contributor gates the watchdog
 * @param description what it says, for logs and {@code systemctl status}, such as
 * {@code db is DOWN} or {@code db did not answer within 2.5s}
 * @since 0.1.0
 */
public record ComponentHealth(String name, @Nullable String status, boolean gating, String description) {

	/**
	 * Return whether the component answered {@code UP}.
	 * @return whether it is {@code UP}
	 */
	public boolean up() {
		return "UP".equals(this.status);
	}

	/**
	 * Return whether the component answered in time.
	 * @return whether it answered
	 */
	public boolean answered() {
		return this.status != null;
	}

}
