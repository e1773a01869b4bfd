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

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

import io.github.springsystemd.memory.MemoryPressureWatch;

/**
 * Matches when the service manager asks for memory pressure to be watched:
 * {@code $MEMORY_PRESSURE_WATCH} is set to an absolute path other than {@code /dev/null},
 * and {@code $MEMORY_PRESSURE_WRITE}, when set, is Base64. An invalid value is logged at
 * WARN, naming the variable and the value.
 */
class OnMemoryPressureWatchCondition extends SpringBootCondition {

	private static final Log logger = LogFactory.getLog(OnMemoryPressureWatchCondition.class);

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Environment environment = context.getEnvironment();
		String watch = environment.getProperty(MemoryPressureWatch.WATCH_VARIABLE);
		if (watch == null) {
			return ConditionOutcome.noMatch(MemoryPressureWatch.WATCH_VARIABLE + " is not set");
		}
		try {
			if (watch(environment) == null) {
				return ConditionOutcome
					.noMatch(MemoryPressureWatch.WATCH_VARIABLE + " is '" + watch + "' (turned off)");
			}
			return ConditionOutcome.match(MemoryPressureWatch.WATCH_VARIABLE + " is '" + watch + "'");
		}
		catch (IllegalArgumentException ex) {
			SystemdPropertiesBinding.warnOnce(environment, logger,
					ex.getMessage() + "; memory pressure is not watched");
			return ConditionOutcome.noMatch(String.valueOf(ex.getMessage()));
		}
	}

	static @Nullable MemoryPressureWatch watch(Environment environment) {
		return MemoryPressureWatch.of(environment.getProperty(MemoryPressureWatch.WATCH_VARIABLE),
				environment.getProperty(MemoryPressureWatch.WRITE_VARIABLE));
	}

}
