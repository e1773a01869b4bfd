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

import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.event.ApplicationStartingEvent;
import org.springframework.boot.context.event.SpringApplicationEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.SmartApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

import io.github.springsystemd.notify.SystemdNotifier;
import io.github.springsystemd.protocol.NotifySocketAddress;
import io.github.springsystemd.support.ChildApplicationStart;

/**
 * Makes {@code SIGHUP} mean "reload" for as long as the application runs under a service
 * manager ({@code NOTIFY_SOCKET} is set), so that {@code systemctl reload} never ends it.
 * The auto-configuration registers it in {@code META-INF/spring.factories}, with what
 * {@code systemd.enabled} and {@code systemd.reload.enabled} say: the handler is
 * installed when {@code SpringApplication} starts, before the environment is read, and
 * removed again if the environment then says {@code systemd.enabled=false} or
 * {@code systemd.reload.enabled=false}, which leave {@code SIGHUP} to the JVM.
 * <p>
 * Until the application is ready, and once it stops, a {@code SIGHUP} is logged and
 * ignored. In between it runs the context's {@link SystemdReloader}, or, when there is
 * none, answers {@code RELOADING=1} and {@code READY=1} with the status
 * {@code Reloaded: nothing to reload}. Off systemd it does nothing.
 * <p>
 * The one instance is the auto-configuration's subclass, which reads {@code systemd.*};
 * an application neither creates nor extends it: a second instance would install a second
 * {@code SIGHUP} handler over the first.
 * <p>
 * Internal to the starter: not a public API. Public for its subclass in the
 * auto-configuration.
 *
 * @since 0.1.0
 * @see ReloadSignalHandler
 */
public abstract class ReloadSignalListener implements SmartApplicationListener {

	private static final Log logger = LogFactory.getLog(ReloadSignalListener.class);

	private @Nullable ReloadSignalHandler handler;

	private @Nullable String problem;

	/**
	 * Whether the handler answers {@code SIGHUP} with reloads of this application.
	 */
	private boolean ready;

	/**
	 * This application's context once its {@code ApplicationReadyEvent} came: readiness
	 * events of other contexts (a child's, passed on to this one's listeners) do not
	 * count.
	 */
	private @Nullable ApplicationContext readyContext;

	/**
	 * Whether {@code SpringApplicationBuilder} started a child once this application was
	 * ready.
	 */
	private boolean childFollows;

	/**
	 * Whether this application runs inside another one's startup or reload, and leaves
	 * {@code SIGHUP} to it.
	 */
	private boolean nested;

	private @Nullable SpringApplication application;

	private final Predicate<Environment> enabled;

	private final Function<String, @Nullable String> environmentVariables;

	/**
	 * Create a listener that reads the process's environment variables.
	 * @param enabled whether an environment under a service manager lets {@code SIGHUP}
	 * be answered with a reload ({@code systemd.enabled} and
	 * {@code systemd.reload.enabled}); asked of each prepared environment while
	 * {@code NOTIFY_SOCKET} is set, on the thread that runs {@code SpringApplication};
	 * must not throw
	 */
	protected ReloadSignalListener(Predicate<Environment> enabled) {
		this(enabled, System::getenv);
	}

	ReloadSignalListener(Predicate<Environment> enabled, Function<String, @Nullable String> environmentVariables) {
		this.enabled = enabled;
		this.environmentVariables = environmentVariables;
	}

	/**
	 * Just before the listeners of unstated order, {@code SystemdLifecycleNotifier} among
	 * them: {@code ApplicationReadyEvent} must reach this listener before {@code READY=1}
	 * is sent, so that a {@code SIGHUP} from then on is not lost. Spring Boot's own
	 * listeners, which prepare the environment this one reads, all come earlier.
	 */
	@Override
	public final int getOrder() {
		return Ordered.LOWEST_PRECEDENCE - 1;
	}

	@Override
	public final boolean supportsEventType(Class<? extends ApplicationEvent> eventType) {
		return ApplicationStartingEvent.class.isAssignableFrom(eventType)
				|| ApplicationEnvironmentPreparedEvent.class.isAssignableFrom(eventType)
				|| ApplicationReadyEvent.class.isAssignableFrom(eventType)
				|| AvailabilityChangeEvent.class.isAssignableFrom(eventType)
				|| ApplicationFailedEvent.class.isAssignableFrom(eventType)
				|| ContextClosedEvent.class.isAssignableFrom(eventType);
	}

	@Override
	public final void onApplicationEvent(ApplicationEvent event) {
		if (event instanceof ApplicationStartingEvent starting) {
			this.application = starting.getSpringApplication();
			this.nested = false;
			onStarting();
			return;
		}
		if (this.nested
				|| (event instanceof SpringApplicationEvent own && own.getSpringApplication() != this.application)) {
			// an event of a child application, passed on by its context to this one's
			return;
		}
		if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
			onEnvironmentPrepared(prepared.getEnvironment());
		}
		else if (this.handler != null) {
			onLifecycleEvent(this.handler, event);
		}
	}

	/**
	 * Take {@code SIGHUP} over as soon as the application starts under a service manager.
	 * Nothing is bound here: binding {@code systemd.*} before Spring Boot has warmed its
	 * binder up cost a tenth of a second of startup, and the environment prepared a few
	 * moments later decides whether the handler stays.
	 */
	private void onStarting() {
		if (ReloadSignalHandler.isInsideAnother()) {
			this.nested = true;
			logger.debug("SIGHUP stays with the application this one runs inside of, in its startup or reload "
					+ "(such as Spring Cloud's bootstrap application)");
			return;
		}
		if (this.environmentVariables.apply(NotifySocketAddress.VARIABLE) != null) {
			install();
		}
	}

	private void onEnvironmentPrepared(Environment environment) {
		if (this.handler == null && ReloadSignalHandler.isInsideAnother()) {
			this.nested = true;
			return;
		}
		if (isReloadingOnSighup(environment)) {
			install();
			if (this.problem != null) {
				logger.warn(this.problem);
			}
			else {
				logger.debug("Handling SIGHUP: systemctl reload reloads the application instead of ending it");
			}
		}
		else if (this.handler != null) {
			this.handler.uninstall();
			this.handler = null;
		}
	}

	private void install() {
		if (this.handler != null || this.problem != null) {
			return;
		}
		ReloadSignalHandler handler = new ReloadSignalHandler();
		this.problem = handler.install();
		if (this.problem == null) {
			this.handler = handler;
		}
	}

	private void onLifecycleEvent(ReloadSignalHandler handler, ApplicationEvent event) {
		if (event instanceof ApplicationReadyEvent readyEvent && !this.ready) {
			this.readyContext = readyEvent.getApplicationContext();
			if (ChildApplicationStart.follows()) {
				// READY=1 waits for the child, which takes SIGHUP over as it starts:
				// until then, this one is still starting
				this.childFollows = true;
				logger.debug("SIGHUP is ignored until the child application that starts next is ready");
				return;
			}
			handler.gettingReady();
		}
		else if (event instanceof AvailabilityChangeEvent<?> availability
				&& availability.getState() == ReadinessState.ACCEPTING_TRAFFIC
				&& availability.getSource() instanceof ApplicationContext source && !this.ready) {
			onAcceptingTraffic(handler, source);
		}
		else if (event instanceof ApplicationFailedEvent) {
			handler.stopping();
		}
		else if (event instanceof ContextClosedEvent closed && closed.getApplicationContext() == this.readyContext) {
			handler.stopping();
		}
	}

	/**
	 * Ready for {@code SIGHUP} once this application's context accepts traffic or, when a
	 * child followed, once the last descendant does: a child that leaves {@code SIGHUP}
	 * alone ({@code systemd.reload.enabled=false}) hands it back to this one.
	 */
	private void onAcceptingTraffic(ReloadSignalHandler handler, ApplicationContext source) {
		ApplicationContext own = this.readyContext;
		if (own == null) {
			return;
		}
		if (source == own && !this.childFollows) {
			onReady(handler, own);
		}
		else if (this.childFollows && ChildApplicationStart.isDescendant(source, own)
				&& !ChildApplicationStart.follows()) {
			handler.gettingReady();
			onReady(handler, own);
		}
	}

	private void onReady(ReloadSignalHandler handler, ApplicationContext applicationContext) {
		this.ready = true;
		SystemdReloader reloader = applicationContext.getBeanProvider(SystemdReloader.class)
			.getIfUnique(() -> new SystemdReloader(notifier(applicationContext), List.of()));
		handler.ready(reloader);
	}

	private static SystemdNotifier notifier(ApplicationContext applicationContext) {
		return applicationContext.getBeanProvider(SystemdNotifier.class)
			.getIfUnique(() -> SystemdNotifier
				.create(applicationContext.getEnvironment().getProperty(NotifySocketAddress.VARIABLE)));
	}

	/**
	 * Return whether {@code SIGHUP} is to be answered with a reload: under a service
	 * manager, unless {@code systemd.enabled} or {@code systemd.reload.enabled} is
	 * {@code false}.
	 * @param environment the environment
	 * @return whether to take over {@code SIGHUP}
	 */
	boolean isReloadingOnSighup(Environment environment) {
		return environment.containsProperty(NotifySocketAddress.VARIABLE) && this.enabled.test(environment);
	}

}
