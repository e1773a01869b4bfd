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
package io.github.springsystemd.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;

/**
 * One entry of journald's native protocol (see {@code systemd.journal-fields(7)} and
 * {@code sd_journal_sendv(3)}): fields written one after the other, as
 * {@code NAME=value\n}, or, when the value contains a newline, as {@code NAME\n} followed
 * by the value's length as a 64-bit little-endian integer, the value's bytes and
 * {@code \n}. Values are UTF-8 and may contain any character, NUL included. A field name
 * has 1 to 64 characters of {@code A-Z}, {@code 0-9} and {@code _}, and starts with a
 * letter: journald drops names that start with {@code _} (those are its own trusted
 * fields) and names it cannot accept.
 * <p>
 * Not thread-safe: build one entry per event.
 *
 * @since 0.1.0
 */
public final class JournalEntry {

	/**
	 * The environment variable in which systemd names the stream it connects standard
	 * output or error to the journal with, as {@code <device>:<inode>}, both decimal (see
	 * {@code systemd.exec(5)}): a process whose output is that stream logs to the
	 * journal.
	 */
	public static final String STREAM_VARIABLE = "JOURNAL_STREAM";

	/**
	 * Longest field name journald accepts.
	 */
	public static final int MAX_FIELD_NAME_LENGTH = 64;

	private static final String MAPPED_PREFIX = "MDC_";

	private byte[] buffer;

	private int length;

	/**
	 * Create an empty entry.
	 * @param capacity the expected size in bytes
	 */
	public JournalEntry(int capacity) {
		this.buffer = new byte[Math.max(16, capacity)];
	}

	/**
	 * Add a field.
	 * @param name the field name, see {@link #isValidFieldName(String)}
	 * @param value the value
	 * @return this entry
	 * @throws IllegalArgumentException if the name is not a valid field name
	 */
	public JournalEntry add(String name, String value) {
		if (!isValidFieldName(name)) {
			throw new IllegalArgumentException("'" + name + "' is not a journal field name (A-Z, 0-9 and _, "
					+ "starting with a letter, at most " + MAX_FIELD_NAME_LENGTH + " characters)");
		}
		byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
		appendAscii(name);
		if (indexOfNewline(bytes) < 0) {
			ensure(bytes.length + 2);
			this.buffer[this.length++] = '=';
			append(bytes);
		}
		else {
			ensure(bytes.length + 10);
			this.buffer[this.length++] = '\n';
			long size = bytes.length;
			for (int i = 0; i < Long.BYTES; i++) {
				this.buffer[this.length++] = (byte) (size >>> (8 * i));
			}
			append(bytes);
		}
		this.buffer[this.length++] = '\n';
		return this;
	}

	/**
	 * Return the size of the entry so far.
	 * @return the size in bytes
	 */
	public int size() {
		return this.length;
	}

	/**
	 * Return the entry as the bytes of one datagram.
	 * @return the bytes
	 */
	public byte[] toByteArray() {
		return Arrays.copyOf(this.buffer, this.length);
	}

	/**
	 * Return whether journald accepts a field name from a client: 1 to 64 characters of
	 * {@code A-Z}, {@code 0-9} and {@code _}, the first a letter.
	 * @param name the name
	 * @return whether the name is valid
	 */
	public static boolean isValidFieldName(String name) {
		if (name.isEmpty() || name.length() > MAX_FIELD_NAME_LENGTH) {
			return false;
		}
		char first = name.charAt(0);
		if (first < 'A' || first > 'Z') {
			return false;
		}
		for (int i = 1; i < name.length(); i++) {
			char c = name.charAt(i);
			if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Return the field name for a key of the application's own, such as an MDC key:
	 * {@code camelCase} words are separated by {@code _} ({@code traceId} is
	 * {@code TRACE_ID}), letters are upper-cased, every other character ({@code .},
	 * {@code -}, non-ASCII) becomes {@code _}, and leading {@code _} are dropped. A name
	 * that then starts with a digit or is empty, or is one of the {@code reserved} names,
	 * gets the prefix {@code MDC_}; names longer than 64 characters are cut.
	 * @param key the key
	 * @param reserved names the key may not take, such as {@code MESSAGE}
	 * @return a valid field name
	 */
	public static String fieldName(String key, Set<String> reserved) {
		StringBuilder name = new StringBuilder(key.length() + 4);
		char previous = 0;
		for (int i = 0; i < key.length(); i++) {
			char c = key.charAt(i);
			if (c >= 'a' && c <= 'z') {
				name.append((char) (c - ('a' - 'A')));
			}
			else if (c >= 'A' && c <= 'Z') {
				if ((previous >= 'a' && previous <= 'z') || (previous >= '0' && previous <= '9')) {
					name.append('_');
				}
				name.append(c);
			}
			else if (c >= '0' && c <= '9') {
				name.append(c);
			}
			else if (name.length() > 0) {
				name.append('_');
			}
			previous = c;
		}
		if (name.length() == 0 || !(name.charAt(0) >= 'A' && name.charAt(0) <= 'Z')
				|| reserved.contains(name.toString())) {
			name.insert(0, MAPPED_PREFIX);
		}
		if (name.length() > MAX_FIELD_NAME_LENGTH) {
			name.setLength(MAX_FIELD_NAME_LENGTH);
		}
		return name.toString();
	}

	private void appendAscii(String name) {
		ensure(name.length());
		for (int i = 0; i < name.length(); i++) {
			this.buffer[this.length++] = (byte) name.charAt(i);
		}
	}

	private void append(byte[] bytes) {
		System.arraycopy(bytes, 0, this.buffer, this.length, bytes.length);
		this.length += bytes.length;
	}

	private void ensure(int more) {
		if (this.length + more > this.buffer.length) {
			this.buffer = Arrays.copyOf(this.buffer, Math.max(this.buffer.length * 2, this.length + more));
		}
	}

	private static int indexOfNewline(byte[] bytes) {
		for (int i = 0; i < bytes.length; i++) {
			if (bytes[i] == '\n') {
				return i;
			}
		}
		return -1;
	}

}
