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
package io.github.springsystemd.memory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The content of a Linux PSI file ({@code /proc/pressure/memory}, a control group's
 * {@code memory.pressure}), as the kernel's {@code Documentation/accounting/psi.rst}
 * describes it:
 *
 * <pre>
 * some avg10=0.00 avg60=0.00 avg300=0.00 total=0
 * full avg10=0.00 avg60=0.00 avg300=0.00 total=0
 * </pre>
 *
 * @param some the share of time in which at least one task stalled on memory
 * @param full the share of time in which all non-idle tasks stalled at once, or
 * {@code null} when the file has no {@code full} line
 * @since 0.1.0
 */
public record PressureStallInformation(Line some, @Nullable Line full) {

	/**
	 * Read a PSI file.
	 * @param path the file
	 * @return its content
	 * @throws IOException if the file cannot be read
	 * @throws IllegalArgumentException if the file is not in the PSI format; the message
	 * names the file and the content
	 */
	public static PressureStallInformation read(Path path) throws IOException {
		String content = Files.readString(path, StandardCharsets.US_ASCII);
		try {
			return parse(content);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("'" + path + "': " + ex.getMessage(), ex);
		}
	}

	/**
	 * Parse the content of a PSI file.
	 * @param content the content
	 * @return the parsed content
	 * @throws IllegalArgumentException if the content has no valid {@code some} line
	 */
	public static PressureStallInformation parse(String content) {
		Line some = null;
		Line full = null;
		for (String text : content.split("\n")) {
			String trimmed = text.strip();
			if (trimmed.startsWith("some ")) {
				some = Line.parse(trimmed);
			}
			else if (trimmed.startsWith("full ")) {
				full = Line.parse(trimmed);
			}
		}
		if (some == null) {
			throw new IllegalArgumentException("not a PSI file: no 'some' line in '" + content.strip() + "'");
		}
		return new PressureStallInformation(some, full);
	}

	@Override
	public String toString() {
		return "some " + this.some + ((this.full != null) ? ", full " + this.full : "");
	}

	/**
	 * One line of a PSI file.
	 *
	 * @param avg10 percentage of time stalled over the last 10 seconds (0 to 100)
	 * @param avg60 percentage of time stalled over the last 60 seconds (0 to 100)
	 * @param avg300 percentage of time stalled over the last 300 seconds (0 to 100)
	 * @param totalMicros total time stalled, in microseconds
	 */
	public record Line(double avg10, double avg60, double avg300, long totalMicros) {

		static Line parse(String text) {
			Map<String, String> fields = new HashMap<>();
			String[] words = text.split("\\s+");
			for (int i = 1; i < words.length; i++) {
				int equals = words[i].indexOf('=');
				if (equals > 0) {
					fields.put(words[i].substring(0, equals), words[i].substring(equals + 1));
				}
			}
			try {
				return new Line(Double.parseDouble(required(fields, "avg10", text)),
						Double.parseDouble(required(fields, "avg60", text)),
						Double.parseDouble(required(fields, "avg300", text)),
						Long.parseLong(required(fields, "total", text)));
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("not a PSI line: '" + text + "' (" + ex.getMessage() + ")", ex);
			}
		}

		private static String required(Map<String, String> fields, String name, String text) {
			String value = fields.get(name);
			if (value == null) {
				throw new IllegalArgumentException("not a PSI line: no '" + name + "=' in '" + text + "'");
			}
			return value;
		}

		@Override
		public String toString() {
			return String.format(Locale.ROOT, "avg10=%.2f%% avg60=%.2f%% total=%dms", this.avg10, this.avg60,
					this.totalMicros / 1000);
		}

	}

}
