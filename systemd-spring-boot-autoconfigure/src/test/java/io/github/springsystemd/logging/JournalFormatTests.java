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

import java.nio.file.Path;

import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link JournalFormat}.
 */
class JournalFormatTests {

	@ParameterizedTest
	@CsvSource({ "AUTO, true, true, true", "AUTO, false, false, false", "NATIVE, true, true, true",
			"NATIVE, false, true, true", "PREFIX, true, false, true", "PREFIX, false, false, false",
			"ALWAYS, true, false, true", "ALWAYS, false, false, true", "NEVER, true, false, false",
			"NEVER, false, false, false" })
	void nativeEntriesAndPrefixedLines(JournalFormat format, boolean journal, boolean nativeEntries,
			boolean prefixedLines) {
		assertThat(format.isNative(journal)).isEqualTo(nativeEntries);
		assertThat(format.isPrefixed(journal)).isEqualTo(prefixedLines);
	}

	@ParameterizedTest
	@EnumSource
	@EnabledOnOs(OS.LINUX)
	void journalStreamSaysWhetherStandardOutputIsTheJournal(JournalFormat format) throws Exception {
		String standardOutput = JournalStreamTests.journalStream(Path.of("/proc/self/fd/1"));
		assertThat(format.isNative(standardOutput)).isEqualTo(format.isNative(true));
		assertThat(format.isPrefixed(standardOutput)).isEqualTo(format.isPrefixed(true));
		for (String other : new String[] { null, "0:0" }) {
			assertThat(format.isNative(other)).isEqualTo(format.isNative(false));
			assertThat(format.isPrefixed(other)).isEqualTo(format.isPrefixed(false));
		}
	}

}
