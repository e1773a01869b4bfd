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
 * Whether a watchdog ping may be sent, and why.
 *
 * @param open whether the ping may be sent
 * @param reason why, in a few words, for logs and {@code systemctl status}
 * @since 0.1.0
 */
public record GateDecision(boolean open, String reason) {

	/**
	 * Create a decision that lets the ping through.
	 * @param reason why the ping may be sent
	 * @return the decision
	 */
	public static GateDecision open(String reason) {
		return new GateDecision(true, reason);
	}

	/**
	 * Create a decision that withholds the ping.
	 * @param reason why the ping is withheld
	 * @return the decision
	 */
	public static GateDecision closed(String reason) {
		return new GateDecision(false, reason);
	}

}
