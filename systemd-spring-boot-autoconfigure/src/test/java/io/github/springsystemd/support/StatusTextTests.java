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
package io.github.springsystemd.support;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link StatusText}.
 */
class StatusTextTests {

	@Test
	void shortStatusIsKept() {
		assertThat(StatusText.truncate("Running")).isEqualTo("Running");
		assertThat(StatusText.truncate("x".repeat(400))).hasSize(400);
	}

	@Test
	void longStatusIsCutTo400CharactersEndingInDots() {
		assertThat(StatusText.truncate("x".repeat(401))).hasSize(400).endsWith("xxx...");
	}

	@Test
	void cutNeverSplitsACharacterOutsideTheBasicPlane() {
		// "\ud83d\ude00" is one character in two chars: a cut between them would send '?'
		for (int pad = 0; pad < 2; pad++) {
			String cut = StatusText.truncate("a".repeat(pad) + "\ud83d\ude00".repeat(300));
			assertThat(cut).endsWith("\ud83d\ude00...");
			assertThat(new String(cut.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo(cut);
		}
	}

	@Test
	void textIsMadeOneLine() {
		assertThat(StatusText.oneLine(" a\n\tb  c\r\n")).isEqualTo("a b c");
	}

	@Test
	void controlCharactersBecomeSpaces() {
		assertThat(StatusText.oneLine("a\u0000b\u001b[2Jc\u007f")).isEqualTo("a b [2Jc");
	}

	@Test
	void textIsCutToTheGivenLength() {
		assertThat(StatusText.truncate("abcdefgh", 8)).isEqualTo("abcdefgh");
		assertThat(StatusText.truncate("abcdefghi", 8)).isEqualTo("abcde...");
	}

}
