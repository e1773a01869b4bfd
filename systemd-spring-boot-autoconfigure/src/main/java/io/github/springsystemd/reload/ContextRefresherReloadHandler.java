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
package io.github.springsystemd.reload;

import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.cloud.context.refresh.ContextRefresher;
import org.springframework.core.Ordered;
import org.springframework.util.Assert;

/**
 * {@link SystemdReloadHandler} that calls Spring Cloud's {@link ContextRefresher}: it
 * reloads the environment's property sources, publishes an {@code EnvironmentChangeEvent}
 * (which rebinds {@code @ConfigurationProperties} beans) and refreshes
 * {@code @RefreshScope} beans. Ordered first, so that the other handlers see the reloaded
 * environment. Spring Cloud is an optional dependency of this starter: the handler is
 * defined only when {@code spring-cloud-context} is on the class path.
 *
 * @since 0.1.0
 */
public final class ContextRefresherReloadHandler implements SystemdReloadHandler, Ordered {

	private static final Log logger = LogFactory.getLog(ContextRefresherReloadHandler.class);

	private final ContextRefresher contextRefresher;

	/**
	 * Create a new {@link ContextRefresherReloadHandler}.
	 * @param contextRefresher the {@code ContextRefresher} bean
	 */
	public ContextRefresherReloadHandler(ContextRefresher contextRefresher) {
		Assert.notNull(contextRefresher, "'contextRefresher' must not be null");
		this.contextRefresher = contextRefresher;
	}

	@Override
	public void reload() {
		Set<String> keys = this.contextRefresher.refresh();
		logger.info("Spring Cloud refreshed the environment: "
				+ (keys.isEmpty() ? "no properties changed" : "changed " + keys));
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public String toString() {
		return "Spring Cloud ContextRefresher";
	}

}
