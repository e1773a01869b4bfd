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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.springsystemd.test.NotifySocketReceiver;
import io.github.springsystemd.test.TestApplications;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DebugInvocationListener}: whole applications, with the root logger's
 * real level and a real notification socket.
 */
@EnabledOnOs(OS.LINUX)
@ExtendWith(OutputCaptureExtension.class)
class DebugInvocationListenerTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@RegisterExtension
	final NotifySocketReceiver receiver = NotifySocketReceiver.perTest();

	@Test
	void debugInvocationLogsTheStartAtDebugThenGoesBack(CapturedOutput output) throws Exception {
		try (ConfigurableApplicationContext context = run("--DEBUG_INVOCATION=1")) {
			assertThat(context.getBean(RootLevelAtStartup.class).debug()).isTrue();
			assertThat(rootIsDebug()).isFalse();
			assertThat(this.receiver.await((m) -> m.contains("logged at DEBUG"), WAIT)).matches(
					"STATUS=Started test-app in \\d+\\.\\d s; this start was logged at DEBUG \\(RestartMode=debug\\)");
		}
		assertThat(output).contains(
				"systemd asks to debug this start (DEBUG_INVOCATION=1, RestartMode=debug): root log level DEBUG instead of INFO until the application is ready")
			.contains(
					"The application is ready: root log level back to INFO (it was DEBUG for this start: DEBUG_INVOCATION=1)");
	}

	@Test
	void debugInvocationGoesBackToTheConfiguredLevel(CapturedOutput output) throws Exception {
		try (ConfigurableApplicationContext context = run("--DEBUG_INVOCATION=1", "--logging.level.root=WARN")) {
			assertThat(context.getBean(RootLevelAtStartup.class).debug()).isTrue();
			this.receiver.await((m) -> m.contains("logged at DEBUG"), WAIT);
			Logger root = LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
			assertThat(root.isWarnEnabled()).isTrue();
			assertThat(root.isInfoEnabled()).isFalse();
		}
		finally {
			LoggingSystem.get(getClass().getClassLoader()).setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, LogLevel.INFO);
		}
		assertThat(output).contains(
				"systemd asks to debug this start (DEBUG_INVOCATION=1, RestartMode=debug): root log level DEBUG instead of WARN until the application is ready")
			.contains(
					"The application is ready: root log level back to WARN (it was DEBUG for this start: DEBUG_INVOCATION=1)");
	}

	@Test
	void noDebugLineCanFollowTheLineThatEndsIt() throws Exception {
		for (String previous : List.of("INFO", "WARN")) {
			try (ConfigurableApplicationContext context = run("--DEBUG_INVOCATION=1",
					"--logging.level.root=" + previous)) {
				this.receiver.await((m) -> m.contains("logged at DEBUG"), WAIT);
				assertThat(context.getBean(RootDebugWhenLogged.class).debugWhenLogged)
					.as("root at DEBUG when 'back to %s' was written", previous)
					.containsExactly(false);
			}
			finally {
				LoggingSystem.get(getClass().getClassLoader())
					.setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, LogLevel.INFO);
			}
		}
	}

	@Test
	void debugCanLastBeyondReady() throws Exception {
		try (ConfigurableApplicationContext context = run("--DEBUG_INVOCATION=1",
				"--systemd.debug-invocation.until-ready=false")) {
			assertThat(context.getBean(RootLevelAtStartup.class).debug()).isTrue();
			assertThat(this.receiver.await((m) -> m.contains("logging at DEBUG"), WAIT))
				.endsWith("; logging at DEBUG (RestartMode=debug)");
			assertThat(rootIsDebug()).isTrue();
		}
		finally {
			LoggingSystem.get(getClass().getClassLoader()).setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, LogLevel.INFO);
		}
	}

	@Test
	void withoutTheVariableTheLevelIsLeftAlone(CapturedOutput output) throws Exception {
		try (ConfigurableApplicationContext context = run()) {
			assertThat(context.getBean(RootLevelAtStartup.class).debug()).isFalse();
			this.receiver.await((m) -> m.startsWith("READY=1"), WAIT);
		}
		assertThat(output).doesNotContain("DEBUG_INVOCATION");
		assertThat(this.receiver.received()).noneMatch((m) -> m.contains("DEBUG"));
	}

	@Test
	void canBeTurnedOff() throws Exception {
		try (ConfigurableApplicationContext context = run("--DEBUG_INVOCATION=1",
				"--systemd.debug-invocation.enabled=false")) {
			assertThat(context.getBean(RootLevelAtStartup.class).debug()).isFalse();
		}
	}

	@Test
	void aValueThatIsNotOneIsNamed(CapturedOutput output) throws Exception {
		try (ConfigurableApplicationContext context = run("--DEBUG_INVOCATION=yes please")) {
			assertThat(context.getBean(RootLevelAtStartup.class).debug()).isFalse();
		}
		assertThat(output).contains("DEBUG_INVOCATION='yes please' is neither 1 nor true; the log level is left alone");
	}

	private static boolean rootIsDebug() {
		return LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME).isDebugEnabled();
	}

	private ConfigurableApplicationContext run(String... extraArgs) {
		List<String> args = new ArrayList<>(List.of("--NOTIFY_SOCKET=" + this.receiver.getNotifySocket()));
		args.addAll(List.of(extraArgs));
		return TestApplications.run(TestApplication.class, args);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		RootLevelAtStartup rootLevelAtStartup() {
			return new RootLevelAtStartup(rootIsDebug());
		}

		@Bean(destroyMethod = "stop")
		RootDebugWhenLogged rootDebugWhenLogged() {
			return new RootDebugWhenLogged();
		}

	}

	/**
	 * Records, as the line that ends DEBUG is appended, whether the root logger is still
	 * at DEBUG: what decides whether another thread's DEBUG line can be appended after
	 * it.
	 */
	static class RootDebugWhenLogged extends AppenderBase<ILoggingEvent> {

		final List<Boolean> debugWhenLogged = new CopyOnWriteArrayList<>();

		RootDebugWhenLogged() {
			ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) LoggerFactory
				.getLogger(Logger.ROOT_LOGGER_NAME);
			setContext(root.getLoggerContext());
			start();
			root.addAppender(this);
		}

		@Override
		protected void append(ILoggingEvent event) {
			if (event.getFormattedMessage().contains("root log level back to")) {
				this.debugWhenLogged.add(rootIsDebug());
			}
		}

		@Override
		public void stop() {
			((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(this);
			super.stop();
		}

	}

	record RootLevelAtStartup(boolean debug) {
	}

}
