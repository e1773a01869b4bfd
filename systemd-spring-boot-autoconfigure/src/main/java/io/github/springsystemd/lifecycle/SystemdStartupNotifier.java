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

import java.time.Duration;
import java.util.function.Function;
import java.util.function.Predicate;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.ExitCodeEvent;
import org.springframework.boot.context.event.ApplicationContextInitializedEvent;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.SmartApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

import io.github.springsystemd.notify.SystemdNotifier;
import io.github.springsystemd.protocol.Notification;
import io.github.springsystemd.protocol.NotifySocketAddress;

/**
 * Keeps {@code systemctl status} up to date while the application starts, and says why
 * when startup fails. The auto-configuration registers it in
 * {@code META-INF/spring.factories}, with what {@code systemd.enabled} and
 * {@code systemd.startup.*} say, so it sees the events before the application context
 * exists. Off systemd, or with {@code systemd.enabled=false}, it does nothing.
 * <p>
 * Unless {@code systemd.startup.extend-timeout} is {@code false}, it also extends the
 * start timeout ({@code TimeoutStartSec=}) from the moment the environment is prepared
 * until the application is ready or has failed, as long as startup makes progress: beans
 * are being created, or the stack of the thread that runs {@code SpringApplication.run}
 * changes between samples (so a long migration in a runner counts, a thread blocked
 * forever does not). After {@code systemd.startup.stall-timeout} without progress it
 * stops extending, so that systemd still stops a startup that hangs. It stops for good
 * once the application is ready, has failed, its context is closed, or the JVM begins to
 * shut down, whichever comes first.
 * <p>
 * A {@code SIGTERM} (or {@code System.exit}) during startup is seen when the JVM runs its
 * shutdown hooks, not only once Spring closes the context, which waits until the refresh
 * is done: from then on the start timeout is no longer extended, so that
 * {@code TimeoutStopSec=} bounds the stop, and {@code STOPPING=1} with
 * {@code STATUS=Stopping} is sent.
 * <p>
 * The notifier it creates is registered in the application context as the
 * {@code systemdNotifier} bean, so the whole application shares one.
 * <p>
 * The one instance is the auto-configuration's subclass, which reads {@code systemd.*};
 * an application neither creates nor extends it: a second instance would report startup
 * and extend the start timeout a second time.
 * <p>
 * Internal to the starter: not a public API. Public for its subclass in the
 * auto-configuration.
 *
 * @since 0.1.0
 */
public abstract class SystemdStartupNotifier implements SmartApplicationListener {

	private static final Log logger = LogFactory.getLog(SystemdStartupNotifier.class);

	private final Predicate<Environment> enabled;

	private final Function<Environment, @Nullable Duration> stallTimeout;

	private @Nullable SystemdNotifier notifier;

	/**
	 * The notifier created for NOTIFY_SOCKET, active or not, registered as the context's
	 * notifier bean so that an invalid value is reported once, not again by the
	 * auto-configuration.
	 */
	private @Nullable SystemdNotifier created;

	private @Nullable ProgressProbe progress;

	private @Nullable TimeoutExtender extender;

	private @Nullable String applicationName;

	private @Nullable ApplicationContext context;

	private volatile int exitCode;

	/**
	 * Whether startup ended: ready, failed or closed.
	 */
	private volatile boolean ended;

	private @Nullable Thread shutdownHook;

	/**
	 * Create a new {@link SystemdStartupNotifier}.
	 * @param enabled whether an environment lets startup be reported under a service
	 * manager ({@code systemd.enabled}); asked of each prepared environment; must not
	 * throw
	 * @param stallTimeout how long startup may make no progress before the start timeout
	 * is no longer extended, positive (at least a second, as
	 * {@code systemd.startup.stall-timeout} is bound), or {@code null} not to extend it
	 * ({@code systemd.startup.*}); asked once, of the first prepared environment under a
	 * service manager; must not throw
	 */
	protected SystemdStartupNotifier(Predicate<Environment> enabled,
			Function<Environment, @Nullable Duration> stallTimeout) {
		this.enabled = enabled;
		this.stallTimeout = stallTimeout;
	}

	@Override
	public final boolean supportsEventType(Class<? extends ApplicationEvent> eventType) {
		return ApplicationEnvironmentPreparedEvent.class.isAssignableFrom(eventType)
				|| ApplicationContextInitializedEvent.class.isAssignableFrom(eventType)
				|| ApplicationPreparedEvent.class.isAssignableFrom(eventType)
				|| ApplicationStartedEvent.class.isAssignableFrom(eventType)
				|| ApplicationReadyEvent.class.isAssignableFrom(eventType)
				|| ApplicationFailedEvent.class.isAssignableFrom(eventType)
				|| ExitCodeEvent.class.isAssignableFrom(eventType)
				|| ContextClosedEvent.class.isAssignableFrom(eventType);
	}

	/**
	 * Late, so that logging and the environment are set up, but before
	 * {@link SystemdLifecycleNotifier}, so that no extension follows {@code READY=1}.
	 */
	@Override
	public final int getOrder() {
		return Ordered.LOWEST_PRECEDENCE - 1;
	}

	@Override
	public final void onApplicationEvent(ApplicationEvent event) {
		if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
			onEnvironmentPrepared(prepared.getEnvironment());
		}
		if (event instanceof ApplicationContextInitializedEvent initialized && this.created != null) {
			var beanFactory = initialized.getApplicationContext().getBeanFactory();
			if (!beanFactory.containsBean(SystemdNotifier.BEAN_NAME)) {
				beanFactory.registerSingleton(SystemdNotifier.BEAN_NAME, this.created);
			}
		}
		SystemdNotifier notifier = this.notifier;
		if (notifier == null) {
			return;
		}
		if (this.progress != null) {
			this.progress.step();
		}
		if (event instanceof ApplicationContextInitializedEvent initialized) {
			this.context = initialized.getApplicationContext();
			if (this.progress != null) {
				initialized.getApplicationContext()
					.getBeanFactory()
					.addBeanPostProcessor(this.progress.beanCreationCounter());
			}
			status(notifier, "initializing application context");
		}
		else if (event instanceof ApplicationPreparedEvent) {
			status(notifier, "creating beans");
		}
		else if (event instanceof ApplicationStartedEvent) {
			status(notifier, "running application runners");
		}
		else if (event instanceof ApplicationReadyEvent) {
			startupEnded();
		}
		else if (event instanceof ContextClosedEvent closed && closed.getApplicationContext() == this.context) {
			startupEnded();
		}
		else if (event instanceof ExitCodeEvent exitCode) {
			this.exitCode = exitCode.getExitCode();
		}
		else if (event instanceof ApplicationFailedEvent failed && isOwnOrUnknown(failed.getApplicationContext())) {
			startupEnded();
			Throwable failure = failed.getException();
			int exitCode = this.exitCode;
			notifier.deliverFinal(StartupFailureStatus.of(failure, exitCode));
			// what is done with the analysis holds no throwable, so that an unanalyzed
			// failure is not kept
			Integer errno = StartupFailureStatus.errno(failure);
			StartupFailureAnalysisReporter.expect(failure,
					(analysis) -> notifier.deliverFinal(StartupFailureStatus.of(analysis, errno, exitCode)));
		}
	}

	/**
	 * Whether a failed event is about this application's own context, or about none yet:
	 * a child context's failure also reaches its parent's listeners.
	 */
	private boolean isOwnOrUnknown(@Nullable ApplicationContext failed) {
		return failed == null || this.context == null || failed == this.context;
	}

	private void onEnvironmentPrepared(Environment environment) {
		if (this.created != null) {
			return;
		}
		if (!isEnabled(environment)) {
			return;
		}
		SystemdNotifier notifier = SystemdNotifier.create(environment.getProperty(NotifySocketAddress.VARIABLE));
		this.created = notifier;
		if (notifier.isActive()) {
			this.notifier = notifier;
			this.applicationName = ServiceName.of(environment);
			status(notifier, null);
			Duration stallTimeout = this.stallTimeout.apply(environment);
			if (stallTimeout != null) {
				startExtending(notifier, stallTimeout);
			}
			this.shutdownHook = addShutdownHook(notifier);
		}
	}

	/**
	 * Watch for the JVM's shutdown while the application starts: Spring Boot's own hook
	 * closes the context only once the refresh is done.
	 */
	private @Nullable Thread addShutdownHook(SystemdNotifier notifier) {
		Thread hook = new Thread(() -> onShutdownDuringStartup(notifier), "systemd-startup-shutdown");
		try {
			Runtime.getRuntime().addShutdownHook(hook);
			return hook;
		}
		catch (IllegalStateException | SecurityException ex) {
			// already shutting down, or not allowed: the context's closing still stops it
			return null;
		}
	}

	private void onShutdownDuringStartup(SystemdNotifier notifier) {
		if (this.ended) {
			return;
		}
		stopExtending();
		logger.debug("The JVM shuts down while the application starts: the start timeout is no longer extended");
		notifier.deliver(Notification.stopping().and("STATUS", "Stopping"));
	}

	private void startupEnded() {
		this.ended = true;
		stopExtending();
		Thread hook = this.shutdownHook;
		this.shutdownHook = null;
		if (hook != null) {
			try {
				Runtime.getRuntime().removeShutdownHook(hook);
			}
			catch (IllegalStateException | SecurityException ex) {
				// shutting down: the hook runs and finds startup ended
			}
		}
	}

	private void startExtending(SystemdNotifier notifier, Duration stallTimeout) {
		ProgressProbe progress = new ProgressProbe(Thread.currentThread());
		TimeoutExtender extender = new TimeoutExtender(notifier, TimeoutExtender.Phase.STARTUP, progress, stallTimeout,
				() -> false);
		this.progress = progress;
		this.extender = extender;
		extender.start();
	}

	private void stopExtending() {
		if (this.extender != null) {
			this.extender.stop();
		}
	}

	/**
	 * Return whether the listener reports startup: under a service manager unless
	 * {@code systemd.enabled} is {@code false}.
	 * @param environment the environment
	 * @return whether startup is reported
	 */
	boolean isEnabled(Environment environment) {
		return this.enabled.test(environment) && environment.containsProperty(NotifySocketAddress.VARIABLE);
	}

	private void status(SystemdNotifier notifier, @Nullable String step) {
		String starting = (this.applicationName != null) ? "Starting " + this.applicationName : "Starting";
		notifier.notify(Notification.status((step != null) ? starting + ": " + step : starting));
	}

}
