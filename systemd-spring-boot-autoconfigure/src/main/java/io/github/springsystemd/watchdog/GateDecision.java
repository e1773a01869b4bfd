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

import java.util.List;

/**
 * Whether a watchdog ping may be sent, and why.
 *
 * @param open whether the ping may be sent
 * @param reason why, in a few words, for logs and {@code systemctl status}
 * @param components the health of each component that was checked, gating or not, in the
 * order checked; empty when the gate does not check components one by one
 * @since 0.1.0
 */
public record GateDecision(boolean open, String reason, List<ComponentHealth> components) {

	/**
	 * Create a new {@link GateDecision}.
	 * @param open whether the ping may be sent
	 * @param reason why, in a few words
	 * @param components the health of each component checked
	 */
	public GateDecision {
		components = List.copyOf(components);
	}

	/**
	 * Create a decision that lets the ping through.
	 * @param reason why the ping may be sent
	 * @return the decision
	 */
	public static GateDecision open(String reason) {
		return new GateDecision(true, reason, List.of());
	}

	/**
	 * Create a decision that withholds the ping.
	 * @param reason why the ping is withheld
	 * @return the decision
	 */
	public static GateDecision closed(String reason) {
		return new GateDecision(false, reason, List.of());
	}

	/**
	 * Return whether the gate is open although a component is not {@code UP}: one that
	 * does not gate the watchdog, or one whose status does not close the gate.
	 * @return whether the application runs degraded
	 */
	public boolean degraded() {
		return this.open && this.components.stream().anyMatch((component) -> !component.up());
	}

}
