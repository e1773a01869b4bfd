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
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.SmartApplicationListener;

import io.github.springsystemd.notify.SystemdNotifier;
import io.github.springsystemd.protocol.Notification;
import io.github.springsystemd.support.ChildApplicationStart;
import io.github.springsystemd.support.DurationText;
import io.github.springsystemd.watchdog.SystemdWatchdog;

/**
 * Tells systemd when the application is ready and when it stops: {@code READY=1} on
 * {@link ApplicationReadyEvent} (web server listening, runners done), then starts the
 * watchdog, once. An application that {@code SpringApplicationBuilder} runs as the parent
 * of a child sends it when the child is ready instead; {@code STOPPING=1} at the very
 * start of context close, before graceful shutdown of the web server, then stops the
 * watchdog. Both are {@linkplain SystemdNotifier#deliver(Notification) delivered}: never
 * waited for, and sent again in the background while the service manager cannot take
 * them. After a startup failure the status keeps saying why (see
 * {@link SystemdNotifier#deliverFinal(Notification)}).
 * <p>
 * When given a shutdown stall timeout, it extends the stop timeout
 * ({@code TimeoutStopSec=}) from {@code STOPPING=1} until the context is closed, as long
 * as the thread that closes it makes progress (its stack changes between samples). A
 * shutdown that makes no progress for the stall timeout is no longer extended.
 *
 * @since 0.1.0
 */
public final class SystemdLifecycleNotifier implements SmartApplicationListener {

	private static final Log logger = LogFactory.getLog(SystemdLifecycleNotifier.class);

	private final SystemdNotifier notifier;

	private final ApplicationContext applicationContext;

	private final @Nullable SystemdWatchdog watchdog;

	private final boolean sendMainPid;

	private final @Nullable Duration shutdownStallTimeout;

	private final AtomicBoolean readySent = new AtomicBoolean();

	/**
	 * Set once this context's own ready event came while a child application was about to
	 * start: only then does a descendant's ready event send {@code READY=1}.
	 */
	private volatile @Nullable HeldBack heldBack;

	/**
	 * Create a new {@link SystemdLifecycleNotifier}.
	 * @param notifier the notifier
	 * @param applicationContext the context whose lifecycle is reported
	 * @param watchdog the watchdog to start once ready, or {@code null}
	 * @param sendMainPid whether to send {@code MAINPID=} with {@code READY=1}
	 * @param shutdownStallTimeout how long a shutdown may make no progress before the
	 * stop timeout is no longer extended, or {@code null} not to extend it
	 */
	public SystemdLifecycleNotifier(SystemdNotifier notifier, ApplicationContext applicationContext,
			@Nullable SystemdWatchdog watchdog, boolean sendMainPid, @Nullable Duration shutdownStallTimeout) {
		this.notifier = notifier;
		this.applicationContext = applicationContext;
		this.watchdog = watchdog;
		this.sendMainPid = sendMainPid;
		this.shutdownStallTimeout = shutdownStallTimeout;
	}

	@Override
	public boolean supportsEventType(Class<? extends ApplicationEvent> eventType) {
		return ApplicationReadyEvent.class.isAssignableFrom(eventType)
				|| ContextClosedEvent.class.isAssignableFrom(eventType);
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		if (event instanceof ApplicationReadyEvent ready) {
			ApplicationContext context = ready.getApplicationContext();
			boolean own = context == this.applicationContext;
			if (!own && !(this.heldBack != null
					&& ChildApplicationStart.isDescendant(context, this.applicationContext))) {
				return;
			}
			if (ChildApplicationStart.follows()) {
				if (own) {
					this.heldBack = new HeldBack(ready.getTimeTaken(), System.nanoTime());
				}
				logger.debug("Not sending READY=1 yet: a child application starts next, and READY=1 waits for it");
				return;
			}
			onReady(ready);
		}
		else if (event instanceof ContextClosedEvent closed
				&& closed.getApplicationContext() == this.applicationContext) {
			onClosing();
		}
	}

	private void onReady(ApplicationReadyEvent event) {
		if (!this.readySent.compareAndSet(false, true)) {
			return;
		}
		Notification ready = Notification.ready().and("STATUS", startedStatus(timeTaken(event)));
		if (this.sendMainPid) {
			ready = ready.and("MAINPID", Long.toString(ProcessHandle.current().pid()));
		}
		this.notifier.deliver(ready);
		if (this.watchdog != null && this.notifier.isActive()) {
			this.watchdog.start();
		}
	}

	private void onClosing() {
		// stopped first: no beat or retry starts after STOPPING=1 (one already sending
		// may still finish)
		if (this.watchdog != null) {
			this.watchdog.stop();
		}
		this.notifier.deliver(Notification.stopping().and("STATUS", "Stopping"));
		if (this.shutdownStallTimeout != null && this.notifier.isActive()
				&& this.applicationContext instanceof ConfigurableApplicationContext context) {
			new TimeoutExtender(this.notifier, TimeoutExtender.Phase.SHUTDOWN,
					new ProgressProbe(Thread.currentThread()), this.shutdownStallTimeout, () -> !context.isActive())
				.start();
		}
	}

	/**
	 * How long the application took to get ready: from this context's start, also when a
	 * descendant's ready event sends {@code READY=1}.
	 */
	private @Nullable Duration timeTaken(ApplicationReadyEvent event) {
		HeldBack heldBack = this.heldBack;
		if (event.getApplicationContext() == this.applicationContext || heldBack == null
				|| heldBack.timeTaken() == null) {
			return event.getTimeTaken();
		}
		return heldBack.timeTaken().plusNanos(System.nanoTime() - heldBack.at());
	}

	private String startedStatus(@Nullable Duration timeTaken) {
		String name = ServiceName.of(this.applicationContext.getEnvironment());
		String started = (name != null) ? "Started " + name : "Started";
		if (timeTaken == null) {
			return started;
		}
		return started + " in " + DurationText.seconds(timeTaken);
	}

	/**
	 * This context's time taken to get ready, and {@link System#nanoTime()} when it held
	 * {@code READY=1} back, so that the status counts from its own start.
	 */
	private record HeldBack(@Nullable Duration timeTaken, long at) {

	}

}
