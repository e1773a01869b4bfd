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

import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link JournalEntry}'s field names.
 */
class JournalEntryTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			traceId          | TRACE_ID
			spanId           | SPAN_ID
			TRACE_ID         | TRACE_ID
			user.id          | USER_ID
			X-Request-Id     | X_REQUEST_ID
			requestURI       | REQUEST_URI
			_private         | PRIVATE
			9lives           | MDC_9LIVES
			message          | MDC_MESSAGE
			ünïcode          | N_CODE
			""")
	void mapsKeysToFieldNames(String key, String name) {
		String mapped = JournalEntry.fieldName(key, Set.of("MESSAGE"));
		assertThat(mapped).isEqualTo(name);
		assertThat(JournalEntry.isValidFieldName(mapped)).isTrue();
	}

	@ParameterizedTest
	@CsvSource({ "'', false", "_PID, false", "1A, false", "message, false", "A-B, false", "MESSAGE, true",
			"CODE_LINE, true" })
	void validatesFieldNames(String name, boolean valid) {
		assertThat(JournalEntry.isValidFieldName(name)).isEqualTo(valid);
	}

	@org.junit.jupiter.api.Test
	void cutsLongNamesAt64Characters() {
		assertThat(JournalEntry.fieldName("a".repeat(100), Set.of())).hasSize(64);
		assertThat(JournalEntry.isValidFieldName("A".repeat(65))).isFalse();
	}

}
