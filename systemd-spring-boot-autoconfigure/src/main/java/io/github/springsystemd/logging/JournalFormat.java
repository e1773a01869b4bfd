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

import org.jspecify.annotations.Nullable;

/**
 * How to write logs when standard output is the journal: as entries of journald's native
 * protocol with fields, as console lines with a syslog priority prefix, or as they are.
 *
 * @since 0.1.0
 */
public enum JournalFormat {

	/**
	 * Native entries with fields ({@link JournalAppender}) when standard output is the
	 * journal, as {@code JOURNAL_STREAM} says; prefixed lines when the logging system is
	 * not Logback.
	 */
	AUTO,

	/**
	 * Native entries with fields whenever journald's socket takes them, even when
	 * standard output is not the journal's own stream; events it does not take are
	 * written as prefixed console lines.
	 */
	NATIVE,

	/**
	 * Console lines with a syslog priority prefix ({@link JournalLogFormatter}) when
	 * standard output is the journal: the format before native entries.
	 */
	PREFIX,

	/**
	 * Always console lines with a syslog priority prefix, for example when the journal
	 * reads standard output through a pipe ({@code ExecStart=/bin/sh -c 'java ... | tee
	 * ...'}).
	 */
	ALWAYS,

	/**
	 * Neither native entries nor prefixed lines: console lines are left as they are.
	 */
	NEVER;

	/**
	 * Return whether log events go to the journal as native entries.
	 * @param journalStream the value of {@code JOURNAL_STREAM}, which tells whether
	 * standard output is the journal, or {@code null}
	 * @return whether to use native entries
	 */
	public boolean isNative(@Nullable String journalStream) {
		return isNative(JournalStream.isStandardOutput(journalStream));
	}

	/**
	 * Return whether console lines carry the syslog priority prefix: with native entries,
	 * that is the format of events the journal does not take.
	 * @param journalStream the value of {@code JOURNAL_STREAM}, which tells whether
	 * standard output is the journal, or {@code null}
	 * @return whether to use prefixed lines
	 */
	public boolean isPrefixed(@Nullable String journalStream) {
		return isPrefixed(JournalStream.isStandardOutput(journalStream));
	}

	/**
	 * Return whether log events go to the journal as native entries.
	 * @param standardOutputIsJournal whether standard output is the journal
	 * @return whether to use native entries
	 */
	boolean isNative(boolean standardOutputIsJournal) {
		return this == NATIVE || (this == AUTO && standardOutputIsJournal);
	}

	/**
	 * Return whether console lines carry the syslog priority prefix: with native entries,
	 * that is the format of events the journal does not take.
	 * @param standardOutputIsJournal whether standard output is the journal
	 * @return whether to use prefixed lines
	 */
	boolean isPrefixed(boolean standardOutputIsJournal) {
		return this == ALWAYS || this == NATIVE || ((this == AUTO || this == PREFIX) && standardOutputIsJournal);
	}

}
