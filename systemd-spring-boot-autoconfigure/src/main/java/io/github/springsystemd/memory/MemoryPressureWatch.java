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

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What systemd asks the service to watch for memory pressure: the file, FIFO or
 * {@code AF_UNIX} socket named by {@code $MEMORY_PRESSURE_WATCH} and the data, Base64 in
 * {@code $MEMORY_PRESSURE_WRITE}, to write into it first (for a PSI file the trigger,
 * such as {@code some 200000 2000000}: 200 ms of stall within 2 s). systemd 254 and later
 * set both for a unit with {@code MemoryPressureWatch=}
 * ({@code systemd.resource-control(5)}), following
 * {@code sd_event_add_memory_pressure(3)}.
 *
 * @since 0.1.0
 */
public final class MemoryPressureWatch {

	/** The variable that names what to watch. */
	public static final String WATCH_VARIABLE = "MEMORY_PRESSURE_WATCH";

	/** The variable that holds what to write, Base64. */
	public static final String WRITE_VARIABLE = "MEMORY_PRESSURE_WRITE";

	private static final String DISABLED = "/dev/null";

	private final Path path;

	private final byte[] write;

	private MemoryPressureWatch(Path path, byte[] write) {
		this.path = path;
		this.write = write;
	}

	/**
	 * Read the watch from the environment.
	 * @param environment the environment, such as {@link System#getenv()}
	 * @return the watch, or {@code null} when {@code $MEMORY_PRESSURE_WATCH} is not set
	 * or is {@code /dev/null} (memory pressure handling turned off)
	 * @throws IllegalArgumentException if a variable is invalid; the message names the
	 * variable and its value
	 */
	public static @Nullable MemoryPressureWatch fromEnvironment(Map<String, String> environment) {
		return of(environment.get(WATCH_VARIABLE), environment.get(WRITE_VARIABLE));
	}

	/**
	 * Create a watch from the values of the two variables.
	 * @param watch the value of {@code $MEMORY_PRESSURE_WATCH}, or {@code null}
	 * @param write the value of {@code $MEMORY_PRESSURE_WRITE}, or {@code null}
	 * @return the watch, or {@code null} when {@code watch} is {@code null} or
	 * {@code /dev/null}
	 * @throws IllegalArgumentException if {@code watch} is not an absolute path or
	 * {@code write} is not Base64
	 */
	public static @Nullable MemoryPressureWatch of(@Nullable String watch, @Nullable String write) {
		if (watch == null || DISABLED.equals(watch)) {
			return null;
		}
		if (!watch.startsWith("/") || watch.indexOf('\0') >= 0) {
			throw new IllegalArgumentException(WATCH_VARIABLE + " '" + watch + "' is not an absolute path");
		}
		byte[] data;
		try {
			data = (write != null) ? Base64.getDecoder().decode(write.strip()) : new byte[0];
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(
					WRITE_VARIABLE + " '" + write + "' is not Base64 (" + ex.getMessage() + ")", ex);
		}
		return new MemoryPressureWatch(Path.of(watch), data);
	}

	/**
	 * Return the file, FIFO or socket to watch.
	 * @return the path
	 */
	public Path getPath() {
		return this.path;
	}

	/**
	 * Return the data to write after opening, decoded; empty when there is none.
	 * @return a copy of the data
	 */
	public byte[] getWrite() {
		return this.write.clone();
	}

	/**
	 * Describe the data to write as text, without the trailing NUL systemd adds, such as
	 * {@code some 200000 2000000 (200ms within 2s)} for a PSI trigger.
	 * @return the description, empty when there is no data
	 */
	public String describeWrite() {
		String text = new String(this.write, StandardCharsets.US_ASCII).replace("\0", "").strip();
		String[] words = text.split(" ");
		if (words.length == 3 && (words[0].equals("some") || words[0].equals("full"))) {
			try {
				long threshold = Long.parseLong(words[1]);
				long window = Long.parseLong(words[2]);
				return text + " (" + micros(threshold) + " within " + micros(window) + ")";
			}
			catch (NumberFormatException ex) {
				return text;
			}
		}
		return text;
	}

	private static String micros(long micros) {
		if (micros % 1_000_000 == 0) {
			return (micros / 1_000_000) + "s";
		}
		if (micros % 1_000 == 0) {
			return (micros / 1_000) + "ms";
		}
		return micros + "us";
	}

	@Override
	public String toString() {
		return this.path.toString();
	}

}
