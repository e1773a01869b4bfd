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

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import io.github.springsystemd.notify.SystemdNotifier;
import io.github.springsystemd.protocol.Notification;
import io.github.springsystemd.support.StatusText;
import io.github.springsystemd.support.DurationText;

/**
 * Reloads the application the way systemd expects: {@code RELOADING=1} with
 * {@code MONOTONIC_USEC=}, then every {@link SystemdReloadHandler}, then {@code READY=1}
 * with a {@code STATUS=} that says what happened ({@code Reloaded: 2 handlers in 0.3 s}
 * or {@code Reload failed: <cause>}; {@code Reloaded: nothing to reload} without
 * handlers). A failed reload is logged at {@code WARN} and reported, never thrown: the
 * application keeps running. Reloads never overlap.
 *
 * @since 0.1.0
 */
public final class SystemdReloader {

	private static final Log logger = LogFactory.getLog(SystemdReloader.class);

	private static final String NOTHING_TO_RELOAD = "Reloaded: nothing to reload";

	private final SystemdNotifier notifier;

	private final List<SystemdReloadHandler> handlers;

	private final List<String> names;

	/**
	 * Create a new {@link SystemdReloader}. The log names each handler by its class.
	 * @param notifier the notifier that tells systemd about the reload
	 * @param handlers the handlers to run, in order
	 */
	public SystemdReloader(SystemdNotifier notifier, List<? extends SystemdReloadHandler> handlers) {
		this(notifier, handlers, (handler) -> null);
	}

	/**
	 * Create a new {@link SystemdReloader} whose log names each handler by its bean name.
	 * @param notifier the notifier that tells systemd about the reload
	 * @param handlers the handlers to run, in order
	 * @param beanNames the bean name of a handler, or {@code null} for one that has none
	 * (it is then named by its class)
	 */
	public SystemdReloader(SystemdNotifier notifier, List<? extends SystemdReloadHandler> handlers,
			Function<SystemdReloadHandler, @Nullable String> beanNames) {
		this.notifier = notifier;
		this.handlers = List.copyOf(handlers);
		this.names = this.handlers.stream().map((handler) -> name(handler, beanNames.apply(handler))).toList();
	}

	/**
	 * Name a handler in the log: {@code 'reloadCounter' (com.example.ReloadCounter)}, or
	 * the class alone; a lambda by the class it was written in.
	 */
	private static String name(SystemdReloadHandler handler, @Nullable String beanName) {
		String type = handler.getClass().getName();
		int lambda = type.indexOf("$$Lambda");
		type = (lambda > 0) ? "a lambda in " + type.substring(0, lambda) : type;
		return (beanName != null) ? "'" + beanName + "' (" + type + ")" : type;
	}

	/**
	 * Return the handlers run by each reload, in order.
	 * @return the handlers
	 */
	public List<SystemdReloadHandler> getHandlers() {
		return this.handlers;
	}

	/**
	 * Reload now: send {@code RELOADING=1}, run every handler, then send {@code READY=1}
	 * with the outcome. Waits while another reload runs. Does not throw when a handler
	 * fails.
	 * @return {@code true} if every handler succeeded
	 */
	public synchronized boolean reload() {
		if (this.handlers.isEmpty()) {
			return reloadNothing();
		}
		String handlers = count(this.handlers.size());
		logger.info("Reloading: " + handlers);
		this.notifier.notify(Notification.reloading(this.notifier.monotonicMicros()).and("STATUS", "Reloading"));
		long start = System.nanoTime();
		List<String> failures = new ArrayList<>();
		try {
			for (int i = 0; i < this.handlers.size(); i++) {
				try {
					this.handlers.get(i).reload();
				}
				catch (Exception ex) {
					failures.add(describe(ex));
					logger.warn("Reload handler " + this.names.get(i) + " failed", ex);
				}
			}
		}
		catch (Error ex) {
			failures.add(describe(ex));
			throw ex;
		}
		finally {
			String status = failures.isEmpty() ? "Reloaded: " + handlers + " in " + secondsSince(start)
					: "Reload failed: " + failures.get(0)
							+ ((failures.size() > 1) ? " (and " + (failures.size() - 1) + " more)" : "");
			// Logged before READY=1, so the journal shows the outcome before systemd's
			// "Reloaded" line and whoever waits for READY=1 finds it logged.
			if (failures.isEmpty()) {
				logger.info(status);
			}
			else {
				logger.warn(status + "; the application keeps running");
			}
			this.notifier.deliver(Notification.ready().and("STATUS", StatusText.truncate(status)));
		}
		return failures.isEmpty();
	}

	private boolean reloadNothing() {
		this.notifier.notify(Notification.reloading(this.notifier.monotonicMicros()).and("STATUS", "Reloading"));
		logger.info(NOTHING_TO_RELOAD + ": no SystemdReloadHandler bean; the application keeps running");
		this.notifier.deliver(Notification.ready().and("STATUS", NOTHING_TO_RELOAD));
		return true;
	}

	private static String count(int handlers) {
		return switch (handlers) {
			case 0 -> "no handlers";
			case 1 -> "1 handler";
			default -> handlers + " handlers";
		};
	}

	private static String secondsSince(long start) {
		return DurationText.seconds(Duration.ofNanos(System.nanoTime() - start));
	}

	static String describe(Throwable failure) {
		Throwable described = failure;
		while (described.getMessage() == null && described.getCause() != null && described.getCause() != described) {
			described = described.getCause();
		}
		return StatusText.describe(described);
	}

}
