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

import org.springframework.core.env.Environment;

/**
 * Gives the table test of the {@code systemd.*} switches the decision this package takes
 * before the application context exists.
 */
public final class SystemdStartupNotifierSwitch {

	private SystemdStartupNotifierSwitch() {
	}

	public static boolean isOn(Environment environment) {
		return SystemdStartupNotifier.isEnabled(environment);
	}

}
