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

import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;

import io.github.springsystemd.activation.FileDescriptorStore;
import io.github.springsystemd.activation.JettyFileDescriptorStoreCustomizer;
import io.github.springsystemd.activation.NettyFileDescriptorStoreCustomizer;
import io.github.springsystemd.activation.TomcatFileDescriptorStoreCustomizer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SystemdFileDescriptorStoreAutoConfiguration}.
 */
class SystemdFileDescriptorStoreAutoConfigurationTests {

	private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(SystemdAutoConfiguration.class,
			SystemdSocketActivationAutoConfiguration.class, SystemdFileDescriptorStoreAutoConfiguration.class);

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(CONFIGURATIONS);

	@Test
	void offSystemdThereIsNoStore() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(FileDescriptorStore.class));
	}

	@Test
	void underSystemdTheStoreDecidesByTheUnit() {
		this.contextRunner.withPropertyValues("NOTIFY_SOCKET=/run/systemd/notify").run((context) -> {
			assertThat(context).hasSingleBean(FileDescriptorStore.class).hasBean("systemdFileDescriptorStoreRelease");
			assertThat(context.getBean(FileDescriptorStore.class)).extracting("mode")
				.isEqualTo(FileDescriptorStore.Mode.AUTO);
		});
	}

	@Test
	void everyServerThatBindsItsOwnSocketCanBeReleased() {
		this.contextRunner.withPropertyValues("NOTIFY_SOCKET=/run/systemd/notify")
			.run((context) -> assertThat(context).hasSingleBean(TomcatFileDescriptorStoreCustomizer.class)
				.hasSingleBean(JettyFileDescriptorStoreCustomizer.class)
				.hasSingleBean(NettyFileDescriptorStoreCustomizer.class));
	}

	@Test
	void withoutJettyOrNettyOnlyTomcatIsCustomized() {
		this.contextRunner.withPropertyValues("NOTIFY_SOCKET=/run/systemd/notify")
			.withClassLoader(new FilteredClassLoader(ServerConnector.class, NettyReactiveWebServerFactory.class))
			.run((context) -> assertThat(context).hasSingleBean(TomcatFileDescriptorStoreCustomizer.class)
				.doesNotHaveBean(JettyFileDescriptorStoreCustomizer.class)
				.doesNotHaveBean(NettyFileDescriptorStoreCustomizer.class));
	}

	@Test
	void storeSettingIsBound() {
		this.contextRunner.withPropertyValues("NOTIFY_SOCKET=/run/systemd/notify", "systemd.fd-store.enabled=false")
			.run((context) -> assertThat(context.getBean(FileDescriptorStore.class)).extracting("mode")
				.isEqualTo(FileDescriptorStore.Mode.FALSE));
	}

	@Test
	void disabledIntegrationHasNoStore() {
		this.contextRunner.withPropertyValues("NOTIFY_SOCKET=/run/systemd/notify", "systemd.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(FileDescriptorStore.class));
	}

	@Test
	void applicationThatIsNotWebHasNoStore() {
		new ApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withPropertyValues("NOTIFY_SOCKET=/run/systemd/notify")
			.run((context) -> assertThat(context).doesNotHaveBean(FileDescriptorStore.class));
	}

	@Test
	void withoutSpringBootWebServerThereIsNoStore() {
		this.contextRunner.withPropertyValues("NOTIFY_SOCKET=/run/systemd/notify")
			.withClassLoader(new FilteredClassLoader(WebServerInitializedEvent.class))
			.run((context) -> assertThat(context).doesNotHaveBean(FileDescriptorStore.class));
	}

	@Test
	void userDefinedStoreWins() {
		this.contextRunner.withPropertyValues("NOTIFY_SOCKET=/run/systemd/notify")
			.withBean("customStore", FileDescriptorStore.class,
					() -> new FileDescriptorStore(null, null, null, FileDescriptorStore.Mode.FALSE, "web", null, null))
			.run((context) -> assertThat(context).hasSingleBean(FileDescriptorStore.class).hasBean("customStore"));
	}

}
