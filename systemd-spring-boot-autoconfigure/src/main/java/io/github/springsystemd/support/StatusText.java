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

/**
 * Writes the text of a {@code STATUS=} line: on one line, and no longer than what
 * {@code systemctl status} usefully shows.
 * <p>
 * Internal to the starter: not a public API. Public for the packages that write a status.
 *
 * @since 0.1.0
 */
public final class StatusText {

	private static final int MAX_LENGTH = 400;

	private StatusText() {
	}

	/**
	 * Return a status line cut to at most 400 characters, ending in {@code ...} when cut.
	 * @param status the status line
	 * @return the status line
	 */
	public static String truncate(String status) {
		return truncate(status, MAX_LENGTH);
	}

	/**
	 * Return a text cut to at most the given number of characters, ending in {@code ...}
	 * when cut.
	 * @param text the text
	 * @param maxLength the most characters, at least 4
	 * @return the text
	 */
	public static String truncate(String text, int maxLength) {
		if (text.length() <= maxLength) {
			return text;
		}
		int end = maxLength - 3;
		// never half of a character outside the Basic Multilingual Plane
		return text.substring(0, Character.isHighSurrogate(text.charAt(end - 1)) ? end - 1 : end) + "...";
	}

	/**
	 * Return a text on one line, every run of white space and control characters (such as
	 * {@code NUL} or the {@code ESC} of a terminal escape sequence) made a single space.
	 * @param text the text
	 * @return the text on one line
	 */
	public static String oneLine(String text) {
		return text.replaceAll("[\\s\\p{Cntrl}]+", " ").trim();
	}

	/**
	 * Describe an exception by its own message on one line and its type,
	 * {@code message (Type)}, or by its type alone when it has no message.
	 * @param failure the exception
	 * @return the description
	 */
	public static String describe(Throwable failure) {
		String message = failure.getMessage();
		String type = failure.getClass().getSimpleName();
		return (message != null && !message.isBlank()) ? oneLine(message) + " (" + type + ")" : type;
	}

}
