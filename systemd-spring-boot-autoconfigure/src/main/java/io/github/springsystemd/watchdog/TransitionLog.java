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
package io.github.springsystemd.watchdog;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;

import io.github.springsystemd.support.DurationText;
import io.github.springsystemd.support.StatusText;

/**
 * Logs the changes of a watchdog gate's decision, damped: a decision already logged
 * within the window is not logged again, and the changes not logged are summed up in one
 * line once the window has passed. Decisions are told apart by whether the gate is open,
 * by their reason with its numbers left out (a reason may quote a message that differs at
 * every check only by a time, an attempt count or a duration) and by the components that
 * are not {@code UP}, by name and status. What was logged is kept for the window only.
 */
final class TransitionLog {

	private static final Pattern DIGITS = Pattern.compile("[0-9]+");

	private final Log logger;

	private final Duration window;

	private final LongSupplier nanoTime;

	private final Map<String, Long> lastLogged = new HashMap<>();

	private @Nullable String current;

	private int suppressed;

	private long suppressedSince;

	TransitionLog(Log logger, Duration window, LongSupplier nanoTime) {
		this.logger = logger;
		this.window = window;
		this.nanoTime = nanoTime;
	}

	/**
	 * Record the latest decision, logging it if it is a change that was not logged within
	 * the window.
	 * @param decision the decision
	 * @param consequence what follows from it, such as
	 * {@code systemd restarts the service if this lasts 4s}
	 */
	void record(GateDecision decision, String consequence) {
		long now = this.nanoTime.getAsLong();
		String key = key(decision);
		String previous = this.current;
		this.current = key;
		if (key.equals(previous) || (previous == null && key.equals("up"))) {
			summarize(now, decision);
			return;
		}
		Long logged = this.lastLogged.get(key);
		if (logged != null && now - logged < this.window.toNanos()) {
			if (this.suppressed++ == 0) {
				this.suppressedSince = now;
			}
			return;
		}
		this.lastLogged.values().removeIf((at) -> now - at >= this.window.toNanos());
		this.lastLogged.put(key, now);
		log(decision, consequence);
		summarize(now, decision);
	}

	/**
	 * Return how many decisions are remembered as logged within the window.
	 * @return the number of decisions
	 */
	int remembered() {
		return this.lastLogged.size();
	}

	private void summarize(long now, GateDecision decision) {
		if (this.suppressed == 0 || now - this.suppressedSince < this.window.toNanos()) {
			return;
		}
		String message = this.suppressed + " more changes of the systemd watchdog health gate within "
				+ DurationText.of(this.window) + " were not logged; now " + (decision.open() ? "open" : "closed") + ": "
				+ reason(decision);
		this.suppressed = 0;
		this.lastLogged.clear();
		if (decision.open() && !decision.degraded()) {
			this.logger.info(message);
		}
		else {
			this.logger.warn(message);
		}
	}

	private void log(GateDecision decision, String consequence) {
		if (!decision.open()) {
			this.logger.warn("Systemd watchdog health gate closed: " + reason(decision) + "; " + consequence);
		}
		else if (decision.degraded()) {
			this.logger.warn("Systemd watchdog health gate open, degraded: " + reason(decision) + "; " + consequence);
		}
		else {
			this.logger.info("Systemd watchdog health gate open again: " + reason(decision));
		}
	}

	/**
	 * The reason on one line and as long as a status line at most: it may quote what a
	 * health indicator reported.
	 */
	private static String reason(GateDecision decision) {
		return StatusText.truncate(StatusText.oneLine(decision.reason()));
	}

	private static String key(GateDecision decision) {
		if (decision.open() && !decision.degraded()) {
			return "up";
		}
		StringBuilder key = new StringBuilder(decision.open() ? "degraded:" : "closed:");
		key.append(StatusText.truncate(DIGITS.matcher(decision.reason()).replaceAll("#")));
		// the numbers in a component's name count: db1 is not db2
		for (ComponentHealth component : decision.components()) {
			if (!component.up()) {
				key.append('|').append(component.name()).append('=').append(component.status());
			}
		}
		return key.toString();
	}

}
