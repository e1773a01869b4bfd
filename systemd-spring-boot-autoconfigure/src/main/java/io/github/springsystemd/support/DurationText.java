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
package io.github.springsystemd.support;

import java.time.Duration;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Writes a {@link Duration} the way the starter shows it in logs, status lines and the
 * endpoint: a setting as {@code 4s} for whole seconds and {@code 2500ms} otherwise, and
 * the time something took as {@code 2.5 s}.
 * <p>
 * Internal to the starter: not a public API. Public for the packages that write
 * durations.
 *
 * @since 0.1.0
 */
public final class DurationText {

	private DurationText() {
	}

	/**
	 * Return the text for a duration.
	 * @param duration the duration, may be {@code null}
	 * @return the text, or {@code null} for {@code null}
	 */
	public static @Nullable String of(@Nullable Duration duration) {
		if (duration == null) {
			return null;
		}
		try {
			return (duration.toMillis() % 1000 == 0) ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
		}
		catch (ArithmeticException ex) {
			// more milliseconds than a long holds: whole seconds still do
			return duration.getSeconds() + "s";
		}
	}

	/**
	 * Return the text for the time something took, in seconds with one decimal:
	 * {@code 2.5 s}.
	 * @param duration the duration
	 * @return the text
	 */
	public static String seconds(Duration duration) {
		return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
	}

}
