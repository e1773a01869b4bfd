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

import java.lang.reflect.Modifier;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.bootstrap.DefaultBootstrapContext;
import org.springframework.boot.logging.DeferredLogs;
import org.springframework.boot.support.EnvironmentPostProcessorsFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The listeners and environment post-processors that {@code META-INF/spring.factories}
 * registers from this package are package-private, and Spring Boot creates them as it
 * creates its own.
 */
class SpringFactoriesRegistrationTests {

	@Test
	void packagePrivateListenersAreCreated() {
		List<ApplicationListener<?>> listeners = loadListeners();
		for (Class<?> type : List.of(DebugInvocationListener.class, JournalAppenderListener.class,
				ConfiguredStartupNotifier.class, ConfiguredReloadSignalListener.class)) {
			assertThat(Modifier.isPublic(type.getModifiers())).as(type.getName()).isFalse();
			assertThat(listeners).as(type.getName()).hasAtLeastOneElementOfType(type);
		}
	}

	@Test
	void packagePrivateEnvironmentPostProcessorsAreCreated() {
		List<EnvironmentPostProcessor> postProcessors = EnvironmentPostProcessorsFactory
			.fromSpringFactories(getClass().getClassLoader())
			.getEnvironmentPostProcessors(new DeferredLogs(), new DefaultBootstrapContext());
		for (Class<?> type : List.of(JournalLoggingEnvironmentPostProcessor.class,
				SystemdCredentialsEnvironmentPostProcessor.class)) {
			assertThat(Modifier.isPublic(type.getModifiers())).as(type.getName()).isFalse();
			assertThat(postProcessors).as(type.getName()).hasAtLeastOneElementOfType(type);
		}
	}

	@SuppressWarnings({ "rawtypes", "unchecked" })
	private static List<ApplicationListener<?>> loadListeners() {
		return (List) SpringFactoriesLoader.forDefaultResourceLocation().load(ApplicationListener.class);
	}

}
