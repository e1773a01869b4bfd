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

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.core.Ordered;
import org.springframework.context.ApplicationListener;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.mock.env.MockEnvironment;

import io.github.springsystemd.autoconfigure.SystemdProperties;
import io.github.springsystemd.lifecycle.SystemdLifecycleNotifier;
import io.github.springsystemd.notify.SystemdNotifier;
import io.github.springsystemd.test.NotifySocketReceiver;
import io.github.springsystemd.test.SighupHandlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;

/**
 * Tests for {@link ReloadSignalListener}: real applications, real {@code SIGHUP}s sent by
 * {@code kill} to this JVM, and a real notification socket.
 */
@EnabledOnOs(OS.LINUX)
@ExtendWith(OutputCaptureExtension.class)
class ReloadSignalListenerTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	/**
	 * Logs what the handler does with a SIGHUP during a reload; a nested application sets
	 * up logging again from its own environment, so it needs it too.
	 */
	private static final String DEBUG_RELOAD = "--logging.level.io.github.springsystemd.reload=debug";

	@RegisterExtension
	final NotifySocketReceiver receiver = NotifySocketReceiver.perTest();

	private SighupHandlers.Handler original;

	@BeforeEach
	void keepTheSighupHandler() {
		this.original = SighupHandlers.current();
	}

	@AfterEach
	void close() throws Exception {
		SighupHandlers.handle(this.original);
	}

	@Test
	void sighupWithoutReloadHandlerSaysThereIsNothingToReload(CapturedOutput output) throws Exception {
		try (ConfigurableApplicationContext context = application().run(args())) {
			this.receiver.await((message) -> message.startsWith("READY=1"), WAIT);
			assertThat(context.getBeanProvider(SystemdReloadHandler.class).stream()).isEmpty();
			SighupHandlers.kill(1);
			assertThat(this.receiver.poll(WAIT)).startsWith("RELOADING=1\nMONOTONIC_USEC=");
			assertThat(this.receiver.poll(WAIT)).isEqualTo("READY=1\nSTATUS=Reloaded: nothing to reload");
			assertThat(context.isActive()).isTrue();
		}
		assertThat(output).contains("Reloaded: nothing to reload");
	}

	@Test
	void sighupWhileStartingIsIgnoredAndStartupCompletes(CapturedOutput output) throws Exception {
		AtomicInteger reloads = new AtomicInteger();
		SpringApplication application = application();
		application.addInitializers((context) -> {
			context.getBeanFactory()
				.registerSingleton("reloadHandler", (SystemdReloadHandler) reloads::incrementAndGet);
			context.getBeanFactory().registerSingleton("sighupWhileStarting", (ApplicationRunner) (args) -> {
				SighupHandlers.kill(1);
				await().atMost(WAIT).until(output::getOut, containsString("Ignoring SIGHUP"));
			});
		});
		try (ConfigurableApplicationContext context = application.run(args())) {
			assertThat(this.receiver.await((message) -> message.startsWith("READY=1"), WAIT)).isNotNull();
			assertThat(output).contains("Ignoring SIGHUP: the application is still starting");
			assertThat(reloads).hasValue(0);
			assertThat(this.receiver.received()).noneMatch((message) -> message.startsWith("RELOADING=1"));
		}
	}

	@Test
	void sighupRunsTheReloadHandlers() throws Exception {
		List<String> reloads = new CopyOnWriteArrayList<>();
		SpringApplication application = application();
		application.addInitializers((context) -> context.getBeanFactory()
			.registerSingleton("reloadHandler", (SystemdReloadHandler) () -> reloads.add("reloaded")));
		try (ConfigurableApplicationContext context = application.run(args())) {
			this.receiver.await((message) -> message.startsWith("READY=1"), WAIT);
			SighupHandlers.kill(1);
			assertThat(this.receiver.poll(WAIT)).startsWith("RELOADING=1\n");
			assertThat(this.receiver.poll(WAIT)).matches("READY=1\nSTATUS=Reloaded: 1 handler in \\d+\\.\\d s");
			assertThat(reloads).containsExactly("reloaded");
		}
	}

	@Test
	void anApplicationRunInsideAnotherOnesStartupLeavesSighupToIt(CapturedOutput output) throws Exception {
		Map<String, String> variables = Map.of("NOTIFY_SOCKET", this.receiver.getNotifySocket());
		List<String> reloads = new CopyOnWriteArrayList<>();
		List<ConfigurableApplicationContext> nested = new CopyOnWriteArrayList<>();
		SpringApplication application = application(variables);
		// as Spring Cloud's bootstrap: a whole application runs while the main one's
		// environment is prepared, and its context stays as the main one's parent
		application.addListeners(new NestedRunOnEnvironmentPrepared(() -> {
			SpringApplication bootstrap = new SpringApplication(BootstrapConfiguration.class);
			bootstrap.setWebApplicationType(WebApplicationType.NONE);
			bootstrap.setListeners(withListener(bootstrap.getListeners(), variables));
			nested.add(bootstrap.run(args("--spring.application.name=bootstrap")));
		}));
		application.addInitializers((context) -> {
			context.getBeanFactory()
				.registerSingleton("reloadHandler", (SystemdReloadHandler) () -> reloads.add("reloaded"));
			context.getBeanFactory().registerSingleton("sighupWhileStarting", (ApplicationRunner) (args) -> {
				SighupHandlers.kill(1);
				await().atMost(WAIT).until(output::getOut, containsString("Ignoring SIGHUP"));
			});
		});
		try (ConfigurableApplicationContext context = application.run(args())) {
			assertThat(nested).hasSize(1);
			assertThat(this.receiver.await((message) -> message.startsWith("READY=1"), WAIT))
				.startsWith("READY=1\nSTATUS=Started");
			assertThat(output).contains("Ignoring SIGHUP: the application is still starting");
			assertThat(this.receiver.received()).noneMatch((message) -> message.startsWith("RELOADING=1"));
			SighupHandlers.kill(1);
			assertThat(this.receiver.await((message) -> message.startsWith("RELOADING=1"), WAIT)).isNotNull();
			assertThat(this.receiver.poll(WAIT)).matches("READY=1\nSTATUS=Reloaded: 1 handler in \\d+\\.\\d s");
			assertThat(reloads).containsExactly("reloaded");
		}
		finally {
			nested.forEach(ConfigurableApplicationContext::close);
		}
	}

	@Test
	void anApplicationRunByAReloadLeavesSighupToTheOneReloading(CapturedOutput output) throws Exception {
		Map<String, String> variables = Map.of("NOTIFY_SOCKET", this.receiver.getNotifySocket());
		List<String> reloads = new CopyOnWriteArrayList<>();
		SpringApplication application = application(variables);
		// as Spring Cloud's ContextRefresher in bootstrap mode: each reload runs a
		// bootstrap application and closes it; a SIGHUP meanwhile asks for one more
		application.addInitializers(
				(context) -> context.getBeanFactory().registerSingleton("reloadHandler", (SystemdReloadHandler) () -> {
					SpringApplication bootstrap = new SpringApplication(BootstrapConfiguration.class);
					bootstrap.setWebApplicationType(WebApplicationType.NONE);
					bootstrap.setListeners(withListener(bootstrap.getListeners(), variables));
					try (ConfigurableApplicationContext running = bootstrap
						.run(args("--spring.application.name=bootstrap", DEBUG_RELOAD))) {
						if (reloads.isEmpty()) {
							SighupHandlers.kill(1);
							await().atMost(WAIT)
								.until(output::getOut, anyOf(containsString("one more reload follows it"),
										containsString("nothing to reload"), containsString("Ignoring SIGHUP")));
						}
					}
					reloads.add("reloaded");
				}));
		try (ConfigurableApplicationContext context = application.run(args(DEBUG_RELOAD))) {
			this.receiver.await((message) -> message.startsWith("READY=1"), WAIT);
			SighupHandlers.kill(1);
			await().atMost(WAIT).until(() -> reloads.size() == 2);
			assertThat(output).doesNotContain("nothing to reload").doesNotContain("Ignoring SIGHUP");
		}
	}

	@Test
	void reloadDisabledLeavesSighupToTheJvm() {
		try (ConfigurableApplicationContext context = application().run(args("--systemd.reload.enabled=false"))) {
			assertThat(SighupHandlers.current()).isEqualTo(this.original);
		}
	}

	@Test
	void systemdDisabledLeavesSighupToTheJvm() {
		try (ConfigurableApplicationContext context = application().run(args("--systemd.enabled=false"))) {
			assertThat(SighupHandlers.current()).isEqualTo(this.original);
		}
	}

	@Test
	void offSystemdSighupIsLeftToTheJvm() {
		try (ConfigurableApplicationContext context = application().run("--spring.main.banner-mode=off")) {
			assertThat(SighupHandlers.current()).isEqualTo(this.original);
		}
	}

	@Test
	void underAServiceManagerUnlessDisabled() {
		ReloadSignalListener listener = new ReloadSignalListener(ReloadSignalListenerTests::isEnabled) {
		};
		assertThat(listener.isReloadingOnSighup(new MockEnvironment())).isFalse();
		assertThat(listener.isReloadingOnSighup(environment())).isTrue();
		assertThat(listener.isReloadingOnSighup(environment().withProperty("systemd.enabled", "false"))).isFalse();
		assertThat(new ReloadSignalListener((environment) -> false) {
		}.isReloadingOnSighup(environment())).isFalse();
	}

	private MockEnvironment environment() {
		return new MockEnvironment().withProperty("NOTIFY_SOCKET", "/run/systemd/notify");
	}

	/**
	 * What the listener that {@code META-INF/spring.factories} registers is given.
	 */
	private static boolean isEnabled(Environment environment) {
		SystemdProperties properties = SystemdProperties.get(environment);
		return properties.isEnabled() && properties.getReload().isEnabled();
	}

	private String[] args(String... extraArgs) {
		List<String> args = new ArrayList<>(List.of("--NOTIFY_SOCKET=" + this.receiver.getNotifySocket(),
				"--spring.application.name=reload-test", "--spring.main.banner-mode=off"));
		args.addAll(List.of(extraArgs));
		return args.toArray(String[]::new);
	}

	private SpringApplication application() {
		SpringApplication application = new SpringApplication(TestApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setDefaultProperties(Map.of("spring.cloud.refresh.enabled", "false"));
		return application;
	}

	/**
	 * An application whose listener of this package reads the given environment variables
	 * instead of the process's.
	 */
	private SpringApplication application(Map<String, String> variables) {
		SpringApplication application = application();
		application.setListeners(withListener(application.getListeners(), variables));
		return application;
	}

	private static List<ApplicationListener<?>> withListener(Collection<ApplicationListener<?>> listeners,
			Map<String, String> variables) {
		List<ApplicationListener<?>> replaced = new ArrayList<>(listeners);
		replaced.replaceAll((listener) -> (listener instanceof ReloadSignalListener)
				? new ReloadSignalListener(ReloadSignalListenerTests::isEnabled, variables::get) {
				} : listener);
		return replaced;
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class TestApplication {

	}

	/**
	 * What Spring Cloud's bootstrap context holds: configuration of its own, no
	 * auto-configuration.
	 */
	@Configuration(proxyBeanMethods = false)
	static class BootstrapConfiguration {

	}

	/**
	 * Runs another application while the environment is prepared, before the listeners of
	 * unstated order, as Spring Cloud's {@code BootstrapApplicationListener} does.
	 */
	private record NestedRunOnEnvironmentPrepared(
			Runnable run) implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

		@Override
		public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
			this.run.run();
		}

		@Override
		public int getOrder() {
			return Ordered.HIGHEST_PRECEDENCE + 5;
		}

	}

	@Test
	void readyEventReachesThisListenerBeforeReadyIsSent() {
		// READY=1 is sent by a listener of unstated order: a SIGHUP after it must find
		// the
		// reload getting ready, not still starting
		assertThat(new ReloadSignalListener((environment) -> true) {
		}.getOrder()).isLessThan(new SystemdLifecycleNotifier(SystemdNotifier.inactive(),
				new GenericApplicationContext(), null, false, null)
			.getOrder());
	}

}
