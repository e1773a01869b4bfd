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
import org.jspecify.annotations.Nullable;

/**
 * Takes over {@code SIGHUP}, which {@code systemctl reload} sends
 * ({@code ExecReload=kill -HUP $MAINPID}, or {@code Type=notify-reload} on systemd 253
 * and later), so that it never ends the JVM, whose own handler shuts down as for
 * {@code SIGTERM}.
 * <p>
 * Once the application is {@link #ready(SystemdReloader) ready}, each {@code SIGHUP} asks
 * for a {@link SystemdReloader#reload() reload}. A signal that arrives while a reload
 * runs leaves one reload pending, which runs when the current one is done; further
 * signals join that pending reload, so a burst of signals runs at most two reloads and no
 * thread waits. A {@code SIGHUP} while the application is still starting, or already
 * stopping, is logged and otherwise ignored: the application reads its configuration as
 * it starts, and {@code READY=1} must not be sent before startup is done. One that comes
 * once startup is done but before the application is ready for traffic (while
 * {@code ApplicationReadyEvent} is handled, when {@code READY=1} is sent) is not lost: it
 * reloads once the application is ready. Once stopping, a reload that is pending is
 * dropped.
 * <p>
 * Several applications may run in one JVM. A handler installed while another one's
 * application still runs takes {@code SIGHUP} over. An application that runs inside
 * another one's startup or reload (Spring Cloud's bootstrap application, any
 * {@code SpringApplication} run from another's startup or reload handlers) leaves
 * {@code SIGHUP} to that one (see {@link #isInsideAnother()}).
 *
 * @see ReloadSignalListener
 */
final class ReloadSignalHandler {

	private static final Log logger = LogFactory.getLog(ReloadSignalHandler.class);

	private static final Object installation = new Object();

	/**
	 * Whether this thread runs a reload of an application's handler.
	 */
	private static final ThreadLocal<Boolean> reloading = new ThreadLocal<>();

	private static final String SPRING_APPLICATION = "org.springframework.boot.SpringApplication";

	/**
	 * The descriptor of {@code SpringApplication.run(String...)}, the run of one
	 * application, unlike the static methods of that name that call it.
	 */
	private static final String RUN_DESCRIPTOR = "([Ljava/lang/String;)Lorg/springframework/context/ConfigurableApplicationContext;";

	/**
	 * The handler installed last, while it is installed: the one {@code SIGHUP} reaches.
	 */
	private static @Nullable ReloadSignalHandler latest;

	private final Object handler = HangupSignal.handler(this::onSignal);

	private final Object monitor = new Object();

	private @Nullable Object previous;

	/**
	 * The handler of another application that this one replaced, {@link #latest} again
	 * once this one is uninstalled.
	 */
	private @Nullable ReloadSignalHandler replaced;

	private volatile @Nullable CoalescedReloads reloads;

	private volatile Phase phase = Phase.STARTING;

	/**
	 * Whether a {@code SIGHUP} came while the application was getting ready, to be
	 * answered once it is.
	 */
	private boolean deferred;

	/**
	 * Make this the process's handler of {@code SIGHUP}.
	 * @return {@code null} if it is installed, otherwise why it cannot be
	 */
	@Nullable String install() {
		synchronized (installation) {
			synchronized (this.monitor) {
				if (this.previous != null) {
					return null;
				}
				Object previous;
				try {
					previous = HangupSignal.handle(this.handler);
				}
				catch (IllegalArgumentException ex) {
					return "Cannot handle SIGHUP (" + ex.getMessage() + "; is the JVM started with -Xrs?); "
							+ "systemctl reload ends the application";
				}
				if (HangupSignal.isIgnore(previous)) {
					HangupSignal.handle(previous);
					return "SIGHUP is ignored by this process (started by nohup?); "
							+ "systemctl reload does not reach the application";
				}
				this.previous = previous;
				this.replaced = (latest != null && latest.handler == previous) ? latest : null;
				latest = this;
				return null;
			}
		}
	}

	/**
	 * Put back the handler that {@link #install()} replaced, unless another handler
	 * replaced this one since.
	 */
	void uninstall() {
		synchronized (installation) {
			synchronized (this.monitor) {
				if (this.previous == null) {
					return;
				}
				Object current = HangupSignal.handle(this.previous);
				if (current != this.handler) {
					HangupSignal.handle(current);
				}
				else if (latest == this) {
					latest = this.replaced;
				}
				this.previous = null;
				this.replaced = null;
			}
		}
	}

	/**
	 * Return whether an application that starts now runs inside another one's startup or
	 * reload, on this thread, and so leaves {@code SIGHUP} to it: Spring Cloud's
	 * bootstrap application runs while the main one's environment is prepared, and again
	 * when a {@code ContextRefresher} reloads it; an application's runner may run another
	 * one. An application started on another thread, or once the one before has started,
	 * is not inside it.
	 * @return whether the application starting on this thread is inside another one
	 */
	static boolean isInsideAnother() {
		if (Boolean.TRUE.equals(reloading.get())) {
			return true;
		}
		synchronized (installation) {
			ReloadSignalHandler current = latest;
			if (current == null || !current.isStarting()) {
				return false;
			}
		}
		try {
			return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
				.walk((frames) -> frames
					.filter((frame) -> SPRING_APPLICATION.equals(frame.getClassName())
							&& "run".equals(frame.getMethodName()) && RUN_DESCRIPTOR.equals(frame.getDescriptor()))
					.limit(2)
					.count()) > 1;
		}
		catch (RuntimeException ex) {
			// never fail a startup over this: the application then takes SIGHUP as usual
			logger.debug("Could not tell whether this application runs inside another one", ex);
			return false;
		}
	}

	private boolean isStarting() {
		synchronized (this.monitor) {
			return this.previous != null && (this.phase == Phase.STARTING || this.phase == Phase.GETTING_READY);
		}
	}

	/**
	 * Return whether this is the process's handler of {@code SIGHUP}.
	 * @return whether it is installed
	 */
	boolean isInstalled() {
		synchronized (this.monitor) {
			return this.previous != null;
		}
	}

	/**
	 * Start answering {@code SIGHUP} with a reload.
	 * @param reloader the reloader to run
	 */
	void ready(SystemdReloader reloader) {
		CoalescedReloads reloads = new CoalescedReloads(() -> {
			reloading.set(Boolean.TRUE);
			try {
				reloader.reload();
			}
			finally {
				reloading.remove();
			}
		});
		boolean deferred;
		synchronized (this.monitor) {
			if (this.phase == Phase.STOPPING) {
				return;
			}
			this.phase = Phase.READY;
			this.reloads = reloads;
			deferred = this.deferred;
			this.deferred = false;
		}
		if (deferred) {
			Thread thread = new Thread(reloads::request, "systemd-reload");
			thread.setDaemon(true);
			thread.start();
		}
	}

	/**
	 * Note that startup is done and the application is getting ready
	 * ({@code ApplicationReadyEvent}): a {@code SIGHUP} from now on reloads once it is
	 * {@link #ready(SystemdReloader) ready}.
	 */
	void gettingReady() {
		synchronized (this.monitor) {
			if (this.phase == Phase.STARTING) {
				this.phase = Phase.GETTING_READY;
			}
		}
	}

	/**
	 * Stop answering {@code SIGHUP}: the application is stopping. The handler stays
	 * installed, so that a late {@code SIGHUP} does not end the JVM with another exit
	 * status.
	 */
	void stopping() {
		CoalescedReloads reloads;
		synchronized (this.monitor) {
			this.phase = Phase.STOPPING;
			this.deferred = false;
			reloads = this.reloads;
			this.reloads = null;
		}
		if (reloads != null) {
			reloads.cancel();
		}
	}

	/**
	 * Handle a {@code SIGHUP}, on the thread the JVM starts for it.
	 */
	void onSignal() {
		CoalescedReloads reloads;
		synchronized (this.monitor) {
			reloads = this.reloads;
			if (reloads == null && this.phase == Phase.GETTING_READY) {
				this.deferred = true;
				logger.info("SIGHUP while the application gets ready: it reloads once it is ready");
				return;
			}
		}
		if (reloads == null) {
			logger.info("Ignoring SIGHUP: the application is " + this.phase.description);
			return;
		}
		if (!reloads.request()) {
			if (reloads.isCancelled()) {
				logger.info("Ignoring SIGHUP: the application is " + Phase.STOPPING.description);
			}
			else {
				logger.debug("SIGHUP while a reload runs: one more reload follows it");
			}
		}
	}

	private enum Phase {

		STARTING("still starting; it reads its configuration as it starts"), GETTING_READY("getting ready"),
		READY("ready"), STOPPING("stopping");

		private final String description;

		Phase(String description) {
			this.description = description;
		}

	}

}
