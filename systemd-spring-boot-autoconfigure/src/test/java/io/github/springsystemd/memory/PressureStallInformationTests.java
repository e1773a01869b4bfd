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
package io.github.springsystemd.memory;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link PressureStallInformation}, reading real files.
 */
class PressureStallInformationTests {

	@TempDir
	Path directory;

	@Test
	void readsCgroupMemoryPressureFile() throws Exception {
		Path file = this.directory.resolve("memory.pressure");
		Files.writeString(file, "some avg10=1.26 avg60=0.22 avg300=0.04 total=75067\n"
				+ "full avg10=0.50 avg60=0.10 avg300=0.02 total=35000\n");
		PressureStallInformation stall = PressureStallInformation.read(file);
		assertThat(stall.some()).isEqualTo(new PressureStallInformation.Line(1.26, 0.22, 0.04, 75067));
		assertThat(stall.full()).isEqualTo(new PressureStallInformation.Line(0.50, 0.10, 0.02, 35000));
		assertThat(stall)
			.hasToString("some avg10=1.26% avg60=0.22% total=75ms, full avg10=0.50% avg60=0.10% total=35ms");
	}

	@Test
	void readsFileWithoutFullLine() throws Exception {
		Path file = this.directory.resolve("cpu.pressure");
		Files.writeString(file, "some avg10=0.00 avg60=0.00 avg300=0.00 total=12\n");
		PressureStallInformation stall = PressureStallInformation.read(file);
		assertThat(stall.some().totalMicros()).isEqualTo(12);
		assertThat(stall.full()).isNull();
	}

	@Test
	void rejectsFileThatIsNotPsiNamingIt() throws Exception {
		Path file = this.directory.resolve("memory.pressure");
		Files.writeString(file, "hello\n");
		assertThatIllegalArgumentException().isThrownBy(() -> PressureStallInformation.read(file))
			.withMessage("'" + file + "': not a PSI file: no 'some' line in 'hello'");
		Files.writeString(file, "some avg10=x avg60=0.00 avg300=0.00 total=1\n");
		assertThatIllegalArgumentException().isThrownBy(() -> PressureStallInformation.read(file))
			.withMessageContaining("not a PSI line: 'some avg10=x avg60=0.00 avg300=0.00 total=1'");
		Files.writeString(file, "some avg10=0.00 avg60=0.00 avg300=0.00\n");
		assertThatIllegalArgumentException().isThrownBy(() -> PressureStallInformation.read(file))
			.withMessageContaining("no 'total=' in");
	}

}
