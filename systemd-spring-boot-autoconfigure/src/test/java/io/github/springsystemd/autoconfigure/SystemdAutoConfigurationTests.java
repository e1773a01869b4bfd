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

import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.springsystemd.lifecycle.SystemdLifecycleNotifier;
import io.github.springsystemd.notify.SystemdNotifier;
import io.github.springsystemd.protocol.Notification;
import io.github.springsystemd.watchdog.GateDecision;
import io.github.springsystemd.watchdog.HealthContributorWatchdogGate;
import io.github.springsystemd.watchdog.LivenessStateWatchdogGate;
import io.github.springsystemd.watchdog.ThreadDump;
import io.github.springsystemd.watchdog.WatchdogGate;
import io.github.springsystemd.watchdog.SystemdWatchdog;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SystemdAutoConfiguration}.
 */
@ExtendWith(OutputCaptureExtension.class)
class SystemdAutoConfigurationTests {

	private static final String NOTIFY_SOCKET = "NOTIFY_SOCKET=/run/systemd-spring-boot-test/notify";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SystemdAutoConfiguration.class,
				ApplicationAvailabilityAutoConfiguration.class, HealthContributorAutoConfiguration.class,
				HealthContributorRegistryAutoConfiguration.class, HealthEndpointAutoConfiguration.class));

	@Test
	void closedContextLeavesNothingToSendAgain() {
		AtomicReference<SystemdNotifier> notifier = new AtomicReference<>();
		this.contextRunner.withPropertyValues(NOTIFY_SOCKET).run((context) -> {
			notifier.set(context.getBean(SystemdNotifier.class));
			assertThat(notifier.get().deliver(Notification.ready())).as("no service manager listens there").isFalse();
			assertThat(notifier.get().getPending()).containsExactly(Notification.ready());
		});
		assertThat(notifier.get().getPending()).isEmpty();
		assertThat(notifier.get().deliver(Notification.stopping())).isFalse();
		assertThat(notifier.get().getPending()).isEmpty();
	}

	@Test
	void backsOffWithoutNotifySocket(CapturedOutput output) {
		Set<Thread> before = Thread.getAllStackTraces().keySet();
		this.contextRunner.withPropertyValues("WATCHDOG_USEC=2000000").run((context) -> {
			assertThat(context).doesNotHaveBean(SystemdNotifier.class)
				.doesNotHaveBean(SystemdLifecycleNotifier.class)
				.doesNotHaveBean(SystemdWatchdog.class)
				.doesNotHaveBean(WatchdogGate.class)
				.doesNotHaveBean(SystemdProperties.class);
			assertThat(Thread.getAllStackTraces().keySet()).filteredOn((t) -> !before.contains(t))
				.noneMatch((t) -> t.getName().startsWith("systemd-"));
		});
		assertThat(output).doesNotContainIgnoringCase("systemd");
	}

	@Test
	void backsOffWhenDisabled() {
		this.contextRunner.withPropertyValues(NOTIFY_SOCKET, "WATCHDOG_USEC=2000000", "systemd.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SystemdNotifier.class)
				.doesNotHaveBean(SystemdLifecycleNotifier.class)
				.doesNotHaveBean(SystemdWatchdog.class));
	}

	@Test
	void notifySocketCreatesNotifierAndLifecycleNotifier() {
		this.contextRunner.withPropertyValues(NOTIFY_SOCKET).run((context) -> {
			assertThat(context).hasSingleBean(SystemdNotifier.class).hasSingleBean(SystemdLifecycleNotifier.class);
			assertThat(context.getBean(SystemdNotifier.class).isActive()).isTrue();
			assertThat(context).doesNotHaveBean(SystemdWatchdog.class);
		});
	}

	@Test
	void userDefinedNotifierIsUsed() {
		this.contextRunner.withPropertyValues(NOTIFY_SOCKET)
			.withBean("customNotifier", SystemdNotifier.class, SystemdNotifier::inactive)
			.run((context) -> assertThat(context).getBean(SystemdNotifier.class).isSameAs(SystemdNotifier.inactive()));
	}

	@Test
	void invalidNotifySocketKeepsApplicationRunningWithOneWarning(CapturedOutput output) {
		this.contextRunner.withPropertyValues("NOTIFY_SOCKET=relative/notify", "WATCHDOG_USEC=2000000")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(SystemdNotifier.class).isActive()).isFalse();
				assertThat(context.getBeanProvider(SystemdWatchdog.class).getIfAvailable()).isNull();
			});
		assertThat(output).contains(
				"NOTIFY_SOCKET 'relative/notify' is not an absolute path or @abstract name; systemd notifications are disabled");
	}

	@Test
	void watchdogPingsAtHalfTheTimeoutAndBoundsChecksAtHalfTheInterval() {
		this.contextRunner.withPropertyValues(NOTIFY_SOCKET, "WATCHDOG_USEC=4000000").run((context) -> {
			SystemdWatchdog watchdog = context.getBean(SystemdWatchdog.class);
			assertThat(watchdog.getInterval()).isEqualTo(Duration.ofSeconds(2));
			assertThat(watchdog.isRunning()).isFalse();
		});
	}

	@Test
	void watchdogIntervalCanBeSet() {
		this.contextRunner.withPropertyValues(NOTIFY_SOCKET, "WATCHDOG_USEC=4000000", "systemd.watchdog.interval=1")
			.run((context) -> assertThat(context.getBean(SystemdWatchdog.class).getInterval())
				.isEqualTo(Duration.ofSeconds(1)));
	}

	@Test
	void watchdogIntervalNotBelowTimeoutWarnsAndPingsAtHalfTheTimeout(CapturedOutput output) {
		this.contextRunner.withPropertyValues(NOTIFY_SOCKET, "WATCHDOG_USEC=4000000", "systemd.watchdog.interval=5s")
			.run((context) -> assertThat(context.getBean(SystemdWatchdog.class).getInterval())
				.isEqualTo(Duration.ofSeconds(2)));
		assertThat(output).contains("systemd.watchdog.interval (5s) is not below the watchdog timeout WatchdogSec=4s, "
				+ "so systemd would restart the service between pings; pinging every 2s instead. "
				+ "Use about half of WatchdogSec=");
	}

	@Test
	void watchdogTurnedOffUnderWatchdogSecSaysSystemdWillRestartTheService(CapturedOutput output) {
		this.contextRunner.withPropertyValues(NOTIFY_SOCKET, "WATCHDOG_USEC=10000000", "systemd.watchdog.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SystemdWatchdog.class));
		assertThat(output).containsOnlyOnce("systemd.watchdog.enabled is false, but the unit sets WatchdogSec=10s "
				+ "(WATCHDOG_USEC): no watchdog ping is sent, so systemd restarts the service 10s after it started. "
				+ "Remove WatchdogSec= from the unit, or set systemd.watchdog.enabled=true");
	}

	@Test
	void watchdogTurnedOffForAMainPidThisProcessServesSaysSo(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues(NOTIFY_SOCKET, "WATCHDOG_USEC=10000000", "WATCHDOG_PID=1", "systemd.send-main-pid=true",
					"systemd.watchdog.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed());
		assertThat(output).containsOnlyOnce("systemd.watchdog.enabled is false, but the unit sets WatchdogSec=10s");
	}

	@Test
	void watchdogTurnedOffWithoutWatchdogSecSaysNothing(CapturedOutput output) {
		this.contextRunner.withPropertyValues(NOTIFY_SOCKET, "systemd.watchdog.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed());
		this.contextRunner.withPropertyValues(NOTIFY_SOCKET, "WATCHDOG_USEC=infinity", "systemd.watchdog.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed());
		this.contextRunner
			.withPropertyValues(NOTIFY_SOCKET, "WATCHDOG_USEC=10000000", "WATCHDOG_PID=1",
					"systemd.watchdog.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed());
		assertThat(output).doesNotContain("systemd.watchdog.enabled is false");
	}

	@Test
	void systemdTurnedOffUnderNotifySocketSaysTheStartWillTimeOut(CapturedOutput output) {
		this.contextRunner.withPropertyValues(NOTIFY_SOCKET, "WATCHDOG_USEC=4000000", "systemd.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SystemdNotifier.class));
		assertThat(output).containsOnlyOnce("systemd.enabled is false, but NOTIFY_SOCKET is set: nothing is sent, "
				+ "READY=1 included, so when this is the main process of a Type=notify unit, its start fails when "
				+ "TimeoutStartSec= runs out and the unit sets WatchdogSec=4s (WATCHDOG_USEC): no watchdog ping is "
				+ "sent, so systemd restarts the service 4s after it started. Set systemd.enabled=true, or change the "
				+ "unit (Type=exec)");
	}

	@Test
	void systemdTurnedOffOffSystemdSaysNothing(CapturedOutput output) {
		this.contextRunner.withPropertyValues("systemd.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed());
		assertThat(output).doesNotContain("systemd.enabled is false");
	}

	@Test
	void watchdogIntervalEqualToTimeoutIsReplacedToo() {
		this.contextRunner
			.withPropertyValues(NOTIFY_SOCKET, "WATCHDOG_USEC=10000000", "systemd.watchdog.interval=10s",
					"systemd.watchdog.trigger-after=6s")
			.run((context) -> assertThat(context.getBean(SystemdWatchdog.class).getInterval())
				.isEqualTo(Duration.ofSeconds(3)));
	}

	@Test
	void healthTimeoutNotBelowIntervalWarns(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues(NOTIFY_SOCKET, "WATCHDOG_USEC=4000000", "systemd.watchdog.health.timeout=2500ms")
			.run((context) -> assertThat(context).hasSingleBean(SystemdWatchdog.class));
		assertThat(output).contains("systemd.watchdog.health.timeout (2500ms) is not below the watchdog interval (2s)");
	}

	@Test
	void watchdogCanBeDisabled() {
		this.contextRunner.withPropertyValues(NOTIFY_SOCKET, "WATCHDOG_USEC=4000000", "systemd.watchdog.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SystemdWatchdog.class)
				.doesNotHaveBean(WatchdogGate.class));
	}

	@Test
	void watchdogForAnotherProcessIsOffWithAHint(CapturedOutput output) {
		this.contextRunner.withPropertyValues(NOTIFY_SOCKET, "WATCHDOG_USEC=4000000", "WATCHDOG_PID=1")
			.run((context) -> assertThat(context.getBeanProvider(SystemdWatchdog.class).getIfAvailable()).isNull());
		assertThat(output).contains("The systemd watchdog is meant for pid 1 (WATCHDOG_PID), not for this process")
			.contains("set systemd.send-main-pid=true and NotifyAccess=all");
	}

	@Test
	void watchdogForWrapperIsServedWhenSendingMainPid() {
		this.contextRunner
			.withPropertyValues(NOTIFY_SOCKET, "WATCHDOG_USEC=4000000", "WATCHDOG_PID=1", "systemd.send-main-pid=true")
			.run((context) -> assertThat(context.getBeanProvider(SystemdWatchdog.class).getIfAvailable()).isNotNull());
	}

	@Test
	void watchdogForThisProcessIsServed() {
		this.contextRunner
			.withPropertyValues(NOTIFY_SOCKET, "WATCHDOG_USEC=4000000", "WATCHDOG_PID=" + ProcessHandle.current().pid())
			.run((context) -> assertThat(context.getBeanProvider(SystemdWatchdog.class).getIfAvailable()).isNotNull());
	}

	@Test
	void invalidWatchdogUsecIsOffWithOneWarning(CapturedOutput output) {
		this.contextRunner.withPropertyValues(NOTIFY_SOCKET, "WATCHDOG_USEC=abc").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBeanProvider(SystemdWatchdog.class).getIfAvailable()).isNull();
		});
		assertThat(output).contains("WATCHDOG_USEC 'abc' is not a number; systemd watchdog pings are disabled");
	}

	@Test
	void gatesOnActuatorHealthWhenAvailable() {
		this.contextRunner.withPropertyValues(NOTIFY_SOCKET, "WATCHDOG_USEC=4000000")
			.run((context) -> assertThat(context).hasSingleBean(HealthEndpoint.class)
				.hasSingleBean(HealthContributorWatchdogGate.class)
				.doesNotHaveBean(LivenessStateWatchdogGate.class));
	}

	@Test
	void gatesOnLivenessWithoutActuator() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HealthEndpoint.class))
			.withPropertyValues(NOTIFY_SOCKET, "WATCHDOG_USEC=4000000")
			.run((context) -> assertThat(context).hasSingleBean(LivenessStateWatchdogGate.class)
				.doesNotHaveBean(HealthContributorWatchdogGate.class));
	}

	@Test
	void gatesOnLivenessWhenThereIsNoHealthEndpoint() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SystemdAutoConfiguration.class,
					ApplicationAvailabilityAutoConfiguration.class))
			.withPropertyValues(NOTIFY_SOCKET, "WATCHDOG_USEC=4000000")
			.run((context) -> assertThat(context).doesNotHaveBean(HealthEndpoint.class)
				.hasSingleBean(LivenessStateWatchdogGate.class));
	}

	@Test
	void pingsUngatedWithoutApplicationAvailability() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(SystemdAutoConfiguration.class))
			.withPropertyValues(NOTIFY_SOCKET, "WATCHDOG_USEC=4000000")
			.run((context) -> assertThat(context).doesNotHaveBean(WatchdogGate.class)
				.hasSingleBean(SystemdWatchdog.class));
	}

	@Test
	void userDefinedGateReplacesDefaultGates() {
		this.contextRunner.withPropertyValues(NOTIFY_SOCKET, "WATCHDOG_USEC=4000000")
			.withUserConfiguration(CustomGateConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(WatchdogGate.class).hasBean("customGate"));
	}

	@Test
	void healthGateCanBeDisabled() {
		this.contextRunner
			.withPropertyValues(NOTIFY_SOCKET, "WATCHDOG_USEC=4000000", "systemd.watchdog.health.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(WatchdogGate.class)
				.hasSingleBean(SystemdWatchdog.class));
	}

	@Test
	void healthGroupMustExist() {
		this.contextRunner
			.withPropertyValues(NOTIFY_SOCKET, "WATCHDOG_USEC=4000000", "systemd.watchdog.health.group=livenes")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(WatchdogHealthGroupNotFoundException.class)
				.hasMessageContaining("systemd.watchdog.health.group 'livenes' is not a health group")
				.hasMessageContaining("watchdog"));
	}

	@Test
	void healthGroupIsUsedWhenItExists() {
		this.contextRunner
			.withPropertyValues(NOTIFY_SOCKET, "WATCHDOG_USEC=4000000", "systemd.watchdog.health.group=core",
					"management.endpoint.health.group.core.include=ping")
			.run((context) -> assertThat(context.getBean(HealthContributorWatchdogGate.class).check())
				.extracting(GateDecision::open, GateDecision::reason)
				.containsExactly(true, "health group 'core' is UP"));
	}

	@Test
	void negativeIntervalFailsBinding() {
		this.contextRunner.withPropertyValues(NOTIFY_SOCKET, "WATCHDOG_USEC=4000000", "systemd.watchdog.interval=-1s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("Binding validation errors on systemd")
				.hasStackTraceContaining("'watchdog.interval': rejected value [PT-1S]")
				.hasStackTraceContaining("must be at least 100ms"));
	}

	@Test
	void zeroHealthTimeoutFailsBinding() {
		this.contextRunner
			.withPropertyValues(NOTIFY_SOCKET, "WATCHDOG_USEC=4000000", "systemd.watchdog.health.timeout=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("'watchdog.health.timeout': rejected value [PT0S]")
				.hasStackTraceContaining("must be at least 10ms"));
	}

	@Test
	void triggerAfterIsPassedOnAndShortensTheDefaultInterval() {
		this.contextRunner
			.withPropertyValues(NOTIFY_SOCKET, "WATCHDOG_USEC=30000000", "systemd.watchdog.trigger-after=1s")
			.run((context) -> {
				SystemdWatchdog watchdog = context.getBean(SystemdWatchdog.class);
				assertThat(watchdog.getTriggerAfter()).isEqualTo(Duration.ofSeconds(1));
				assertThat(watchdog.getInterval()).isEqualTo(Duration.ofMillis(500));
			});
	}

	@Test
	void stuckCheckThreadDumpDefaultsToTheCheckThreadAndCanBeSet() {
		this.contextRunner.withPropertyValues(NOTIFY_SOCKET, "WATCHDOG_USEC=4000000")
			.run((context) -> assertThat(context.getBean(SystemdWatchdog.class).getThreadDump())
				.isEqualTo(ThreadDump.CHECK_THREAD));
		this.contextRunner
			.withPropertyValues(NOTIFY_SOCKET, "WATCHDOG_USEC=4000000",
					"systemd.watchdog.health.thread-dump=all-threads")
			.run((context) -> assertThat(context.getBean(SystemdWatchdog.class).getThreadDump())
				.isEqualTo(ThreadDump.ALL_THREADS));
	}

	@Test
	void watchdogFailureIsTriggeredAfterWatchdogSecByDefault() {
		this.contextRunner.withPropertyValues(NOTIFY_SOCKET, "WATCHDOG_USEC=4000000")
			.run((context) -> assertThat(context.getBean(SystemdWatchdog.class).getTriggerAfter())
				.isEqualTo(Duration.ofSeconds(4)));
	}

	@Test
	void triggerAfterLongerThanWatchdogTimeoutWarnsAndIsCapped(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues(NOTIFY_SOCKET, "WATCHDOG_USEC=4000000", "systemd.watchdog.trigger-after=10s")
			.run((context) -> {
				SystemdWatchdog watchdog = context.getBean(SystemdWatchdog.class);
				assertThat(watchdog.getInterval()).isEqualTo(Duration.ofSeconds(2));
				assertThat(watchdog.getTriggerAfter()).isEqualTo(Duration.ofSeconds(4));
			});
		assertThat(output).contains("systemd.watchdog.trigger-after (10s) is longer than the watchdog timeout "
				+ "WatchdogSec=4s; the watchdog failure is triggered after WatchdogSec= instead");
	}

	@Test
	void intervalLongerThanTriggerAfterWarns(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues(NOTIFY_SOCKET, "WATCHDOG_USEC=30000000", "systemd.watchdog.trigger-after=2s",
					"systemd.watchdog.interval=5s")
			.run((context) -> assertThat(context).hasSingleBean(SystemdWatchdog.class));
		assertThat(output)
			.contains("systemd.watchdog.interval (5s) is longer than systemd.watchdog.trigger-after (2s)");
	}

	@Test
	void zeroTriggerAfterFailsBinding() {
		this.contextRunner
			.withPropertyValues(NOTIFY_SOCKET, "WATCHDOG_USEC=4000000", "systemd.watchdog.trigger-after=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("'watchdog.trigger-after': rejected value [PT0S]"));
	}

	@Test
	void timeoutExtensionDefaults() {
		this.contextRunner.withPropertyValues(NOTIFY_SOCKET).run((context) -> {
			SystemdProperties properties = context.getBean(SystemdProperties.class);
			assertThat(properties.getStartup().isExtendTimeout()).isTrue();
			assertThat(properties.getStartup().getStallTimeout()).isEqualTo(Duration.ofSeconds(60));
			assertThat(properties.getShutdown().isExtendTimeout()).isTrue();
			assertThat(properties.getShutdown().getStallTimeout()).isEqualTo(Duration.ofSeconds(60));
		});
	}

	@Test
	void stallTimeoutsAreSecondsByDefault() {
		this.contextRunner
			.withPropertyValues(NOTIFY_SOCKET, "systemd.startup.stall-timeout=90",
					"systemd.shutdown.stall-timeout=1500ms")
			.run((context) -> {
				SystemdProperties properties = context.getBean(SystemdProperties.class);
				assertThat(properties.getStartup().getStallTimeout()).isEqualTo(Duration.ofSeconds(90));
				assertThat(properties.getShutdown().getStallTimeout()).isEqualTo(Duration.ofMillis(1500));
			});
	}

	@Test
	void zeroStallTimeoutFailsBinding() {
		this.contextRunner
			.withPropertyValues(NOTIFY_SOCKET, "systemd.startup.stall-timeout=0", "systemd.shutdown.stall-timeout=-1s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("'startup.stall-timeout': rejected value [PT0S]")
				.hasStackTraceContaining("'shutdown.stall-timeout': rejected value [PT-1S]"));
	}

	@Test
	void negativeWarmUpRequestsAndARelativeWarmUpPathFailBinding() {
		this.contextRunner
			.withPropertyValues(NOTIFY_SOCKET, "systemd.socket-activation.warm-up.requests=-1",
					"systemd.socket-activation.warm-up.paths=/,health")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("'socket-activation.warm-up.requests': rejected value [-1]")
				.hasStackTraceContaining("'socket-activation.warm-up.paths': rejected value [[/, health]]")
				.hasStackTraceContaining("each must start with '/' ('health' does not)"));
	}

	@Test
	void warmUpPathThatIsNotAValidUriFailsBinding() {
		this.contextRunner.withPropertyValues(NOTIFY_SOCKET, "systemd.socket-activation.warm-up.paths=/search?q=a b")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("'socket-activation.warm-up.paths': rejected value [[/search?q=a b]]")
				.hasStackTraceContaining("each must be a valid URI path")
				.hasStackTraceContaining("('/search?q=a b' is not)"));
	}

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(textBlock = """
			watchdog.interval,       1ms, PT0.001S,   100ms
			watchdog.interval,       99ms, PT0.099S,  100ms
			watchdog.trigger-after,  1ns, PT0.000000001S, 100ms
			watchdog.health.timeout, 1ns, PT0.000000001S, 10ms
			startup.stall-timeout,   1ns, PT0.000000001S, 1s
			shutdown.stall-timeout,  1ns, PT0.000000001S, 1s
			shutdown.stall-timeout,  999ms, PT0.999S, 1s
			socket-activation.warm-up.timeout, 99ms, PT0.099S, 100ms
			""")
	void durationBelowItsMinimumFailsBindingNamingThePropertyAndValue(String property, String value, String bound,
			String minimum) {
		this.contextRunner
			.withPropertyValues(NOTIFY_SOCKET, "WATCHDOG_USEC=4000000", "systemd." + property + "=" + value)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasRootCauseInstanceOf(BindValidationException.class)
				.hasStackTraceContaining("Binding validation errors on systemd")
				.hasStackTraceContaining("'" + property + "': rejected value [" + bound + "]")
				.hasStackTraceContaining("must be at least " + minimum));
	}

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(textBlock = """
			watchdog.interval,       100ms
			watchdog.trigger-after,  100ms
			watchdog.health.timeout, 10ms
			startup.stall-timeout,   1s
			shutdown.stall-timeout,  1s
			""")
	void durationAtItsMinimumIsAccepted(String property, String value) {
		this.contextRunner
			.withPropertyValues(NOTIFY_SOCKET, "WATCHDOG_USEC=4000000", "systemd." + property + "=" + value)
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void watchdogTimeoutBelowTheFloorIsClampedWithOneWarning(CapturedOutput output) {
		this.contextRunner.withPropertyValues(NOTIFY_SOCKET, "WATCHDOG_USEC=1")
			.run((context) -> assertThat(context.getBean(SystemdWatchdog.class).getInterval())
				.isEqualTo(Duration.ofMillis(100)));
		assertThat(output.toString().lines()).filteredOn((line) -> line.contains("WATCHDOG_USEC"))
			.singleElement()
			.asString()
			.contains("WARN")
			.contains("WATCHDOG_USEC '1' (microseconds) is below the shortest watchdog timeout served, 200ms; "
					+ "pinging as if WatchdogSec= were 200ms");
	}

	@Test
	void infiniteWatchdogTimeoutMeansNoWatchdogAndNoWarning(CapturedOutput output) {
		this.contextRunner.withPropertyValues(NOTIFY_SOCKET, "WATCHDOG_USEC=18446744073709551615").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBeanProvider(SystemdWatchdog.class).getIfAvailable()).isNull();
		});
		assertThat(output.toString().lines()).noneMatch((line) -> line.contains("WATCHDOG_USEC"))
			.noneMatch((line) -> line.contains("WARN") && line.toLowerCase(Locale.ROOT).contains("watchdog"));
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomGateConfiguration {

		@Bean
		WatchdogGate customGate() {
			return () -> GateDecision.open("custom");
		}

	}

}
