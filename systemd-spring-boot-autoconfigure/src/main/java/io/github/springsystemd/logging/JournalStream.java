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
package io.github.springsystemd.logging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Tells whether standard output is the journal: systemd sets {@code JOURNAL_STREAM} to
 * the device and inode numbers of the stream it connects to the journal
 * ({@code <dev>:<inode>}); standard output is the journal when file descriptor 1 is that
 * stream, and not, for example, a file that a child process inherited it for.
 */
final class JournalStream {

	private static final Path STANDARD_OUTPUT = Path.of("/proc/self/fd/1");

	private JournalStream() {
	}

	/**
	 * Return whether standard output is the stream that {@code JOURNAL_STREAM} names.
	 * @param journalStream the value of {@code JOURNAL_STREAM}, may be {@code null}
	 * @return whether standard output is the journal
	 */
	static boolean isStandardOutput(@Nullable String journalStream) {
		return matches(journalStream, STANDARD_OUTPUT);
	}

	/**
	 * Return whether a file is the stream that a {@code JOURNAL_STREAM} value names.
	 * @param journalStream the value of {@code JOURNAL_STREAM}, may be {@code null}
	 * @param file the file, such as {@code /proc/self/fd/1}
	 * @return whether the device and inode numbers match
	 */
	static boolean matches(@Nullable String journalStream, Path file) {
		if (journalStream == null) {
			return false;
		}
		int colon = journalStream.indexOf(':');
		if (colon < 0) {
			return false;
		}
		try {
			long device = Long.parseUnsignedLong(journalStream.substring(0, colon).trim());
			long inode = Long.parseUnsignedLong(journalStream.substring(colon + 1).trim());
			Map<String, Object> attributes = Files.readAttributes(file, "unix:dev,ino");
			return attributes.get("dev") instanceof Long dev && dev == device
					&& attributes.get("ino") instanceof Long ino && ino == inode;
		}
		catch (IllegalArgumentException | IOException | UnsupportedOperationException | SecurityException ex) {
			return false;
		}
	}

}
