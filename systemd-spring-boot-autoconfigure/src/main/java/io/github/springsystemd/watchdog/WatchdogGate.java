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

/**
 * Decides before each watchdog ping whether the application is well. Once the gate has
 * been closed at every check for {@code WatchdogSec=}, the {@link SystemdWatchdog} asks
 * systemd to restart the service. Define a bean of this type to replace the default gate,
 * which checks the members of a health group (or the liveness state without actuator).
 * <p>
 * A check may block; it runs on its own thread and is bounded by
 * {@code systemd.watchdog.health.timeout}.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface WatchdogGate {

	/**
	 * A gate that is always open.
	 */
	WatchdogGate OPEN = () -> GateDecision.open("health gate disabled");

	/**
	 * Decide whether the next ping may be sent.
	 * @return the decision
	 */
	GateDecision check();

}
