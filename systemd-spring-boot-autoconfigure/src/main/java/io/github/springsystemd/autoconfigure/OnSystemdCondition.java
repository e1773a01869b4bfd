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

import java.util.Map;

import org.apache.commons.logging.LogFactory;

import org.springframework.beans.BeanWrapperImpl;
import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.Conventions;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * {@link SpringBootCondition} for {@link ConditionalOnSystemd @ConditionalOnSystemd}.
 */
class OnSystemdCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Map<String, Object> attributes = metadata.getAnnotationAttributes(ConditionalOnSystemd.class.getName());
		String[] features = (attributes != null && attributes.get("value") instanceof String[] value) ? value
				: new String[0];
		ConditionMessage.Builder message = ConditionMessage.forCondition(ConditionalOnSystemd.class);
		SystemdPropertiesBinding.Result result = SystemdPropertiesBinding.bind(context.getEnvironment(),
				LogFactory.getLog(SystemdProperties.class));
		BeanWrapperImpl properties = new BeanWrapperImpl(result.properties());
		String decided = "systemd.enabled";
		if (!result.properties().isEnabled()) {
			return ConditionOutcome.noMatch(message.because(decided + " is false"));
		}
		for (String feature : features) {
			decided = "systemd." + feature + ".enabled";
			if (!Boolean.TRUE
				.equals(properties.getPropertyValue(Conventions.attributeNameToPropertyName(feature) + ".enabled"))) {
				return ConditionOutcome.noMatch(message.because(decided + " is false"));
			}
		}
		String invalid = result.invalid().isEmpty() ? "" : " (" + String.join("; ", result.invalid()) + ")";
		return ConditionOutcome.match(message.because(decided + " is true" + invalid));
	}

}
