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

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

import io.github.springsystemd.activation.SocketActivation;
import io.github.springsystemd.protocol.ListenFds;

/**
 * Matches when the service manager may have passed a listening socket: {@code LISTEN_FDS}
 * is set, or standard input is a socket (inetd-style, {@code StandardInput=socket}).
 */
class OnPassedSocketCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		if (context.getEnvironment().containsProperty(ListenFds.FDS_VARIABLE)) {
			return ConditionOutcome.match(ListenFds.FDS_VARIABLE + " is set");
		}
		if (SocketActivation.isStandardInputSocket()) {
			return ConditionOutcome.match("standard input is a socket");
		}
		return ConditionOutcome.noMatch(ListenFds.FDS_VARIABLE + " is not set and standard input is not a socket");
	}

}
