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

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Collection;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.util.ClassUtils;

/**
 * {@link SystemdReloadHandler} that calls Spring Cloud's {@code ContextRefresher}: it
 * reloads the environment's property sources, publishes an {@code EnvironmentChangeEvent}
 * (which rebinds {@code @ConfigurationProperties} beans) and refreshes
 * {@code @RefreshScope} beans. Spring Cloud is called reflectively, so this starter does
 * not depend on it.
 *
 * @since 0.1.0
 */
public final class ContextRefresherReloadHandler implements SystemdReloadHandler {

	/**
	 * Name of Spring Cloud's {@code ContextRefresher} class.
	 */
	public static final String CONTEXT_REFRESHER_CLASS_NAME = "org.springframework.cloud.context.refresh.ContextRefresher";

	private static final Log logger = LogFactory.getLog(ContextRefresherReloadHandler.class);

	private final Object contextRefresher;

	private final Method refresh;

	/**
	 * Create a new {@link ContextRefresherReloadHandler}.
	 * @param contextRefresher the {@code ContextRefresher} bean
	 * @throws IllegalArgumentException if the object is not a {@code ContextRefresher}
	 */
	public ContextRefresherReloadHandler(Object contextRefresher) {
		ClassLoader classLoader = contextRefresher.getClass().getClassLoader();
		Class<?> type = ClassUtils.resolveClassName(CONTEXT_REFRESHER_CLASS_NAME, classLoader);
		if (!type.isInstance(contextRefresher)) {
			throw new IllegalArgumentException(contextRefresher + " is not a " + CONTEXT_REFRESHER_CLASS_NAME);
		}
		this.contextRefresher = contextRefresher;
		try {
			this.refresh = type.getMethod("refresh");
		}
		catch (NoSuchMethodException ex) {
			throw new IllegalArgumentException(CONTEXT_REFRESHER_CLASS_NAME + " has no refresh() method", ex);
		}
	}

	@Override
	public void reload() throws Exception {
		Object changed;
		try {
			changed = this.refresh.invoke(this.contextRefresher);
		}
		catch (InvocationTargetException ex) {
			if (ex.getCause() instanceof Exception cause) {
				throw cause;
			}
			if (ex.getCause() instanceof Error error) {
				throw error;
			}
			throw ex;
		}
		if (changed instanceof Collection<?> keys) {
			logger.info("Spring Cloud refreshed the environment: "
					+ (keys.isEmpty() ? "no properties changed" : "changed " + keys));
		}
	}

	@Override
	public String toString() {
		return "Spring Cloud ContextRefresher";
	}

}
