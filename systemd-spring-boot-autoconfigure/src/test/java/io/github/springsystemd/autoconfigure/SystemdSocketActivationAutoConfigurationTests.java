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
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.github.springsystemd.activation.FileDescriptorStore;
import io.github.springsystemd.activation.LoopbackConnector;
import io.github.springsystemd.activation.SocketActivation;
import io.github.springsystemd.notify.SystemdNotifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SystemdSocketActivationAutoConfiguration} and
 * {@link SystemdFileDescriptorStoreAutoConfiguration}.
 */
@ExtendWith(OutputCaptureExtension.class)
class SystemdSocketActivationAutoConfigurationTests {

	private static final String OTHER_PROCESS = "LISTEN_PID=1";

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SystemdAutoConfiguration.class,
				SystemdSocketActivationAutoConfiguration.class, SystemdFileDescriptorStoreAutoConfiguration.class));

	@Test
	void withoutPassedSocketsThereIsNoSocketActivation() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(SocketActivation.class)
			.doesNotHaveBean("tomcatSocketActivationCustomizer"));
	}

	@Test
	void passedSocketsCustomizeEveryServerOnTheClasspath() {
		this.contextRunner.withPropertyValues("LISTEN_FDS=1", OTHER_PROCESS).run((context) -> {
			assertThat(context).hasSingleBean(SocketActivation.class)
				.hasBean("tomcatSocketActivationCustomizer")
				.hasBean("jettySocketActivationCustomizer")
				.hasBean("nettySocketActivationCustomizer");
			assertThat(context.getBean(SocketActivation.class).getSocket()).isEmpty();
		});
	}

	@Test
	void everyServerOnTheClasspathCanBeWarmedUp() {
		this.contextRunner.withPropertyValues("LISTEN_FDS=1", OTHER_PROCESS)
			.run((context) -> assertThat(context.getBeansOfType(LoopbackConnector.class))
				.containsOnlyKeys("tomcatLoopbackConnector", "jettyLoopbackConnector", "nettyLoopbackConnector"));
	}

	@Test
	void warmUpIsIgnoredWithTls(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("LISTEN_FDS=1", OTHER_PROCESS, "systemd.socket-activation.warm-up.requests=10",
					"server.ssl.bundle=web")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(output).contains("systemd.socket-activation.warm-up.requests=10 is ignored: the web "
						+ "server uses TLS (server.ssl)");
			});
	}

	@Test
	void warmUpWithoutTlsSaysNothingAtStartup(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("LISTEN_FDS=1", OTHER_PROCESS, "systemd.socket-activation.warm-up.requests=10",
					"server.ssl.bundle=web", "server.ssl.enabled=false")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(output).doesNotContain("warm-up.requests=10 is ignored");
			});
	}

	@Test
	void serversThatAreAbsentAreNotCustomized() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ServerConnector.class))
			.withPropertyValues("LISTEN_FDS=1", OTHER_PROCESS)
			.run((context) -> assertThat(context).doesNotHaveBean("jettySocketActivationCustomizer")
				.hasBean("tomcatSocketActivationCustomizer"));
	}

	@Test
	void socketActivationCanBeDisabled() {
		this.contextRunner.withPropertyValues("LISTEN_FDS=1", OTHER_PROCESS, "systemd.socket-activation.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SocketActivation.class));
	}

	@Test
	void systemdIntegrationCanBeDisabled() {
		this.contextRunner.withPropertyValues("LISTEN_FDS=1", OTHER_PROCESS, "systemd.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SocketActivation.class));
	}

	@Test
	void nonWebApplicationIsNotAffected() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SystemdAutoConfiguration.class,
					SystemdSocketActivationAutoConfiguration.class, SystemdFileDescriptorStoreAutoConfiguration.class))
			.withPropertyValues("LISTEN_FDS=1", OTHER_PROCESS, "NOTIFY_SOCKET=/run/systemd/notify")
			.run((context) -> assertThat(context).doesNotHaveBean(SocketActivation.class)
				.doesNotHaveBean(FileDescriptorStore.class));
	}

	@Test
	void fileDescriptorStoreUnderSystemd() {
		this.contextRunner.withPropertyValues("NOTIFY_SOCKET=/run/systemd/notify")
			.run((context) -> assertThat(context).hasSingleBean(FileDescriptorStore.class));
	}

	@Test
	void fileDescriptorStoreWithTheApplicationsOwnNotifier() {
		this.contextRunner.withBean(SystemdNotifier.class, SystemdNotifier::inactive)
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(FileDescriptorStore.class));
	}

	@Test
	void noFileDescriptorStoreOffSystemd() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(FileDescriptorStore.class));
	}

	@Test
	void fileDescriptorStoreModeIsBound() {
		this.contextRunner.withPropertyValues("NOTIFY_SOCKET=/run/systemd/notify", "systemd.fd-store.enabled=true")
			.run((context) -> assertThat(context.getBean(SystemdProperties.class).getFdStore().getMode())
				.isEqualTo(FileDescriptorStore.Mode.ALWAYS));
	}

}
