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
package io.github.springsystemd.unit;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Facts about a systemd unit, read from the service manager. Any fact may be {@code null}
 * when it could not be read.
 *
 * @param id the unit name, for example {@code app.service}
 * @param invocationId the invocation ID of the unit's current run as 32 lowercase hex
 * characters, the same format as {@code $INVOCATION_ID}
 * @param restarts how many times the service manager restarted the service
 * ({@code NRestarts}); {@code null} when the unit is not a service
 * @param watchdogTimeout the watchdog timeout ({@code WatchdogSec=}); {@code null} when
 * the watchdog is off or the unit is not a service
 * @param fileDescriptorStoreMax the size of the file descriptor store
 * ({@code FileDescriptorStoreMax=}); {@code null} when the unit is not a service
 * @param managerVersion the version of the service manager, for example {@code 252.39}
 * @since 0.1.0
 */
public record UnitFacts(@Nullable String id, @Nullable String invocationId, @Nullable Long restarts,
		@Nullable Duration watchdogTimeout, @Nullable Long fileDescriptorStoreMax, @Nullable String managerVersion) {

}
