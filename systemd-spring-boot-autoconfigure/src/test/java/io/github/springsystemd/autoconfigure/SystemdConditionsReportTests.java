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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport;
import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport.ConditionAndOutcome;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;

import io.github.springsystemd.watchdog.SystemdWatchdog;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that the conditions of the systemd auto-configurations explain their outcome in
 * the {@link ConditionEvaluationReport}, which {@code --debug} and
 * {@code /actuator/conditions} show.
 */
class SystemdConditionsReportTests {

	private static final String WATCHDOG_CONFIGURATION = SystemdAutoConfiguration.class.getName()
			+ "$WatchdogConfiguration";

	private static final String NOTIFY_SOCKET = "NOTIFY_SOCKET=/run/systemd-spring-boot-test/notify";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SystemdAutoConfiguration.class, SystemdReloadAutoConfiguration.class));

	@Test
	void watchdogWithoutWatchdogUsecSaysSo() {
		this.contextRunner.withPropertyValues(NOTIFY_SOCKET)
			.run(outcome(WATCHDOG_CONFIGURATION, false, "systemd watchdog WATCHDOG_USEC not set"));
	}

	@Test
	void watchdogForAnotherProcessNamesThePid() {
		long pid = ProcessHandle.current().pid();
		this.contextRunner.withPropertyValues(NOTIFY_SOCKET, "WATCHDOG_USEC=4000000", "WATCHDOG_PID=1")
			.run(outcome(WATCHDOG_CONFIGURATION, false, "systemd watchdog WATCHDOG_PID 1 is not this process (pid "
					+ pid + ") and systemd.send-main-pid is false"));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			WATCHDOG_USEC=18446744073709551615 | systemd watchdog WATCHDOG_USEC is infinity
			WATCHDOG_USEC=abc                  | systemd watchdog WATCHDOG_USEC 'abc' is not a number
			WATCHDOG_USEC=0                    | systemd watchdog WATCHDOG_USEC '0' is not a positive number
			""")
	void watchdogThatCannotBeServedSaysWhy(String variable, String message) {
		this.contextRunner.withPropertyValues(NOTIFY_SOCKET, variable)
			.run(outcome(WATCHDOG_CONFIGURATION, false, message));
	}

	@Test
	void watchdogForThisProcessShowsTheTimeout() {
		this.contextRunner.withPropertyValues(NOTIFY_SOCKET, "WATCHDOG_USEC=4000000")
			.run(outcome(WATCHDOG_CONFIGURATION, true, "systemd watchdog WATCHDOG_USEC 4000000 (4s) for this process"));
	}

	@Test
	void watchdogForTheWrapperWhenSendingMainPid() {
		this.contextRunner
			.withPropertyValues(NOTIFY_SOCKET, "WATCHDOG_USEC=4000000", "WATCHDOG_PID=1", "systemd.send-main-pid=true")
			.run(outcome(WATCHDOG_CONFIGURATION, true,
					"systemd watchdog WATCHDOG_USEC 4000000 (4s) for pid 1, with systemd.send-main-pid true"));
	}

	@Test
	void watchdogWithAnInvalidNotifySocketSaysSo() {
		this.contextRunner.withPropertyValues("NOTIFY_SOCKET=relative/notify", "WATCHDOG_USEC=4000000")
			.run(outcome(WATCHDOG_CONFIGURATION, false,
					"systemd watchdog NOTIFY_SOCKET 'relative/notify' is not an absolute path or @abstract name"));
	}

	@Test
	void disabledFeatureNamesItsProperty() {
		this.contextRunner.withPropertyValues(NOTIFY_SOCKET, "systemd.reload.enabled=off")
			.run(outcome(SystemdReloadAutoConfiguration.class.getName(), false,
					"@ConditionalOnSystemd systemd.reload.enabled is false"));
	}

	@Test
	void disabledIntegrationNamesItsProperty() {
		this.contextRunner.withPropertyValues(NOTIFY_SOCKET, "systemd.enabled=0")
			.run(outcome(SystemdAutoConfiguration.class.getName(), false,
					"@ConditionalOnSystemd systemd.enabled is false"));
	}

	@Test
	void switchThatIsNotABooleanIsNamedInTheOutcome() {
		this.contextRunner.withPropertyValues(NOTIFY_SOCKET, "systemd.enabled=sometimes")
			.run(outcome(SystemdAutoConfiguration.class.getName(), true,
					"@ConditionalOnSystemd systemd.enabled is true (systemd.enabled 'sometimes'"));
	}

	private ContextConsumer<AssertableApplicationContext> outcome(String source, boolean match, String message) {
		return (context) -> {
			assertThat(context).hasNotFailed();
			ConditionEvaluationReport report = ConditionEvaluationReport.get(context.getBeanFactory());
			assertThat(report.getConditionAndOutcomesBySource()).containsKey(source);
			assertThat(report.getConditionAndOutcomesBySource().get(source)).map(ConditionAndOutcome::getOutcome)
				.anySatisfy((outcome) -> {
					assertThat(outcome.isMatch()).isEqualTo(match);
					assertThat(outcome.getMessage()).startsWith(message);
				});
			if (source.equals(WATCHDOG_CONFIGURATION) && match) {
				assertThat(context).hasSingleBean(SystemdWatchdog.class);
			}
			else if (source.equals(WATCHDOG_CONFIGURATION)) {
				assertThat(context).doesNotHaveBean(SystemdWatchdog.class);
			}
		};
	}

}
