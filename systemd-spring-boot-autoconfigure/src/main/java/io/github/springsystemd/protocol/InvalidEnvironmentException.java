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

package io.github.springsystemd.protocol;

/**
 * Thrown when an environment variable set by the service manager has a value that the
 * systemd protocol does not allow. The message names the variable, its value and what was
 * wrong.
 *
 * @since 0.1.0
 */
public class InvalidEnvironmentException extends IllegalArgumentException {

	private final String variable;

	private final String value;

	/**
	 * Create a new {@link InvalidEnvironmentException}.
	 * @param variable the name of the environment variable
	 * @param value the offending value
	 * @param problem what is wrong with the value
	 */
	public InvalidEnvironmentException(String variable, String value, String problem) {
		super(variable + " '" + value + "' " + problem);
		this.variable = variable;
		this.value = value;
	}

	/**
	 * Return the name of the environment variable.
	 * @return the variable name
	 */
	public String getVariable() {
		return this.variable;
	}

	/**
	 * Return the offending value.
	 * @return the value
	 */
	public String getValue() {
		return this.value;
	}

}
