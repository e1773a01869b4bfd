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

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.BeanWrapperImpl;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
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
	void childContextUsesItsParentsWatchdogAndReadyListeners() {
		this.contextRunner.withPropertyValues(NOTIFY_SOCKET, "WATCHDOG_USEC=2000000").run((parent) -> {
			assertThat(parent).hasSingleBean(SystemdWatchdog.class)
				.hasBean("systemdUnitReader")
				.hasBean("systemdTemplateInstances");
			this.contextRunner.withParent(parent)
				.withPropertyValues(NOTIFY_SOCKET, "WATCHDOG_USEC=2000000")
				.run((child) -> {
					ConfigurableListableBeanFactory own = child.getSourceApplicationContext().getBeanFactory();
					assertThat(own.getBeanNamesForType(SystemdWatchdog.class)).isEmpty();
					assertThat(own.containsLocalBean("systemdUnitReader")).isFalse();
					assertThat(own.containsLocalBean("systemdTemplateInstances")).isFalse();
					assertThat(child.getBean(SystemdWatchdog.class)).isSameAs(parent.getBean(SystemdWatchdog.class));
				});
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
		assertThat(output).contains(
				"systemd.watchdog.interval (5s) (\"systemd.watchdog.interval\" from property source \"test\") is not below the watchdog timeout "
						+ "WatchdogSec=4s, "
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
				+ "TimeoutStartSec= runs out. Also, the unit sets WatchdogSec=4s (WATCHDOG_USEC): no watchdog ping is "
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
			.withPropertyValues(NOTIFY_SOCKET, "WATCHDOG_USEC=10000000", "systemd.watchdog.interval=2s",
					"systemd.watchdog.health.timeout=2500ms")
			.run((context) -> assertThat(context.getBean(SystemdWatchdog.class)).extracting("checkTimeout")
				.isEqualTo(Duration.ofMillis(2500)));
		assertThat(output).contains(
				"systemd.watchdog.health.timeout (2500ms) (\"systemd.watchdog.health.timeout\" from property source \"test\") is not below the "
						+ "watchdog interval (2s)")
			.doesNotContain("is too long for the watchdog interval");
	}

	@ParameterizedTest
	@CsvSource(textBlock = """
			4000000,  ,    2500ms, 1s
			10000000, ,    4900ms, 2500ms
			10000000, ,    1d,     2500ms
			10000000, 9s,  1s,     500ms
			10000000, 8s,  1900ms, 1s
			""")
	void healthTimeoutThatWouldDelayAPingPastWatchdogSecWarnsAndOneThatFitsApplies(String watchdogUsec,
			@Nullable String interval, String timeout, String applied, CapturedOutput output) {
		this.contextRunner
			.withPropertyValues(NOTIFY_SOCKET, "WATCHDOG_USEC=" + watchdogUsec,
					"systemd.watchdog.health.timeout=" + timeout)
			.withPropertyValues((interval != null) ? "systemd.watchdog.interval=" + interval : "systemd.enabled=true")
			.run((context) -> assertHealthTimeoutFits(context, watchdogUsec, applied));
		assertThat(output).containsOnlyOnce(") is too long for the watchdog interval (")
			.contains("would come after systemd's deadline and the service would be killed; using " + applied
					+ " instead");
	}

	@ParameterizedTest
	@CsvSource(textBlock = """
			10000000, ,      2500ms
			4000000,  ,      1s
			10000000, 2s,    1s
			10000000, 8s,    1s
			10000000, 9s,    500ms
			10000000, 9970ms, 15ms
			10000000, 9982ms, 10ms
			""")
	void healthTimeoutByDefaultLetsAPingThatWaitsForACheckComeInTime(String watchdogUsec, @Nullable String interval,
			String applied, CapturedOutput output) {
		this.contextRunner.withPropertyValues(NOTIFY_SOCKET, "WATCHDOG_USEC=" + watchdogUsec)
			.withPropertyValues((interval != null) ? "systemd.watchdog.interval=" + interval : "systemd.enabled=true")
			.run((context) -> assertHealthTimeoutFits(context, watchdogUsec, applied));
		assertThat(output).doesNotContain("systemd.watchdog.health.timeout");
	}

	/**
	 * Assert the health check timeout applied, and that a ping that waits for a check
	 * that long still comes before WatchdogSec= runs out.
	 */
	private static void assertHealthTimeoutFits(AssertableApplicationContext context, String watchdogUsec,
			String applied) {
		SystemdWatchdog watchdog = context.getBean(SystemdWatchdog.class);
		Duration checkTimeout = DurationStyle.detectAndParse(applied);
		assertThat(watchdog).extracting("checkTimeout").isEqualTo(checkTimeout);
		assertThat(watchdog.getInterval().plus(SystemdWatchdog.checkWait(checkTimeout)))
			.isLessThan(Duration.ofNanos(Long.parseLong(watchdogUsec) * 1000));
	}

	@Test
	void intervalThatLeavesNoTimeForAHealthCheckWarnsAndPingsAtHalfTheTimeout(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues(NOTIFY_SOCKET, "WATCHDOG_USEC=10000000", "systemd.watchdog.interval=9990ms")
			.run((context) -> {
				SystemdWatchdog watchdog = context.getBean(SystemdWatchdog.class);
				assertThat(watchdog.getInterval()).isEqualTo(Duration.ofSeconds(5));
				assertThat(watchdog).extracting("checkTimeout").isEqualTo(Duration.ofMillis(2500));
			});
		assertThat(output).containsOnlyOnce("systemd.watchdog.interval (9990ms) (\"systemd.watchdog.interval\" from "
				+ "property source \"test\") leaves less of the watchdog timeout WatchdogSec=10s than the shortest health "
				+ "check takes with its grace (15ms), so a ping that waits for one would come after systemd's deadline; "
				+ "pinging every 5s instead");
	}

	@Test
	void aValueOfSystemdItselfDoesNotStopTheApplication() {
		this.contextRunner.withPropertyValues(NOTIFY_SOCKET, "WATCHDOG_USEC=4000000", "systemd=x")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(SystemdWatchdog.class));
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
	void invalidWatchdogPidIsOffWithOneWarningAlsoWhenSendingMainPid(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues(NOTIFY_SOCKET, "WATCHDOG_USEC=4000000", "WATCHDOG_PID=abc",
					"systemd.send-main-pid=true")
			.run((context) -> assertThat(context.getBeanProvider(SystemdWatchdog.class).getIfAvailable()).isNull());
		assertThat(output).containsOnlyOnce("WATCHDOG_PID 'abc' is not a number; systemd watchdog pings are disabled");
	}

	@Test
	void watchdogPidZeroIsInvalidNotAnotherProcess(CapturedOutput output) {
		this.contextRunner.withPropertyValues(NOTIFY_SOCKET, "WATCHDOG_USEC=4000000", "WATCHDOG_PID=0")
			.run((context) -> assertThat(context.getBeanProvider(SystemdWatchdog.class).getIfAvailable()).isNull());
		assertThat(output).contains("WATCHDOG_PID '0' is not a positive number; systemd watchdog pings are disabled")
			.doesNotContain("send-main-pid");
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
	void healthGroupThatDoesNotExistWarnsAndTheWatchdogGroupGates(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues(NOTIFY_SOCKET, "WATCHDOG_USEC=4000000", "systemd.watchdog.health.group=livenes")
			.run((context) -> assertThat(context.getBean(HealthContributorWatchdogGate.class).check())
				.extracting(GateDecision::open, GateDecision::reason)
				.containsExactly(true, "health group 'watchdog' is UP"));
		assertThat(output.toString().lines()).filteredOn((line) -> line.contains("livenes"))
			.singleElement()
			.asString()
			.contains("WARN")
			.contains(
					"systemd.watchdog.health.group 'livenes' (\"systemd.watchdog.health.group\" from property source \"test\") is not a health group "
							+ "(there are: watchdog)")
			.contains("the default, watchdog, applies");
	}

	@Test
	void healthGroupInAnotherCaseIsNamed(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues(NOTIFY_SOCKET, "WATCHDOG_USEC=4000000", "systemd.watchdog.health.group=WATCHDOG")
			.run((context) -> assertThat(context.getBean(HealthContributorWatchdogGate.class).check())
				.extracting(GateDecision::open, GateDecision::reason)
				.containsExactly(true, "health group 'watchdog' is UP"));
		assertThat(output).containsOnlyOnce("systemd.watchdog.health.group 'WATCHDOG' (")
			.contains("Health group names are case sensitive: did you mean 'watchdog'?");
	}

	@Test
	void emptyHealthGroupWarnsOnceAndTheWatchdogGroupGates(CapturedOutput output) {
		this.contextRunner.withPropertyValues(NOTIFY_SOCKET, "WATCHDOG_USEC=4000000", "systemd.watchdog.health.group=")
			.run((context) -> assertThat(context.getBean(HealthContributorWatchdogGate.class).check())
				.extracting(GateDecision::open, GateDecision::reason)
				.containsExactly(true, "health group 'watchdog' is UP"));
		assertThat(output)
			.containsOnlyOnce("systemd.watchdog.health.group '' (\"systemd.watchdog.health.group\" from "
					+ "property source \"test\") must name a health group; the default, watchdog, applies")
			.doesNotContain("management.endpoint.health.group..include");
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
	void negativeIntervalWarnsAndTheDefaultApplies(CapturedOutput output) {
		this.contextRunner.withPropertyValues(NOTIFY_SOCKET, "WATCHDOG_USEC=4000000", "systemd.watchdog.interval=-1s")
			.run((context) -> {
				assertThat(context.getBean(SystemdProperties.class).getWatchdog().getInterval()).isNull();
				assertThat(context.getBean(SystemdWatchdog.class).getInterval()).isEqualTo(Duration.ofSeconds(2));
			});
		assertThat(output).contains(
				"systemd.watchdog.interval '-1s' (\"systemd.watchdog.interval\" from property source \"test\") must be at least "
						+ "100ms; the default, half of WatchdogSec=, applies");
	}

	@Test
	void zeroHealthTimeoutWarnsAndTheDefaultApplies(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues(NOTIFY_SOCKET, "WATCHDOG_USEC=4000000", "systemd.watchdog.health.timeout=0")
			.run((context) -> assertThat(
					context.getBean(SystemdProperties.class).getWatchdog().getHealth().getTimeout())
				.isNull());
		assertThat(output).contains(
				"systemd.watchdog.health.timeout '0' (\"systemd.watchdog.health.timeout\" from property source \"test\") must be at least "
						+ "10ms; the default, half of the watchdog interval (less if WatchdogSec= needs it), applies");
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
		assertThat(output).contains(
				"systemd.watchdog.trigger-after (10s) (\"systemd.watchdog.trigger-after\" from property source \"test\") is longer than the "
						+ "watchdog timeout "
						+ "WatchdogSec=4s; the watchdog failure is triggered after WatchdogSec= instead");
	}

	@Test
	void intervalLongerThanTriggerAfterWarns(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues(NOTIFY_SOCKET, "WATCHDOG_USEC=30000000", "systemd.watchdog.trigger-after=2s",
					"systemd.watchdog.interval=5s")
			.run((context) -> assertThat(context).hasSingleBean(SystemdWatchdog.class));
		assertThat(output).contains(
				"systemd.watchdog.interval (5s) (\"systemd.watchdog.interval\" from property source \"test\") is longer than "
						+ "systemd.watchdog.trigger-after (2s)");
	}

	@Test
	void zeroTriggerAfterWarnsAndTheDefaultApplies(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues(NOTIFY_SOCKET, "WATCHDOG_USEC=4000000", "systemd.watchdog.trigger-after=0")
			.run((context) -> assertThat(context.getBean(SystemdProperties.class).getWatchdog().getTriggerAfter())
				.isNull());
		assertThat(output).contains(
				"systemd.watchdog.trigger-after '0' (\"systemd.watchdog.trigger-after\" from property source \"test\") must be at least "
						+ "200ms; the default, WatchdogSec=, applies");
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
	void zeroStallTimeoutWarnsAndTheDefaultApplies(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues(NOTIFY_SOCKET, "systemd.startup.stall-timeout=0", "systemd.shutdown.stall-timeout=-1s")
			.run((context) -> {
				SystemdProperties properties = context.getBean(SystemdProperties.class);
				assertThat(properties.getStartup().getStallTimeout()).isEqualTo(Duration.ofSeconds(60));
				assertThat(properties.getShutdown().getStallTimeout()).isEqualTo(Duration.ofSeconds(60));
			});
		assertThat(output).contains(
				"systemd.startup.stall-timeout '0' (\"systemd.startup.stall-timeout\" from property source \"test\") must be at least 1s; "
						+ "the default, 60s, applies")
			.contains(
					"systemd.shutdown.stall-timeout '-1s' (\"systemd.shutdown.stall-timeout\" from property source \"test\") must be at least 1s; "
							+ "the default, 60s, applies");
	}

	@Test
	void negativeWarmUpRequestsAndARelativeWarmUpPathWarnAndTheDefaultsApply(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues(NOTIFY_SOCKET, "systemd.socket-activation.warm-up.requests=-1",
					"systemd.socket-activation.warm-up.paths=/,health")
			.run((context) -> {
				SystemdProperties.SocketActivation.WarmUp warmUp = context.getBean(SystemdProperties.class)
					.getSocketActivation()
					.getWarmUp();
				assertThat(warmUp.getRequests()).isZero();
				assertThat(warmUp.getPaths()).containsExactly("/");
			});
		assertThat(output).contains(
				"systemd.socket-activation.warm-up.requests '-1' (\"systemd.socket-activation.warm-up.requests\" from property source \"test\") must be 0 or more; "
						+ "the default, 0, applies")
			.contains(
					"systemd.socket-activation.warm-up.paths '/,health' (\"systemd.socket-activation.warm-up.paths\" from property source \"test\") each must start "
							+ "with '/' ('health' does not); the default, /, applies");
	}

	@Test
	void warmUpPathThatIsNotAValidUriWarnsAndTheDefaultApplies(CapturedOutput output) {
		this.contextRunner.withPropertyValues(NOTIFY_SOCKET, "systemd.socket-activation.warm-up.paths=/search?q=a b")
			.run((context) -> assertThat(
					context.getBean(SystemdProperties.class).getSocketActivation().getWarmUp().getPaths())
				.containsExactly("/"));
		assertThat(output).contains(
				"systemd.socket-activation.warm-up.paths '/search?q=a b' (\"systemd.socket-activation.warm-up.paths\" from property source \"test\") "
						+ "each must be a valid URI path, with spaces and other reserved characters percent-encoded "
						+ "('/search?q=a b' is not); the default, /, applies");
	}

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(textBlock = """
			watchdog.interval,       1ms, 100ms, 'half of WatchdogSec='
			watchdog.interval,       99ms, 100ms, 'half of WatchdogSec='
			watchdog.trigger-after,  1ns, 200ms, 'WatchdogSec='
			watchdog.trigger-after,  199ms, 200ms, 'WatchdogSec='
			watchdog.health.timeout, 1ns, 10ms, 'half of the watchdog interval (less if WatchdogSec= needs it)'
			startup.stall-timeout,   1ns, 1s, 60s
			shutdown.stall-timeout,  1ns, 1s, 60s
			shutdown.stall-timeout,  999ms, 1s, 60s
			socket-activation.warm-up.timeout, 99ms, 100ms, 10s
			memory-pressure.quiet-period, 999ms, 1s, 10s
			""")
	void durationBelowItsMinimumWarnsOnceNamingThePropertyAndValueAndTheDefaultApplies(String property, String value,
			String minimum, String defaultValue, CapturedOutput output) {
		this.contextRunner
			.withPropertyValues(NOTIFY_SOCKET, "WATCHDOG_USEC=4000000", "systemd." + property + "=" + value)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				Object bound = Binder.get(context.getEnvironment()).bind("systemd." + property, Duration.class).get();
				Object applied = new BeanWrapperImpl(context.getBean(SystemdProperties.class))
					.getPropertyValue(camelCase(property));
				assertThat(applied).isNotEqualTo(bound);
			});
		assertThat(output.toString().lines()).filteredOn((line) -> line.contains("systemd." + property + " '"))
			.singleElement()
			.asString()
			.contains("WARN")
			.contains("systemd." + property + " '" + value + "' (\"systemd." + property
					+ "\" from property source \"test\") must be at least " + minimum + "; the default, " + defaultValue
					+ ", applies");
	}

	@Test
	void durationThatIsNotADurationWarnsAndTheDefaultApplies(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues(NOTIFY_SOCKET, "WATCHDOG_USEC=4000000", "systemd.watchdog.interval=abc",
					"systemd.socket-activation.warm-up.requests=many")
			.run((context) -> {
				assertThat(context.getBean(SystemdWatchdog.class).getInterval()).isEqualTo(Duration.ofSeconds(2));
				assertThat(context.getBean(SystemdProperties.class).getSocketActivation().getWarmUp().getRequests())
					.isZero();
			});
		assertThat(output).contains(
				"systemd.watchdog.interval 'abc' (\"systemd.watchdog.interval\" from property source \"test\") is not a duration "
						+ "(such as 10s, 500ms or 2m; a bare number is seconds); the default, half of WatchdogSec=, applies")
			.contains(
					"systemd.socket-activation.warm-up.requests 'many' (\"systemd.socket-activation.warm-up.requests\" from property source \"test\") is not a whole "
							+ "number from -2147483648 to 2147483647; the default, 0, applies");
	}

	private static String camelCase(String property) {
		StringBuilder name = new StringBuilder();
		for (int i = 0; i < property.length(); i++) {
			char c = property.charAt(i);
			name.append((c == '-') ? Character.toUpperCase(property.charAt(++i)) : c);
		}
		return name.toString();
	}

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(textBlock = """
			watchdog.interval,       100ms
			watchdog.trigger-after,  200ms
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
