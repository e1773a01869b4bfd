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

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cloud.autoconfigure.RefreshAutoConfiguration;
import org.springframework.cloud.context.refresh.ContextRefresher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import io.github.springsystemd.notify.SystemdNotifier;
import io.github.springsystemd.reload.ContextRefresherReloadHandler;
import io.github.springsystemd.reload.SystemdReloadHandler;
import io.github.springsystemd.reload.SystemdReloader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link SystemdReloadAutoConfiguration}.
 */
@ExtendWith(OutputCaptureExtension.class)
class SystemdReloadAutoConfigurationTests {

	private static final String NOTIFY_SOCKET = "NOTIFY_SOCKET=/run/systemd-spring-boot-test/notify";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SystemdAutoConfiguration.class, SystemdReloadAutoConfiguration.class));

	@Test
	void backsOffWithoutNotifySocket() {
		this.contextRunner.withUserConfiguration(HandlersConfiguration.class)
			.run((context) -> assertThat(context).doesNotHaveBean(SystemdReloader.class));
	}

	@Test
	void reloaderWithoutHandlersReloadsNothing() {
		this.contextRunner.withPropertyValues(NOTIFY_SOCKET)
			.run((context) -> assertThat(context.getBean(SystemdReloader.class).getHandlers()).isEmpty());
	}

	@Test
	void reloadHandlerBeansRunInOrder() {
		this.contextRunner.withPropertyValues(NOTIFY_SOCKET)
			.withUserConfiguration(HandlersConfiguration.class)
			.run((context) -> assertThat(context.getBean(SystemdReloader.class).getHandlers()).containsExactly(
					context.getBean("first", SystemdReloadHandler.class),
					context.getBean("second", SystemdReloadHandler.class)));
	}

	@Test
	void failedHandlerBeanIsNamedByItsBeanName(CapturedOutput output) {
		this.contextRunner.withPropertyValues(NOTIFY_SOCKET)
			.withBean("ordersReloader", SystemdReloadHandler.class, () -> () -> {
				throw new IllegalStateException("orders.yml is invalid");
			})
			.run((context) -> {
				assertThat(context.getBean(SystemdReloader.class).reload()).isFalse();
				assertThat(output)
					.containsPattern("WARN .* Reload handler 'ordersReloader' \\(a lambda in .*\\) failed");
			});
	}

	@Test
	void disabledBacksOff() {
		this.contextRunner.withPropertyValues(NOTIFY_SOCKET, "systemd.reload.enabled=false")
			.withUserConfiguration(HandlersConfiguration.class)
			.run((context) -> assertThat(context).doesNotHaveBean(SystemdReloader.class));
	}

	@Test
	void backsOffWhenSystemdIsDisabled() {
		this.contextRunner.withPropertyValues(NOTIFY_SOCKET, "systemd.enabled=false")
			.withUserConfiguration(HandlersConfiguration.class)
			.run((context) -> assertThat(context).doesNotHaveBean(SystemdReloader.class));
	}

	@Test
	void invalidNotifySocketStillReloadsOnSighup() {
		this.contextRunner.withPropertyValues("NOTIFY_SOCKET=relative/notify")
			.withUserConfiguration(HandlersConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(SystemdReloader.class);
				assertThat(context.getBean(SystemdNotifier.class).isActive()).isFalse();
				assertThat(context.getBean(SystemdReloader.class).reload()).isTrue();
			});
	}

	@Test
	void userDefinedReloaderIsUsed() {
		SystemdReloader reloader = new SystemdReloader(SystemdNotifier.inactive(), List.of());
		this.contextRunner.withPropertyValues(NOTIFY_SOCKET)
			.withUserConfiguration(HandlersConfiguration.class)
			.withBean("customReloader", SystemdReloader.class, () -> reloader)
			.run((context) -> assertThat(context).getBean(SystemdReloader.class).isSameAs(reloader));
	}

	@Test
	void springCloudContextRefresherIsReloadedFirst() throws Exception {
		ContextRefresher refresher = mock(ContextRefresher.class);
		given(refresher.refresh()).willReturn(Set.of("orders.limit"));
		this.contextRunner.withPropertyValues(NOTIFY_SOCKET)
			.withUserConfiguration(HandlersConfiguration.class)
			.withBean(ContextRefresher.class, () -> refresher)
			.run((context) -> {
				SystemdReloader reloader = context.getBean(SystemdReloader.class);
				assertThat(reloader.getHandlers()).hasSize(3).first().isInstanceOf(ContextRefresherReloadHandler.class);
				assertThat(reloader.reload()).isTrue();
				then(refresher).should().refresh();
			});
	}

	@Test
	void springCloudContextRefresherFailureFailsTheReload() {
		ContextRefresher refresher = mock(ContextRefresher.class);
		given(refresher.refresh()).willThrow(new IllegalStateException("config server is down"));
		this.contextRunner.withPropertyValues(NOTIFY_SOCKET)
			.withBean(ContextRefresher.class, () -> refresher)
			.run((context) -> assertThat(context.getBean(SystemdReloader.class).reload()).isFalse());
	}

	@Test
	void springCloudContextRefresherAloneIsReloaded() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(RefreshAutoConfiguration.class))
			.withPropertyValues(NOTIFY_SOCKET)
			.run((context) -> assertThat(context.getBean(SystemdReloader.class).getHandlers()).singleElement()
				.isInstanceOf(ContextRefresherReloadHandler.class));
	}

	@Test
	void withoutSpringCloudOnlyHandlersAreReloaded() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ContextRefresher.class))
			.withPropertyValues(NOTIFY_SOCKET)
			.withUserConfiguration(HandlersConfiguration.class)
			.run((context) -> assertThat(context.getBean(SystemdReloader.class).getHandlers()).hasSize(2)
				.noneMatch(ContextRefresherReloadHandler.class::isInstance));
	}

	@Configuration(proxyBeanMethods = false)
	static class HandlersConfiguration {

		@Bean
		@Order(2)
		SystemdReloadHandler second() {
			return () -> {
			};
		}

		@Bean
		@Order(1)
		SystemdReloadHandler first() {
			return () -> {
			};
		}

	}

}
