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
package io.github.springsystemd.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link WatchdogHealthGroupNotFoundException} the way Spring Boot explains
 * its own configuration errors.
 */
class WatchdogHealthGroupNotFoundFailureAnalyzer extends AbstractFailureAnalyzer<WatchdogHealthGroupNotFoundException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, WatchdogHealthGroupNotFoundException cause) {
		String description = "The health group '" + cause.getGroup()
				+ "' that gates the systemd watchdog does not exist:" + System.lineSeparator() + System.lineSeparator()
				+ "    Property: systemd.watchdog.health.group" + System.lineSeparator() + "    Value: \""
				+ cause.getGroup() + "\"" + System.lineSeparator() + "    Available health groups: "
				+ cause.getAvailableGroups();
		String action = "Set systemd.watchdog.health.group to one of the available health groups (by default '"
				+ WatchdogHealthGroup.NAME + "'), or define the group with management.endpoint.health.group."
				+ cause.getGroup() + ".include=...";
		return new FailureAnalysis(description, action, cause);
	}

}
