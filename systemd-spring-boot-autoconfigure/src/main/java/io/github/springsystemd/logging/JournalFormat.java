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

/**
 * When to write console logs in the journal's format.
 *
 * @since 0.1.0
 */
public enum JournalFormat {

	/**
	 * Use the journal's format when standard output is the journal, as
	 * {@code JOURNAL_STREAM} says.
	 */
	AUTO,

	/**
	 * Always use the journal's format, for example when the journal reads standard output
	 * through a pipe ({@code ExecStart=/bin/sh -c 'java ... | tee ...'}).
	 */
	ALWAYS,

	/**
	 * Never use the journal's format.
	 */
	NEVER

}
