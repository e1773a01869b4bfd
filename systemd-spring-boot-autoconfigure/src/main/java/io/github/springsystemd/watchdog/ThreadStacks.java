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

import java.util.Comparator;
import java.util.Map;

/**
 * Formats thread stacks for the log, the way a thread dump shows them.
 */
final class ThreadStacks {

	private static final String NEW_LINE = System.lineSeparator();

	private ThreadStacks() {
	}

	/**
	 * Describe one thread: its name and state, then its stack.
	 * @param thread the thread
	 * @return the description, several lines
	 */
	static String of(Thread thread) {
		return describe(thread, thread.getStackTrace());
	}

	/**
	 * Describe every live thread, ordered by name.
	 * @return the descriptions, separated by blank lines
	 */
	static String ofAll() {
		StringBuilder all = new StringBuilder();
		Thread.getAllStackTraces()
			.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey(Comparator.comparing(Thread::getName)))
			.forEach((
					entry) -> all.append(NEW_LINE).append(NEW_LINE).append(describe(entry.getKey(), entry.getValue())));
		return all.toString();
	}

	/**
	 * Describe one thread from a stack taken earlier.
	 * @param thread the thread
	 * @param stack its stack
	 * @return the description, several lines
	 */
	static String describe(Thread thread, StackTraceElement[] stack) {
		StringBuilder description = new StringBuilder();
		description.append('"')
			.append(thread.getName())
			.append('"')
			.append(thread.isDaemon() ? " daemon" : "")
			.append(' ')
			.append(thread.getState());
		for (StackTraceElement element : stack) {
			description.append(NEW_LINE).append("\tat ").append(element);
		}
		return description.toString();
	}

}
