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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link FileDescriptorStoreMax}.
 */
class FileDescriptorStoreMaxTests {

	@Test
	void unsetIsEmpty() {
		assertThat(FileDescriptorStoreMax.parse(null)).isEmpty();
	}

	@ParameterizedTest(name = "FDSTORE={0} -> {1}")
	@CsvSource(textBlock = """
			1,       1
			16,      16
			' 8 ',   8
			0,       0
			9223372036854775807, 9223372036854775807
			""")
	void validValues(String value, long expected) {
		assertThat(FileDescriptorStoreMax.parse(value)).hasValue(expected);
	}

	@ParameterizedTest(name = "FDSTORE={0} -> {1}")
	@CsvSource(delimiter = '|', textBlock = """
			lots                 | FDSTORE 'lots' is not a number
			''                   | FDSTORE '' is not a number
			1.5                  | FDSTORE '1.5' is not a number
			-1                   | FDSTORE '-1' is negative
			9223372036854775808  | FDSTORE '9223372036854775808' is too large
			""")
	void invalidValuesNameTheVariableAndValue(String value, String message) {
		assertThatExceptionOfType(InvalidEnvironmentException.class)
			.isThrownBy(() -> FileDescriptorStoreMax.parse(value))
			.withMessage(message)
			.satisfies((ex) -> assertThat(ex.getVariable()).isEqualTo("FDSTORE"));
	}

}
