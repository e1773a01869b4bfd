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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link JournalStream}.
 */
@EnabledOnOs(OS.LINUX)
class JournalStreamTests {

	@TempDir
	Path temp;

	@Test
	void matchesTheFileWithThatDeviceAndInode() throws Exception {
		Path file = Files.createFile(this.temp.resolve("stream"));
		assertThat(JournalStream.matches(journalStream(file), file)).isTrue();
	}

	@Test
	void doesNotMatchAnotherFile() throws Exception {
		Path file = Files.createFile(this.temp.resolve("stream"));
		Path other = Files.createFile(this.temp.resolve("other"));
		assertThat(JournalStream.matches(journalStream(other), file)).isFalse();
	}

	@Test
	void standardOutputIsFoundThroughProc() throws Exception {
		String standardOutput = journalStream(Path.of("/proc/self/fd/1"));
		assertThat(JournalStream.isStandardOutput(standardOutput)).isTrue();
		assertThat(JournalStream.isStandardOutput("0:0")).isFalse();
	}

	@Test
	void unsetOrMalformedValuesDoNotMatch() throws Exception {
		Path file = Files.createFile(this.temp.resolve("stream"));
		assertThat(JournalStream.matches(null, file)).isFalse();
		assertThat(JournalStream.matches("", file)).isFalse();
		assertThat(JournalStream.matches("12345", file)).isFalse();
		assertThat(JournalStream.matches("a:b", file)).isFalse();
		assertThat(JournalStream.matches("-1:-1", file)).isFalse();
		assertThat(JournalStream.matches("1:2", this.temp.resolve("missing"))).isFalse();
	}

	static String journalStream(Path file) throws Exception {
		Map<String, Object> attributes = Files.readAttributes(file, "unix:dev,ino");
		return attributes.get("dev") + ":" + attributes.get("ino");
	}

}
