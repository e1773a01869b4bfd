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

import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.LivenessState;

/**
 * {@link WatchdogGate} that is open while the application's {@link LivenessState} is
 * {@link LivenessState#CORRECT CORRECT}. Used when actuator health is not available.
 *
 * @since 0.1.0
 */
public final class LivenessStateWatchdogGate implements WatchdogGate {

	private final ApplicationAvailability availability;

	/**
	 * Create a new {@link LivenessStateWatchdogGate}.
	 * @param availability the application availability
	 */
	public LivenessStateWatchdogGate(ApplicationAvailability availability) {
		this.availability = availability;
	}

	@Override
	public GateDecision check() {
		LivenessState state = this.availability.getLivenessState();
		String reason = "liveness state is " + state;
		return (state == LivenessState.CORRECT) ? GateDecision.open(reason) : GateDecision.closed(reason);
	}

}
