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
import java.util.Map;

import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import io.github.springsystemd.activation.FileDescriptorStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SystemdFileDescriptorStoreAutoConfiguration}.
 */
@ExtendWith(OutputCaptureExtension.class)
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
			.run((context) -> assertThat(context).hasBean("tomcatFileDescriptorStoreCustomizer")
				.hasBean("jettyFileDescriptorStoreCustomizer")
				.hasBean("nettyFileDescriptorStoreCustomizer"));
	}

	@Test
	void withoutJettyOrNettyOnlyTomcatIsCustomized() {
		this.contextRunner.withPropertyValues("NOTIFY_SOCKET=/run/systemd/notify")
			.withClassLoader(new FilteredClassLoader(ServerConnector.class, NettyReactiveWebServerFactory.class))
			.run((context) -> assertThat(context).hasBean("tomcatFileDescriptorStoreCustomizer")
				.doesNotHaveBean("jettyFileDescriptorStoreCustomizer")
				.doesNotHaveBean("nettyFileDescriptorStoreCustomizer"));
	}

	@ParameterizedTest
	@CsvSource({ "auto, AUTO", "always, ALWAYS", "never, NEVER", "Always, ALWAYS" })
	void modeIsBound(String value, FileDescriptorStore.Mode mode, CapturedOutput output) {
		this.contextRunner.withPropertyValues("NOTIFY_SOCKET=/run/systemd/notify", "systemd.fd-store.mode=" + value)
			.run((context) -> {
				assertThat(context.getBean(SystemdProperties.class).getFdStore().getMode()).isEqualTo(mode);
				assertThat(context.getBean(FileDescriptorStore.class)).extracting("mode").isEqualTo(mode);
			});
		assertThat(warnings(output)).isEmpty();
	}

	@Test
	void modeThatIsNotValidKeepsAutoWithOneWarning(CapturedOutput output) {
		this.contextRunner.withPropertyValues("NOTIFY_SOCKET=/run/systemd/notify", "systemd.fd-store.mode=true")
			.run((context) -> assertThat(context.getBean(FileDescriptorStore.class)).extracting("mode")
				.isEqualTo(FileDescriptorStore.Mode.AUTO));
		assertThat(warnings(output)).singleElement()
			.asString()
			.contains("WARN")
			.contains("systemd.fd-store.mode 'true' (\"systemd.fd-store.mode\" from property source \"test\") "
					+ "is not one of auto, always, never; the default, auto, applies");
	}

	@ParameterizedTest
	@CsvSource({ "true, ALWAYS, always", "false, NEVER, never", "auto, AUTO, auto", "TRUE, ALWAYS, always" })
	void deprecatedEnabledAppliesAsTheModeWithOneWarning(String value, FileDescriptorStore.Mode mode, String text,
			CapturedOutput output) {
		this.contextRunner.withPropertyValues("NOTIFY_SOCKET=/run/systemd/notify", "systemd.fd-store.enabled=" + value)
			.run((context) -> {
				assertThat(context.getBean(SystemdProperties.class).getFdStore().getMode()).isEqualTo(mode);
				assertThat(context.getBean(FileDescriptorStore.class)).extracting("mode").isEqualTo(mode);
			});
		assertThat(warnings(output)).singleElement()
			.asString()
			.contains("WARN")
			.contains("systemd.fd-store.enabled '" + value
					+ "' (\"systemd.fd-store.enabled\" from property source \"test\") is deprecated and applies as "
					+ "systemd.fd-store.mode=" + text + "; set that instead");
	}

	@Test
	void deprecatedEnabledAppliesFromTheEnvironmentBeforeTheContextToo(CapturedOutput output) {
		this.contextRunner.withPropertyValues("NOTIFY_SOCKET=/run/systemd/notify")
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
						new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
								Map.of("SYSTEMD_FDSTORE_ENABLED", "false"))))
			.run((context) -> {
				assertThat(SystemdProperties.get(context.getEnvironment()).getFdStore().getMode())
					.isEqualTo(FileDescriptorStore.Mode.NEVER);
				assertThat(context.getBean(FileDescriptorStore.class)).extracting("mode")
					.isEqualTo(FileDescriptorStore.Mode.NEVER);
			});
		assertThat(warnings(output)).singleElement()
			.asString()
			.contains(
					"systemd.fd-store.enabled 'false' (\"SYSTEMD_FDSTORE_ENABLED\" from property source \"systemEnvironment\") "
							+ "is deprecated and applies as systemd.fd-store.mode=never; set that instead");
	}

	@Test
	void modeWinsOverDeprecatedEnabled(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("NOTIFY_SOCKET=/run/systemd/notify", "systemd.fd-store.enabled=true",
					"systemd.fd-store.mode=never")
			.run((context) -> assertThat(context.getBean(FileDescriptorStore.class)).extracting("mode")
				.isEqualTo(FileDescriptorStore.Mode.NEVER));
		assertThat(warnings(output)).singleElement()
			.asString()
			.contains("systemd.fd-store.enabled 'true' (\"systemd.fd-store.enabled\" from property source \"test\") "
					+ "is deprecated and ignored, as systemd.fd-store.mode is set; remove it");
	}

	@Test
	void deprecatedEnabledThatIsNotValidKeepsAutoWithOneWarning(CapturedOutput output) {
		this.contextRunner.withPropertyValues("NOTIFY_SOCKET=/run/systemd/notify", "systemd.fd-store.enabled=yes")
			.run((context) -> assertThat(context.getBean(FileDescriptorStore.class)).extracting("mode")
				.isEqualTo(FileDescriptorStore.Mode.AUTO));
		assertThat(warnings(output)).singleElement()
			.asString()
			.contains("systemd.fd-store.enabled 'yes' (\"systemd.fd-store.enabled\" from property source \"test\") "
					+ "is deprecated and not one of auto, true, false; the default, auto, applies. "
					+ "Set systemd.fd-store.mode to auto, always or never instead");
	}

	@Test
	void webServersSocketIsStoredAsServerUnlessNamed() {
		this.contextRunner
			.withPropertyValues("NOTIFY_SOCKET=/run/systemd/notify", "systemd.socket-activation.fd-name=web")
			.run((context) -> assertThat(context.getBean(FileDescriptorStore.class))
				.extracting("name", "managementName")
				.containsExactly("server", "management"));
		this.contextRunner.withPropertyValues("NOTIFY_SOCKET=/run/systemd/notify", "systemd.fd-store.fd-name=orders")
			.run((context) -> assertThat(context.getBean(FileDescriptorStore.class)).extracting("name")
				.isEqualTo("orders"));
	}

	@Test
	void storedNameThatIsTheManagementServersWarnsAndTheDefaultApplies(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("NOTIFY_SOCKET=/run/systemd/notify", "systemd.fd-store.fd-name=management")
			.run((context) -> assertThat(context.getBean(FileDescriptorStore.class))
				.extracting("name", "managementName")
				.containsExactly("server", "management"));
		assertThat(output).contains(
				"systemd.fd-store.fd-name 'management' (\"systemd.fd-store.fd-name\" from property source \"test\") must differ from "
						+ "systemd.socket-activation.management-fd-name ('management'), the name of the management server's "
						+ "socket, unless systemd.fd-store.mode is never; the default, server, applies");
		this.contextRunner
			.withPropertyValues("NOTIFY_SOCKET=/run/systemd/notify",
					"systemd.socket-activation.management-fd-name=server")
			.run((context) -> assertThat(context.getBean(FileDescriptorStore.class))
				.extracting("name", "managementName")
				.containsExactly("server", "management"));
		assertThat(output).contains(
				"systemd.socket-activation.management-fd-name 'server' (\"systemd.socket-activation.management-fd-name\" from property source \"test\") "
						+ "must differ from systemd.fd-store.fd-name ('server'), the name of the web server's stored socket, "
						+ "unless systemd.fd-store.mode is never; the default, management, applies");
		// both set by hand to the stored socket's default: the management name goes back
		this.contextRunner
			.withPropertyValues("NOTIFY_SOCKET=/run/systemd/notify", "systemd.fd-store.fd-name=server",
					"systemd.socket-activation.management-fd-name=server")
			.run((context) -> assertThat(context.getBean(FileDescriptorStore.class))
				.extracting("name", "managementName")
				.containsExactly("server", "management"));
		this.contextRunner
			.withPropertyValues("NOTIFY_SOCKET=/run/systemd/notify", "systemd.fd-store.fd-name=management",
					"systemd.fd-store.mode=never")
			.run((context) -> assertThat(context.getBean(SystemdProperties.class).getFdStore().getFdName())
				.isEqualTo("management"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "systemd.fd-store.fd-name=web:8080", "systemd.fd-store.fd-name=",
			"systemd.socket-activation.management-fd-name=admin\tport" })
	void nameSystemdDoesNotTakeWarnsAndTheDefaultApplies(String property, CapturedOutput output) {
		String name = property.substring(0, property.indexOf('='));
		this.contextRunner.withPropertyValues("NOTIFY_SOCKET=/run/systemd/notify", property)
			.run((context) -> assertThat(context.getBean(FileDescriptorStore.class))
				.extracting("name", "managementName")
				.containsExactly("server", "management"));
		assertThat(output).contains(name + " '")
			.contains("must be 1 to 255 printable ASCII characters other than ':', as systemd takes for FDNAME=; "
					+ "the default, ");
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
					() -> new FileDescriptorStore(null, null, null, FileDescriptorStore.Mode.NEVER, "web", null, null))
			.run((context) -> assertThat(context).hasSingleBean(FileDescriptorStore.class).hasBean("customStore"));
	}

	private static List<String> warnings(CapturedOutput output) {
		return output.toString().lines().filter((line) -> line.contains("systemd.fd-store.")).toList();
	}

}
