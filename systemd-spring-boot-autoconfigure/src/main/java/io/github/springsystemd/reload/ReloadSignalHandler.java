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

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.SmartApplicationListener;

/**
 * Takes over {@code SIGHUP}, which {@code systemctl reload} sends
 * ({@code ExecReload=kill -HUP $MAINPID}, or {@code Type=notify-reload} on systemd 253
 * and later), and answers it with a {@link SystemdReloader#reload() reload}.
 * <p>
 * Without it the JVM treats {@code SIGHUP} like {@code SIGTERM}: it runs the shutdown
 * hooks, so a reload would stop the service. The handler is installed when the context
 * starts, before {@code READY=1}, and the previous one is put back when the context
 * closes. A {@code SIGHUP} that arrives before the application is ready or after it
 * started to stop is logged and ignored.
 *
 * @since 0.1.0
 */
public final class ReloadSignalHandler implements SmartLifecycle, SmartApplicationListener {

	private static final Log logger = LogFactory.getLog(ReloadSignalHandler.class);

	private static final Signal SIGHUP = new Signal("HUP");

	private final SystemdReloader reloader;

	private final ApplicationContext applicationContext;

	private final SignalHandler handler = (signal) -> onSignal();

	private final Object monitor = new Object();

	private SignalHandler previous;

	private volatile State state = State.STARTING;

	/**
	 * Create a new {@link ReloadSignalHandler}.
	 * @param reloader the reloader to run on {@code SIGHUP}
	 * @param applicationContext the context whose readiness gates reloads
	 */
	public ReloadSignalHandler(SystemdReloader reloader, ApplicationContext applicationContext) {
		this.reloader = reloader;
		this.applicationContext = applicationContext;
	}

	@Override
	public void start() {
		synchronized (this.monitor) {
			if (this.previous != null) {
				return;
			}
			SignalHandler previous;
			try {
				previous = Signal.handle(SIGHUP, this.handler);
			}
			catch (IllegalArgumentException ex) {
				logger.warn("Cannot handle SIGHUP (" + ex.getMessage() + "; is the JVM started with -Xrs?); "
						+ "systemctl reload does not reach the application");
				return;
			}
			if (previous == SignalHandler.SIG_IGN) {
				Signal.handle(SIGHUP, SignalHandler.SIG_IGN);
				logger.warn("SIGHUP is ignored by this process (started by nohup?); "
						+ "systemctl reload does not reach the application");
				return;
			}
			this.previous = previous;
			logger.debug("Handling SIGHUP: systemctl reload runs " + this.reloader.getHandlers());
		}
	}

	@Override
	public void stop() {
		synchronized (this.monitor) {
			if (this.previous == null) {
				return;
			}
			SignalHandler current = Signal.handle(SIGHUP, this.previous);
			if (current != this.handler) {
				Signal.handle(SIGHUP, current);
			}
			this.previous = null;
		}
	}

	@Override
	public boolean isRunning() {
		synchronized (this.monitor) {
			return this.previous != null;
		}
	}

	/**
	 * Starts first and stops last, so that {@code SIGHUP} is handled for as long as the
	 * context runs.
	 * @return the phase
	 */
	@Override
	public int getPhase() {
		return Integer.MIN_VALUE;
	}

	@Override
	public boolean supportsEventType(Class<? extends ApplicationEvent> eventType) {
		return ApplicationReadyEvent.class.isAssignableFrom(eventType)
				|| ContextClosedEvent.class.isAssignableFrom(eventType);
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		if (event instanceof ApplicationReadyEvent ready && ready.getApplicationContext() == this.applicationContext) {
			this.state = State.READY;
		}
		else if (event instanceof ContextClosedEvent closed
				&& closed.getApplicationContext() == this.applicationContext) {
			this.state = State.STOPPING;
		}
	}

	/**
	 * Handle a {@code SIGHUP}: reload if the application is ready, otherwise log and
	 * ignore it.
	 */
	void onSignal() {
		State state = this.state;
		if (state != State.READY) {
			logger.info("Ignoring SIGHUP: the application is " + state.description);
			return;
		}
		this.reloader.reload();
	}

	private enum State {

		STARTING("still starting"), READY("ready"), STOPPING("stopping");

		private final String description;

		State(String description) {
			this.description = description;
		}

	}

}
