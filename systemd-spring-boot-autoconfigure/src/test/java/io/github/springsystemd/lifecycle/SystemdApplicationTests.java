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
package io.github.springsystemd.lifecycle;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeExceptionMapper;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.core.env.MapPropertySource;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import io.github.springsystemd.activation.FileDescriptorStore;
import io.github.springsystemd.notify.SystemdNotifier;
import io.github.springsystemd.reload.SystemdReloadHandler;
import io.github.springsystemd.reload.SystemdReloader;
import io.github.springsystemd.test.NotifySocketReceiver;
import io.github.springsystemd.test.SighupHandlers;
import io.github.springsystemd.watchdog.SystemdWatchdog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * Tests that run whole applications against a real notification socket.
 */
@EnabledOnOs(OS.LINUX)
@ExtendWith(OutputCaptureExtension.class)
class SystemdApplicationTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	/**
	 * {@code WatchdogSec=2s}: pings every second, each health check may take 500ms. Short
	 * enough for quick tests, long enough that a check on a busy machine is not taken for
	 * a hanging one.
	 */
	private static final String WATCHDOG_USEC = "--WATCHDOG_USEC=2000000";

	@RegisterExtension
	final NotifySocketReceiver receiver = NotifySocketReceiver.perTest();

	@Test
	void servletApplicationIsReadyPingsAndStops() throws Exception {
		try (ConfigurableApplicationContext context = run(WebApplicationType.SERVLET, WATCHDOG_USEC)) {
			assertThat(this.receiver.await((m) -> m.startsWith("READY=1"), WAIT))
				.matches("READY=1\nSTATUS=Started test-app in \\d+\\.\\d s");
			assertThat(this.receiver.await((m) -> m.equals("WATCHDOG=1"), WAIT)).isNotNull();
			assertThat(this.receiver.await((m) -> m.equals("WATCHDOG=1"), WAIT)).isNotNull();
		}
		assertThat(this.receiver.await((m) -> m.startsWith("STOPPING=1"), WAIT))
			.isEqualTo("STOPPING=1\nSTATUS=Stopping");
	}

	@Test
	void applicationRunAsTheParentOfAChildIsReadyWhenTheChildIsReady() throws Exception {
		AtomicReference<@Nullable String> readyBeforeTheChildsRunner = new AtomicReference<>("(runner not run)");
		ApplicationRunner childRunner = (args) -> readyBeforeTheChildsRunner.set(readyWithin(Duration.ofMillis(500)));
		SpringApplicationBuilder builder = new SpringApplicationBuilder(TestApplication.class)
			.web(WebApplicationType.NONE)
			.child(ChildApplication.class)
			.web(WebApplicationType.NONE)
			.initializers((context) -> context.getBeanFactory().registerSingleton("childRunner", childRunner));
		ConfigurableApplicationContext child = builder.run(args(WATCHDOG_USEC));
		try {
			assertThat(child.getParent()).isNotNull();
			assertThat(readyBeforeTheChildsRunner.get()).as("READY=1 sent before the child's runners ran").isNull();
			assertThat(this.receiver.await((m) -> m.startsWith("READY=1"), WAIT))
				.matches("READY=1\nSTATUS=Started test-app in \\d+\\.\\d s");
			assertThat(this.receiver.await((m) -> m.equals("WATCHDOG=1"), WAIT)).isNotNull();
		}
		finally {
			((ConfigurableApplicationContext) child.getParent()).close();
		}
		assertThat(this.receiver.await((m) -> m.startsWith("STOPPING=1"), WAIT)).isNotNull();
		assertThat(this.receiver.received()).filteredOn((m) -> m.startsWith("READY=1")).hasSize(1);
	}

	@Test
	void applicationStartingAChildFromARunnerIsReadyWhenItselfIsReady() throws Exception {
		AtomicReference<@Nullable String> readyWhileTheRunnerRan = new AtomicReference<>("(runner not run)");
		List<ConfigurableApplicationContext> children = new ArrayList<>();
		SpringApplication application = application(WebApplicationType.NONE);
		application.addInitializers(
				(parent) -> parent.getBeanFactory().registerSingleton("childStarter", (ApplicationRunner) (args) -> {
					children.add(new SpringApplicationBuilder(ChildApplication.class).parent(parent)
						.web(WebApplicationType.NONE)
						.run(args(WATCHDOG_USEC)));
					readyWhileTheRunnerRan.set(readyWithin(Duration.ofMillis(500)));
				}));
		try (ConfigurableApplicationContext context = application.run(args(WATCHDOG_USEC))) {
			assertThat(children).singleElement().satisfies((child) -> assertThat(child.getParent()).isSameAs(context));
			assertThat(readyWhileTheRunnerRan.get()).as("READY=1 sent while the runner that started the child ran")
				.isNull();
			assertThat(this.receiver.await((m) -> m.startsWith("READY=1"), WAIT))
				.matches("READY=1\nSTATUS=Started test-app in \\d+\\.\\d s");
			assertThat(this.receiver.await((m) -> m.equals("WATCHDOG=1"), WAIT)).isNotNull();
			assertThat(children.get(0).getBeanFactory().getBeanNamesForType(SystemdWatchdog.class))
				.as("watchdogs of the child's own")
				.isEmpty();
		}
		finally {
			children.forEach(ConfigurableApplicationContext::close);
		}
		assertThat(this.receiver.received()).filteredOn((m) -> m.startsWith("READY=1")).hasSize(1);
	}

	@Test
	void applicationOfThreeGenerationsIsReadyWhenTheGrandchildIsReadyAndSaysHowLongItAllTook() throws Exception {
		long rootRunner = 1100;
		long leafRunner = 500;
		AtomicReference<@Nullable String> readyBeforeTheLeafsRunner = new AtomicReference<>("(runner not run)");
		ApplicationRunner slowRootRunner = (args) -> Thread.sleep(rootRunner);
		ApplicationRunner probingLeafRunner = (args) -> readyBeforeTheLeafsRunner
			.set(readyWithin(Duration.ofMillis(leafRunner)));
		SpringApplicationBuilder builder = new SpringApplicationBuilder(TestApplication.class)
			.web(WebApplicationType.NONE)
			.initializers((root) -> root.getBeanFactory().registerSingleton("slowRootRunner", slowRootRunner))
			.child(ChildApplication.class)
			.web(WebApplicationType.NONE)
			.child(ChildApplication.class)
			.web(WebApplicationType.NONE)
			.initializers((leaf) -> leaf.getBeanFactory().registerSingleton("probingLeafRunner", probingLeafRunner));
		ConfigurableApplicationContext leaf = builder.run(args(WATCHDOG_USEC));
		ConfigurableApplicationContext middle = (ConfigurableApplicationContext) leaf.getParent();
		ConfigurableApplicationContext root = (ConfigurableApplicationContext) middle.getParent();
		try {
			assertThat(root.getParent()).isNull();
			assertThat(readyBeforeTheLeafsRunner.get()).as("READY=1 sent before the grandchild's runners ran").isNull();
			String ready = this.receiver.await((m) -> m.startsWith("READY=1"), WAIT);
			assertThat(ready).startsWith("READY=1\nSTATUS=Started test-app in ");
			// from the root's start: its runner and the grandchild's are both in it
			double seconds = Double.parseDouble(ready.replaceAll("(?s).* in (\\d+\\.\\d) s$", "$1"));
			assertThat(seconds).isGreaterThanOrEqualTo((rootRunner + leafRunner) / 1000.0 - 0.05);
			assertThat(this.receiver.await((m) -> m.equals("WATCHDOG=1"), WAIT)).isNotNull();
			assertThat(root.getBeanFactory().getBeanNamesForType(SystemdWatchdog.class)).hasSize(1);
			assertThat(middle.getBeanFactory().getBeanNamesForType(SystemdWatchdog.class)).isEmpty();
			assertThat(leaf.getBeanFactory().getBeanNamesForType(SystemdWatchdog.class)).isEmpty();
		}
		finally {
			leaf.close();
			middle.close();
			root.close();
		}
		assertThat(this.receiver.await((m) -> m.startsWith("STOPPING=1"), WAIT)).isNotNull();
		assertThat(this.receiver.received()).filteredOn((m) -> m.startsWith("READY=1")).hasSize(1);
	}

	@Test
	void sighupAfterTheParentIsReadyWaitsForTheChild(CapturedOutput output) throws Exception {
		// kill -HUP the moment the parent accepts traffic, before the child takes SIGHUP
		// over: the application as a whole is still starting
		ApplicationListener<ApplicationEvent> hangUpOnParentReadiness = (event) -> {
			if (event instanceof AvailabilityChangeEvent<?> availability
					&& availability.getState() == ReadinessState.ACCEPTING_TRAFFIC
					&& ((ApplicationContext) availability.getSource()).getParent() == null) {
				try {
					SighupHandlers.kill(1);
					await().atMost(WAIT)
						.until(() -> output.toString().contains("Ignoring SIGHUP: the application is still starting"));
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			}
		};
		SpringApplicationBuilder builder = new SpringApplicationBuilder(TestApplication.class)
			.web(WebApplicationType.NONE)
			.initializers((parent) -> parent.getBeanFactory()
				.registerSingleton("hangUpOnParentReadiness", hangUpOnParentReadiness))
			.child(ChildApplication.class)
			.web(WebApplicationType.NONE);
		ConfigurableApplicationContext child = builder.run(args("--spring.cloud.refresh.enabled=false"));
		try {
			assertThat(this.receiver.await((m) -> m.startsWith("READY=1") || m.startsWith("RELOADING=1"), WAIT))
				.startsWith("READY=1\nSTATUS=Started test-app");
			assertThat(output).contains("Ignoring SIGHUP: the application is still starting");
			SighupHandlers.kill(1);
			assertThat(this.receiver.await((m) -> m.startsWith("RELOADING=1"), WAIT)).startsWith("RELOADING=1");
			assertThat(this.receiver.await((m) -> m.startsWith("READY=1\nSTATUS=Reloaded"), WAIT)).isNotNull();
		}
		finally {
			child.close();
			((ConfigurableApplicationContext) child.getParent()).close();
		}
	}

	@Test
	void childThatLeavesSighupAloneHandsItBackToTheParentOnceReady() throws Exception {
		AtomicInteger parentReloads = new AtomicInteger();
		SpringApplicationBuilder builder = parentReloadingWith(parentReloads).child(ChildApplication.class)
			.web(WebApplicationType.NONE)
			// the child's own: SpringApplicationBuilder.properties would set it in the
			// parent too
			.listeners(new ChildProperty("systemd.reload.enabled", "false"));
		sighupOnceReady(builder, () -> {
			assertThat(this.receiver.await((m) -> m.startsWith("RELOADING=1"), WAIT)).startsWith("RELOADING=1");
			assertThat(this.receiver.await((m) -> m.startsWith("READY=1\nSTATUS=Reloaded"), WAIT))
				.startsWith("READY=1\nSTATUS=Reloaded: 1 handler");
			assertThat(parentReloads).hasValue(1);
		});
	}

	@Test
	void sighupRunsTheReloadHandlersOfTheChildAndOfTheParent() throws Exception {
		AtomicInteger parentReloads = new AtomicInteger();
		AtomicInteger childReloads = new AtomicInteger();
		SpringApplicationBuilder builder = parentReloadingWith(parentReloads).child(ChildApplication.class)
			.web(WebApplicationType.NONE)
			.initializers((child) -> child.getBeanFactory()
				.registerSingleton("childReloads", (SystemdReloadHandler) childReloads::incrementAndGet));
		sighupOnceReady(builder, () -> {
			assertThat(this.receiver.await((m) -> m.startsWith("READY=1\nSTATUS=Reloaded"), WAIT))
				.startsWith("READY=1\nSTATUS=Reloaded: 2 handlers");
			assertThat(parentReloads).hasValue(1);
			assertThat(childReloads).hasValue(1);
		});
	}

	@Test
	void startupStatusComesBeforeReady() throws Exception {
		try (ConfigurableApplicationContext context = run(WebApplicationType.NONE)) {
			this.receiver.await((m) -> m.startsWith("READY=1"), WAIT);
		}
		assertThat(this.receiver.received()).filteredOn((m) -> !m.startsWith("EXTEND_TIMEOUT_USEC="))
			.startsWith("STATUS=Starting test-app", "STATUS=Starting test-app: initializing application context",
					"STATUS=Starting test-app: creating beans",
					"STATUS=Starting test-app: running application runners");
	}

	@Test
	void reactiveApplicationIsReadyAndStops() throws Exception {
		try (ConfigurableApplicationContext context = run(WebApplicationType.REACTIVE)) {
			assertThat(this.receiver.await((m) -> m.startsWith("READY=1"), WAIT)).startsWith("READY=1\nSTATUS=Started");
		}
		assertThat(this.receiver.await((m) -> m.startsWith("STOPPING=1"), WAIT)).isNotNull();
	}

	@Test
	void nonWebApplicationIsReadyAndStops() throws Exception {
		try (ConfigurableApplicationContext context = run(WebApplicationType.NONE)) {
			assertThat(this.receiver.await((m) -> m.startsWith("READY=1"), WAIT)).startsWith("READY=1\nSTATUS=Started");
		}
		assertThat(this.receiver.await((m) -> m.startsWith("STOPPING=1"), WAIT)).isNotNull();
	}

	@Test
	void stoppingIsSentBeforeAnyLifecycleStopsIncludingGracefulShutdown() throws Exception {
		List<String> seenWhenStopping = new ArrayList<>();
		SpringApplication application = application(WebApplicationType.SERVLET);
		application.addInitializers((context) -> context.getBeanFactory()
			.registerSingleton("recorder", new StopRecorder(this.receiver, seenWhenStopping)));
		try (ConfigurableApplicationContext context = application.run(args())) {
			this.receiver.await((m) -> m.startsWith("READY=1"), WAIT);
		}
		assertThat(seenWhenStopping).contains("STOPPING=1\nSTATUS=Stopping");
	}

	@Test
	void reloadHandlerRunsBetweenReloadingAndReadyWhileSighupIsTakenOver() throws Exception {
		List<String> reloads = new ArrayList<>();
		SighupHandlers.Handler before = SighupHandlers.current();
		SpringApplication application = application(WebApplicationType.NONE);
		application.addInitializers((context) -> context.getBeanFactory()
			.registerSingleton("reloadHandler", (SystemdReloadHandler) () -> reloads.add("reloaded")));
		try (ConfigurableApplicationContext context = application.run(args("--spring.cloud.refresh.enabled=false"))) {
			this.receiver.await((m) -> m.startsWith("READY=1"), WAIT);
			assertThat(SighupHandlers.current()).isNotEqualTo(before);
			assertThat(context.getBean(SystemdReloader.class).reload()).isTrue();
			assertThat(this.receiver.poll(WAIT)).matches("RELOADING=1\nMONOTONIC_USEC=\\d+\nSTATUS=Reloading");
			assertThat(this.receiver.poll(WAIT)).matches("READY=1\nSTATUS=Reloaded: 1 handler in \\d+\\.\\d s");
			assertThat(reloads).containsExactly("reloaded");
		}
		assertThat(SighupHandlers.current()).as("SIGHUP never ends the JVM, not even once the context closed")
			.isNotEqualTo(before);
	}

	@Test
	void sighupAfterReadyWhileReadyListenersRunIsNotLost(CapturedOutput output) throws Exception {
		// systemctl reload as soon as systemd has READY=1, while a slow listener of the
		// application (a cache warm-up) still handles ApplicationReadyEvent
		AtomicInteger reloads = new AtomicInteger();
		SpringApplication application = application(WebApplicationType.NONE);
		application.addInitializers((context) -> {
			context.getBeanFactory()
				.registerSingleton("reloadHandler", (SystemdReloadHandler) reloads::incrementAndGet);
			context.getBeanFactory()
				.registerSingleton("slowReadyListener", (ApplicationListener<ApplicationReadyEvent>) (event) -> {
					try {
						this.receiver.await((m) -> m.startsWith("READY=1"), WAIT);
						SighupHandlers.kill(1);
						await().atMost(WAIT)
							.until(() -> output.toString()
								.contains("SIGHUP while the application gets ready: it reloads once it is ready"));
					}
					catch (Exception ex) {
						throw new IllegalStateException(ex);
					}
				});
		});
		try (ConfigurableApplicationContext context = application.run(args("--spring.cloud.refresh.enabled=false"))) {
			assertThat(this.receiver.await((m) -> m.startsWith("RELOADING=1"), WAIT)).startsWith("RELOADING=1");
			assertThat(this.receiver.await((m) -> m.startsWith("READY=1"), WAIT))
				.startsWith("READY=1\nSTATUS=Reloaded: 1 handler");
			assertThat(reloads).hasValue(1);
		}
	}

	@Test
	void readyCarriesMainPidWhenAsked() throws Exception {
		try (ConfigurableApplicationContext context = run(WebApplicationType.NONE, "--systemd.send-main-pid=true")) {
			assertThat(this.receiver.await((m) -> m.startsWith("READY=1"), WAIT))
				.endsWith("\nMAINPID=" + ProcessHandle.current().pid());
		}
	}

	@Test
	void healthDownTriggersTheWatchdogAfterWatchdogSecThenWithholdsPings() throws Exception {
		try (ConfigurableApplicationContext context = run(WebApplicationType.NONE, WATCHDOG_USEC,
				"--test.health=DOWN")) {
			assertThat(this.receiver.await((m) -> m.contains("STATUS=Unhealthy"), WAIT))
				.isEqualTo("WATCHDOG=1\nSTATUS=Unhealthy; test is DOWN; systemd restarts the service if this lasts 2s");
			assertThat(this.receiver.await((m) -> m.startsWith("WATCHDOG=trigger"), WAIT))
				.isEqualTo("WATCHDOG=trigger\nSTATUS=Unhealthy; test is DOWN; watchdog failure triggered");
			// longer than the interval: no ping is sent after the trigger
			assertThat(this.receiver.poll(Duration.ofMillis(1500))).isNull();
		}
	}

	@Test
	void unknownJournalFormatFallsBackToAutoWithOneWarningAndTheApplicationStarts(CapturedOutput output)
			throws Exception {
		assertStartsWithOneWarning(output, "systemd.logging.journal-format", "fancy",
				"is not one of auto, native, prefix, always, never; the default, auto, applies");
	}

	@Test
	void deprecatedFileDescriptorStoreSettingAppliesWithOneWarning(CapturedOutput output) throws Exception {
		try (ConfigurableApplicationContext context = run(WebApplicationType.SERVLET,
				"--systemd.fd-store.enabled=false")) {
			assertThat(this.receiver.await((m) -> m.startsWith("READY=1"), WAIT)).startsWith("READY=1\nSTATUS=Started");
			assertThat(context.getBean(FileDescriptorStore.class)).extracting("mode")
				.isEqualTo(FileDescriptorStore.Mode.NEVER);
		}
		assertThat(output.toString().lines()).filteredOn((line) -> line.contains("systemd.fd-store.enabled"))
			.singleElement()
			.asString()
			.contains("WARN")
			.contains("systemd.fd-store.enabled 'false'")
			.contains("is deprecated and applies as systemd.fd-store.mode=never; set that instead");
	}

	@Test
	void valueThatIsNotABooleanKeepsTheWholeIntegrationOnWithOneWarning(CapturedOutput output) throws Exception {
		assertStartsWithOneWarning(output, "systemd.enabled", "sometimes",
				"is not a boolean (true/false, yes/no, on/off, 1/0); the default, true, applies");
	}

	@Test
	void noTurnsTheWholeIntegrationOff() throws Exception {
		try (ConfigurableApplicationContext context = run(WebApplicationType.NONE, "--systemd.enabled=no")) {
			assertThat(context.getBeanProvider(SystemdNotifier.class).getIfAvailable()).isNull();
		}
		assertThat(this.receiver.poll(Duration.ofMillis(200))).isNull();
	}

	@Test
	void portInUseFailsWithCauseAndErrno() throws Exception {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			assertThatException().isThrownBy(() -> run(WebApplicationType.SERVLET,
					"--server.port=" + taken.getLocalPort(), "--server.address=127.0.0.1"));
			String analysis = "STATUS=Failed to start: Web server failed to start. Port " + taken.getLocalPort()
					+ " was already in use.\nERRNO=98\nEXIT_STATUS=1";
			assertThat(this.receiver.await((m) -> m.startsWith("STATUS=Failed"), WAIT))
				.isEqualTo("STATUS=Failed to start: Address already in use (BindException)\nERRNO=98\nEXIT_STATUS=1");
			// then Spring Boot's failure analysis, handed over by its
			// FailureAnalysisReporter
			assertThat(this.receiver.await(analysis::equals, WAIT)).isEqualTo(analysis);
			assertThat(this.receiver.received()).filteredOn((m) -> m.contains("STATUS=")).last().isEqualTo(analysis);
		}
		assertThat(this.receiver.received()).noneMatch((m) -> m.startsWith("READY=1"));
	}

	@Test
	void runnerFailureAfterRefreshLeavesWhyStartupFailedAsTheStatus() throws Exception {
		SpringApplication application = application(WebApplicationType.SERVLET);
		application.addInitializers(
				(context) -> context.getBeanFactory().registerSingleton("failingRunner", (ApplicationRunner) (args) -> {
					throw new IllegalStateException("migration failed");
				}));
		assertThatException().isThrownBy(() -> application.run(args()));
		this.receiver.await((m) -> m.startsWith("STOPPING=1"), WAIT);
		List<String> received = this.receiver.received();
		assertThat(received).filteredOn((m) -> m.contains("STATUS="))
			.last()
			.asString()
			.startsWith("STATUS=Failed to start: ")
			.contains("migration failed");
		assertThat(received.subList(indexOf(received, "STATUS=Failed to start"), received.size()))
			.contains("STOPPING=1")
			.noneMatch((m) -> m.startsWith("READY=1"));
	}

	@Test
	void failureCarriesTheExitCodeSpringBootExitsWith() throws Exception {
		SpringApplication application = application(WebApplicationType.NONE);
		application.addInitializers((context) -> {
			context.getBeanFactory().registerSingleton("failingRunner", (ApplicationRunner) (args) -> {
				throw new IllegalStateException("migration failed");
			});
			context.getBeanFactory()
				.registerSingleton("exitCodes",
						(ExitCodeExceptionMapper) (ex) -> ex.getMessage().contains("migration") ? 75 : 0);
		});
		assertThatException().isThrownBy(() -> application.run(args()));
		assertThat(this.receiver.await((m) -> m.startsWith("STATUS=Failed"), WAIT))
			.isEqualTo("STATUS=Failed to start: migration failed (IllegalStateException)\nEXIT_STATUS=75");
	}

	@Test
	void stopDuringStartupSendsNoStartupStatusAfterStopping() throws Exception {
		SpringApplication application = application(WebApplicationType.NONE);
		application.addInitializers((context) -> ((GenericApplicationContext) context)
			.registerBean("shutdownHookDuringRefresh", Thread.class, () -> {
				Thread closer = new Thread(context::close, "test-shutdown-hook");
				closer.start();
				return closer;
			}));
		application.addListeners(new AwaitStopping(this.receiver));
		try (ConfigurableApplicationContext context = application.run(args())) {
			assertThat(context.isActive()).isFalse();
		}
		catch (RuntimeException ex) {
			// Spring Boot may report the closed context as a startup failure
		}
		List<String> received = this.receiver.received();
		assertThat(received.subList(indexOf(received, "STOPPING=1"), received.size()))
			.noneMatch((m) -> m.startsWith("STATUS=Starting"))
			.noneMatch((m) -> m.startsWith("READY=1"));
		assertThat(received).contains("STATUS=Starting test-app: creating beans");
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void invalidNotifySocketIsReportedOnce(CapturedOutput output) {
		SpringApplication application = application(WebApplicationType.NONE);
		try (ConfigurableApplicationContext context = application.run("--NOTIFY_SOCKET=relative/x",
				"--spring.main.banner-mode=off")) {
			assertThat(context.getBean(SystemdNotifier.class).isActive()).isFalse();
		}
		assertThat(output.getOut().split("NOTIFY_SOCKET 'relative/x'", -1)).hasSize(2);
	}

	@Test
	void invalidPropertyIsReportedOnceAndTheApplicationRunsWithTheDefault(CapturedOutput output) throws Exception {
		try (ConfigurableApplicationContext context = run(WebApplicationType.NONE, "--WATCHDOG_USEC=2000000",
				"--systemd.watchdog.interval=-5s")) {
			assertThat(this.receiver.await((m) -> m.startsWith("READY=1"), WAIT)).startsWith("READY=1\nSTATUS=Started");
			assertThat(context.getBean(SystemdWatchdog.class).getInterval()).isEqualTo(Duration.ofSeconds(1));
			assertThat(this.receiver.await((m) -> m.equals("WATCHDOG=1"), WAIT)).isNotNull();
		}
		assertThat(output.getOut().lines()).filteredOn((line) -> line.contains("systemd.watchdog.interval '-5s'"))
			.singleElement()
			.asString()
			.contains("WARN")
			.contains("must be at least 100ms; the default, half of WatchdogSec=, applies");
	}

	@Test
	void startTimeoutIsExtendedDuringRefreshAndRunnersButNotAfterReady() throws Exception {
		String extension = "EXTEND_TIMEOUT_USEC=10000000";
		SpringApplication application = application(WebApplicationType.NONE);
		application.addInitializers(
				(context) -> ((GenericApplicationContext) context).registerBean("slowBean", String.class, () -> {
					awaitQuietly((m) -> m.equals("STATUS=Starting test-app: creating beans"));
					return awaitQuietly((m) -> m.equals(extension));
				}));
		application.addInitializers(
				(context) -> context.getBeanFactory().registerSingleton("slowRunner", (ApplicationRunner) (args) -> {
					this.receiver.await((m) -> m.equals("STATUS=Starting test-app: running application runners"), WAIT);
					this.receiver.await((m) -> m.equals(extension), WAIT);
				}));
		try (ConfigurableApplicationContext context = application
			.run(args("--systemd.shutdown.extend-timeout=false"))) {
			this.receiver.await((m) -> m.startsWith("READY=1"), WAIT);
			List<String> received = this.receiver.received();
			int refresh = received.indexOf("STATUS=Starting test-app: creating beans");
			int runners = received.indexOf("STATUS=Starting test-app: running application runners");
			int ready = indexOf(received, "READY=1");
			assertThat(received.subList(refresh, runners)).contains(extension);
			assertThat(received.subList(runners, ready)).contains(extension);
		}
		await().atMost(WAIT).until(() -> liveThreads("systemd-timeout-extender") == 0);
		List<String> received = this.receiver.received();
		assertThat(received.subList(indexOf(received, "READY=1"), received.size()))
			.noneMatch((m) -> m.startsWith("EXTEND_TIMEOUT_USEC="));
	}

	@Test
	void stalledStartupIsNoLongerExtended(CapturedOutput output) throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		SpringApplication application = application(WebApplicationType.NONE);
		application.addInitializers((context) -> context.getBeanFactory()
			.registerSingleton("stuckRunner", (ApplicationRunner) (args) -> release.await()));
		CompletableFuture<ConfigurableApplicationContext> running = CompletableFuture
			.supplyAsync(() -> application.run(args("--systemd.startup.stall-timeout=1s")));
		try {
			this.receiver.await((m) -> m.equals("EXTEND_TIMEOUT_USEC=1250000"), WAIT);
			await().atMost(WAIT).until(() -> output.toString().contains("Startup has made no progress for 1s"));
			assertThat(output).contains("java.util.concurrent.CountDownLatch.await(");
			while (this.receiver.poll(Duration.ZERO) != null) {
				// drain extensions sent before the stall
			}
			assertThat(this.receiver.poll(Duration.ofSeconds(1))).isNull();
		}
		finally {
			release.countDown();
			running.get(WAIT.toSeconds(), TimeUnit.SECONDS).close();
		}
		// the receiver's thread may not have read READY=1 yet when the run returns
		this.receiver.await((m) -> m.startsWith("READY=1"), WAIT);
	}

	@Test
	void startTimeoutExtensionCanBeTurnedOff() throws Exception {
		try (ConfigurableApplicationContext context = run(WebApplicationType.NONE,
				"--systemd.startup.extend-timeout=false")) {
			this.receiver.await((m) -> m.startsWith("READY=1"), WAIT);
		}
		this.receiver.await((m) -> m.startsWith("STOPPING=1"), WAIT);
		List<String> received = this.receiver.received();
		assertThat(received.subList(0, indexOf(received, "STOPPING=1")))
			.noneMatch((m) -> m.startsWith("EXTEND_TIMEOUT_USEC="));
	}

	@Test
	void stopTimeoutIsExtendedDuringASlowShutdownUntilClosed() throws Exception {
		SpringApplication application = application(WebApplicationType.NONE);
		application.addInitializers(
				(context) -> ((GenericApplicationContext) context).registerBean("slowShutdown", DisposableBean.class,
						() -> () -> this.receiver.await((m) -> m.startsWith("EXTEND_TIMEOUT_USEC="), WAIT)));
		try (ConfigurableApplicationContext context = application.run(args("--systemd.startup.extend-timeout=false"))) {
			this.receiver.await((m) -> m.startsWith("READY=1"), WAIT);
		}
		List<String> received = this.receiver.received();
		assertThat(received.subList(indexOf(received, "STOPPING=1"), received.size()))
			.contains("EXTEND_TIMEOUT_USEC=10000000");
		await().atMost(WAIT).until(() -> liveThreads("systemd-timeout-extender") == 0);
	}

	@Test
	void stopTimeoutExtensionCanBeTurnedOff() throws Exception {
		try (ConfigurableApplicationContext context = run(WebApplicationType.NONE,
				"--systemd.startup.extend-timeout=false", "--systemd.shutdown.extend-timeout=false")) {
			this.receiver.await((m) -> m.startsWith("READY=1"), WAIT);
		}
		this.receiver.await((m) -> m.startsWith("STOPPING=1"), WAIT);
		assertThat(this.receiver.received()).noneMatch((m) -> m.startsWith("EXTEND_TIMEOUT_USEC="));
	}

	@Test
	void disabledApplicationSendsNothing() throws Exception {
		try (ConfigurableApplicationContext context = run(WebApplicationType.NONE, "--systemd.enabled=false",
				"--WATCHDOG_USEC=200000")) {
			assertThat(this.receiver.poll(Duration.ofMillis(300))).as("longer than the watchdog interval").isNull();
		}
		assertThat(this.receiver.received()).isEmpty();
	}

	@Test
	void offSystemdNothingIsLoggedAndNoThreadsStart(CapturedOutput output) {
		SpringApplication application = application(WebApplicationType.NONE);
		Set<Thread> before = Thread.getAllStackTraces().keySet();
		try (ConfigurableApplicationContext context = application.run("--spring.application.name=test-app",
				"--spring.main.banner-mode=off", "--WATCHDOG_USEC=200000")) {
			assertThat(context.getBeanNamesForType(io.github.springsystemd.notify.SystemdNotifier.class)).isEmpty();
			assertThat(Thread.getAllStackTraces().keySet()).filteredOn((thread) -> !before.contains(thread))
				.noneMatch((thread) -> thread.getName().startsWith("systemd-"));
		}
		assertThat(output.toString().lines()).isNotEmpty()
			.noneMatch((line) -> line.contains("i.g.s.") || line.contains("io.github.springsystemd.")
					|| line.contains("NOTIFY_SOCKET") || line.contains("watchdog"));
	}

	private String awaitQuietly(Predicate<String> condition) {
		try {
			return this.receiver.await(condition, WAIT);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static int indexOf(List<String> messages, String prefix) {
		for (int i = 0; i < messages.size(); i++) {
			if (messages.get(i).startsWith(prefix)) {
				return i;
			}
		}
		throw new AssertionError("No message starting with '" + prefix + "' in " + messages);
	}

	private static long liveThreads(String name) {
		return Thread.getAllStackTraces().keySet().stream().filter((t) -> t.getName().equals(name)).count();
	}

	private @Nullable String readyWithin(Duration timeout) throws InterruptedException {
		try {
			return this.receiver.await((m) -> m.startsWith("READY=1"), timeout);
		}
		catch (AssertionError ex) {
			return null;
		}
	}

	/**
	 * Run an application with a value it cannot use for a setting: it starts, and says so
	 * in one warning that names the setting and the value.
	 */
	private void assertStartsWithOneWarning(CapturedOutput output, String setting, String value, String why)
			throws Exception {
		try (ConfigurableApplicationContext context = run(WebApplicationType.NONE, "--" + setting + "=" + value)) {
			assertThat(this.receiver.await((m) -> m.startsWith("READY=1"), WAIT)).startsWith("READY=1\nSTATUS=Started");
		}
		assertThat(this.receiver.received()).contains("STATUS=Starting test-app");
		assertThat(output.toString().lines()).filteredOn((line) -> line.contains("'" + value + "'"))
			.singleElement()
			.asString()
			.contains("WARN")
			.contains(setting + " '" + value + "'")
			.contains(why);
	}

	/**
	 * Run a child application and its parent, send a SIGHUP once they are ready, check
	 * what follows, then close both.
	 */
	private void sighupOnceReady(SpringApplicationBuilder builder, AfterSighup afterSighup) throws Exception {
		ConfigurableApplicationContext child = builder.run(args("--spring.cloud.refresh.enabled=false"));
		ConfigurableApplicationContext parent = (ConfigurableApplicationContext) child.getParent();
		try {
			assertThat(this.receiver.await((m) -> m.startsWith("READY=1"), WAIT))
				.startsWith("READY=1\nSTATUS=Started test-app");
			SighupHandlers.kill(1);
			afterSighup.check();
		}
		finally {
			child.close();
			parent.close();
		}
	}

	private ConfigurableApplicationContext run(WebApplicationType type, String... extraArgs) {
		return application(type).run(args(extraArgs));
	}

	private String[] args(String... extraArgs) {
		List<String> args = new ArrayList<>(List.of("--NOTIFY_SOCKET=" + this.receiver.getNotifySocket(),
				"--spring.application.name=test-app", "--spring.main.banner-mode=off"));
		args.addAll(List.of(extraArgs));
		if (args.stream().noneMatch((arg) -> arg.startsWith("--server.port="))) {
			args.add("--server.port=0");
		}
		return args.toArray(String[]::new);
	}

	private static SpringApplicationBuilder parentReloadingWith(AtomicInteger reloads) {
		return new SpringApplicationBuilder(TestApplication.class).web(WebApplicationType.NONE)
			.initializers((parent) -> parent.getBeanFactory()
				.registerSingleton("parentReloads", (SystemdReloadHandler) reloads::incrementAndGet));
	}

	private SpringApplication application(WebApplicationType type) {
		SpringApplication application = new SpringApplication(TestApplication.class);
		application.setWebApplicationType(type);
		return application;
	}

	@FunctionalInterface
	private interface AfterSighup {

		void check() throws Exception;

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		org.springframework.boot.health.contributor.HealthIndicator test(
				org.springframework.core.env.Environment environment) {
			String status = environment.getProperty("test.health", "UP");
			return () -> org.springframework.boot.health.contributor.Health
				.status(new org.springframework.boot.health.contributor.Status(status))
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class ChildApplication {

	}

	/**
	 * Sets a property in the environment of the application it listens to only, before
	 * anything reads it.
	 */
	record ChildProperty(String name,
			String value) implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

		@Override
		public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
			event.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("child", Map.of(this.name, this.value)));
		}

		@Override
		public int getOrder() {
			return Ordered.HIGHEST_PRECEDENCE;
		}

	}

	/**
	 * Holds up the started event until {@code STOPPING=1} arrived, as when the shutdown
	 * hook closes the context the moment refresh lets it.
	 */
	static class AwaitStopping
			implements org.springframework.context.ApplicationListener<ApplicationStartedEvent>, Ordered {

		private final NotifySocketReceiver receiver;

		AwaitStopping(NotifySocketReceiver receiver) {
			this.receiver = receiver;
		}

		@Override
		public void onApplicationEvent(ApplicationStartedEvent event) {
			await().atMost(WAIT)
				.until(() -> this.receiver.received().stream().anyMatch((m) -> m.startsWith("STOPPING=1")));
		}

		@Override
		public int getOrder() {
			return Ordered.HIGHEST_PRECEDENCE;
		}

	}

	static class StopRecorder implements SmartLifecycle {

		private final NotifySocketReceiver receiver;

		private final List<String> seen;

		private volatile boolean running;

		StopRecorder(NotifySocketReceiver receiver, List<String> seen) {
			this.receiver = receiver;
			this.seen = seen;
		}

		@Override
		public void start() {
			this.running = true;
		}

		@Override
		public void stop() {
			// what was sent before this stop, once the receiver thread has read it; when
			// STOPPING=1 is not among it, the wait fails and nothing is recorded
			await().atMost(WAIT)
				.until(() -> this.receiver.received().stream().anyMatch((m) -> m.startsWith("STOPPING=1")));
			this.seen.addAll(this.receiver.received());
			this.running = false;
		}

		@Override
		public boolean isRunning() {
			return this.running;
		}

		@Override
		public int getPhase() {
			return Integer.MAX_VALUE;
		}

	}

}
