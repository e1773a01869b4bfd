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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.boot.health.actuate.endpoint.CompositeHealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;

/**
 * {@link WatchdogGate} that is open while actuator health is {@code UP}: the aggregate of
 * all health contributors as {@code /actuator/health} reports it, or of one health group.
 *
 * @since 0.1.0
 */
public final class HealthEndpointWatchdogGate implements WatchdogGate {

	private final HealthEndpoint healthEndpoint;

	private final String group;

	/**
	 * Create a new {@link HealthEndpointWatchdogGate}.
	 * @param healthEndpoint the health endpoint
	 * @param group the health group to follow, or {@code null} for the aggregate health
	 */
	public HealthEndpointWatchdogGate(HealthEndpoint healthEndpoint, String group) {
		this.healthEndpoint = healthEndpoint;
		this.group = group;
	}

	@Override
	public GateDecision check() {
		HealthDescriptor health = (this.group != null) ? this.healthEndpoint.healthForPath(this.group)
				: this.healthEndpoint.health();
		String subject = (this.group != null) ? "health group '" + this.group + "'" : "health";
		if (health == null) {
			return GateDecision.closed(subject + " has no members");
		}
		Status status = health.getStatus();
		if (Status.UP.equals(status)) {
			return GateDecision.open(subject + " is UP");
		}
		List<String> failing = new ArrayList<>();
		collectNotUp("", health, failing);
		String components = failing.isEmpty() ? "" : " (" + String.join(", ", failing) + ")";
		return GateDecision.closed(subject + " is " + status.getCode() + components);
	}

	private void collectNotUp(String path, HealthDescriptor health, List<String> failing) {
		if (health instanceof CompositeHealthDescriptor composite && composite.getComponents() != null) {
			for (Map.Entry<String, HealthDescriptor> component : composite.getComponents().entrySet()) {
				collectNotUp(path.isEmpty() ? component.getKey() : path + "/" + component.getKey(),
						component.getValue(), failing);
			}
			return;
		}
		if (!path.isEmpty() && !Status.UP.equals(health.getStatus())) {
			failing.add(path + "=" + health.getStatus().getCode());
		}
	}

}
