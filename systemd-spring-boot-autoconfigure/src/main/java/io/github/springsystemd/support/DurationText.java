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

/**
 * Writes a {@link Duration} the way the starter shows it in logs, status lines and the
 * endpoint: whole seconds as {@code 4s}, anything else in milliseconds, {@code 2500ms}.
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
	public static String of(Duration duration) {
		if (duration == null) {
			return null;
		}
		return (duration.toMillis() % 1000 == 0) ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
	}

}
