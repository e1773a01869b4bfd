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
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggerConfiguration;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.GenericApplicationListener;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;

import io.github.springsystemd.notify.SystemdNotifier;
import io.github.springsystemd.protocol.Notification;
import io.github.springsystemd.support.DurationText;

/**
 * Logs at DEBUG for a start that systemd asks to debug: with {@code RestartMode=debug}
 * (systemd 257+, see systemd.service(5)) the restart after a failure gets
 * {@code DEBUG_INVOCATION=1}. The root logger's level is then set to DEBUG as soon as
 * logging is initialized, which the journal is told at INFO; once the application is
 * ready ({@link ReadinessState#ACCEPTING_TRAFFIC}) the level goes back to what it was
 * (said at INFO just before, so that the line shows whatever that level is), and
 * {@code STATUS=} says that this start was logged at DEBUG.
 * <p>
 * {@code systemd.debug-invocation.enabled=false} ignores the variable;
 * {@code systemd.debug-invocation.until-ready=false} keeps DEBUG for the life of the
 * process. Both are read from the application's configuration files, command line or
 * environment. Off systemd (no {@code DEBUG_INVOCATION}) it does nothing.
 *
 * @since 0.1.0
 */
final class DebugInvocationListener implements GenericApplicationListener {

	/**
	 * The environment variable that systemd sets for a start to debug.
	 */
	static final String VARIABLE = "DEBUG_INVOCATION";

	private static final Log logger = LogFactory.getLog(DebugInvocationListener.class);

	private final AtomicBoolean restored = new AtomicBoolean();

	private volatile @Nullable LoggingSystem loggingSystem;

	private volatile @Nullable LogLevel previousLevel;

	private volatile boolean untilReady;

	private volatile @Nullable Duration timeTaken;

	@Override
	public boolean supportsEventType(ResolvableType eventType) {
		Class<?> type = eventType.getRawClass();
		return type != null && (ApplicationEnvironmentPreparedEvent.class.isAssignableFrom(type)
				|| ApplicationReadyEvent.class.isAssignableFrom(type)
				|| AvailabilityChangeEvent.class.isAssignableFrom(type));
	}

	/**
	 * Right after {@link LoggingApplicationListener} has initialized logging.
	 */
	@Override
	public int getOrder() {
		return LoggingApplicationListener.DEFAULT_ORDER + 1;
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
			onEnvironmentPrepared(prepared.getEnvironment(), prepared.getSpringApplication().getClassLoader());
		}
		else if (event instanceof ApplicationReadyEvent ready) {
			this.timeTaken = ready.getTimeTaken();
		}
		else if (event instanceof AvailabilityChangeEvent<?> change
				&& change.getState() == ReadinessState.ACCEPTING_TRAFFIC
				&& change.getSource() instanceof ApplicationContext context) {
			onReady(context);
		}
	}

	private void onEnvironmentPrepared(Environment environment, ClassLoader classLoader) {
		if (this.loggingSystem != null || !isRequested(environment)) {
			return;
		}
		LoggingSystem loggingSystem = LoggingSystem.get(classLoader);
		LoggerConfiguration root = loggingSystem.getLoggerConfiguration(LoggingSystem.ROOT_LOGGER_NAME);
		LogLevel previous = (root != null) ? root.getEffectiveLevel() : null;
		loggingSystem.setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, LogLevel.DEBUG);
		this.loggingSystem = loggingSystem;
		this.previousLevel = previous;
		this.untilReady = SystemdPropertiesReader.read(environment, logger)
			.properties()
			.getDebugInvocation()
			.isUntilReady();
		logger.info("systemd asks to debug this start (" + VARIABLE + "=1, RestartMode=debug): root log level DEBUG"
				+ ((previous != null) ? " instead of " + previous : "")
				+ (this.untilReady ? " until the application is ready" : ""));
	}

	static boolean isRequested(Environment environment) {
		String value = environment.getProperty(VARIABLE);
		if (value == null || value.isBlank()) {
			return false;
		}
		SystemdProperties properties = SystemdPropertiesReader.read(environment, logger).properties();
		if (!properties.isEnabled() || !properties.getDebugInvocation().isEnabled()) {
			return false;
		}
		if (!"1".equals(value.trim()) && !"true".equalsIgnoreCase(value.trim())) {
			logger.warn(VARIABLE + "='" + value + "' is neither 1 nor true; the log level is left alone");
			return false;
		}
		return true;
	}

	private void onReady(ApplicationContext context) {
		LoggingSystem loggingSystem = this.loggingSystem;
		if (loggingSystem == null || !this.restored.compareAndSet(false, true)) {
			return;
		}
		LogLevel previous = (this.previousLevel != null) ? this.previousLevel : LogLevel.INFO;
		String status = started(context.getEnvironment());
		if (this.untilReady) {
			// DEBUG ends before the line that says so: another thread's DEBUG line could
			// otherwise follow it. The line is INFO, so a coarser level comes after it.
			LogLevel interim = (previous.compareTo(LogLevel.INFO) > 0) ? LogLevel.INFO : previous;
			loggingSystem.setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, interim);
			logger.info("The application is ready: root log level back to " + previous
					+ " (it was DEBUG for this start: " + VARIABLE + "=1)");
			if (interim != previous) {
				loggingSystem.setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, previous);
			}
			status += "; this start was logged at DEBUG (RestartMode=debug)";
		}
		else {
			status += "; logging at DEBUG (RestartMode=debug)";
		}
		SystemdNotifier notifier = context.getBeanProvider(SystemdNotifier.class).getIfAvailable();
		if (notifier != null) {
			notifier.notify(Notification.status(status));
		}
	}

	private String started(Environment environment) {
		String name = environment.getProperty("spring.application.name");
		String started = (name != null) ? "Started " + name : "Started";
		Duration timeTaken = this.timeTaken;
		return (timeTaken != null) ? started + " in " + DurationText.seconds(timeTaken) : started;
	}

}
