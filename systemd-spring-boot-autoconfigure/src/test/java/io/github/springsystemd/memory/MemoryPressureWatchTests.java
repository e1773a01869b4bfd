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

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link MemoryPressureWatch}.
 */
class MemoryPressureWatchTests {

	private static final String SYSTEMD_257_WRITE = "c29tZSAxMDAwMCAyMDAwMDAwAA==";

	@Test
	void readsWhatSystemdPasses() {
		MemoryPressureWatch watch = MemoryPressureWatch.fromEnvironment(
				Map.of("MEMORY_PRESSURE_WATCH", "/sys/fs/cgroup/system.slice/orders.service/memory.pressure",
						"MEMORY_PRESSURE_WRITE", SYSTEMD_257_WRITE));
		assertThat(watch).isNotNull();
		assertThat(watch.getPath()).isEqualTo(Path.of("/sys/fs/cgroup/system.slice/orders.service/memory.pressure"));
		assertThat(watch.getWrite()).isEqualTo("some 10000 2000000\0".getBytes(StandardCharsets.US_ASCII));
		assertThat(watch.describeWrite()).isEqualTo("some 10000 2000000 (10ms within 2s)");
	}

	@Test
	void absentOrDevNullIsNoWatch() {
		assertThat(MemoryPressureWatch.fromEnvironment(Map.of())).isNull();
		assertThat(MemoryPressureWatch.of("/dev/null", SYSTEMD_257_WRITE)).isNull();
	}

	@Test
	void writeIsOptional() {
		MemoryPressureWatch watch = MemoryPressureWatch.of("/run/pressure.fifo", null);
		assertThat(watch).isNotNull();
		assertThat(watch.getWrite()).isEmpty();
		assertThat(watch.describeWrite()).isEmpty();
	}

	@Test
	void invalidValuesAreNamed() {
		assertThatIllegalArgumentException().isThrownBy(() -> MemoryPressureWatch.of("memory.pressure", null))
			.withMessage("MEMORY_PRESSURE_WATCH 'memory.pressure' is not an absolute path");
		assertThatIllegalArgumentException().isThrownBy(() -> MemoryPressureWatch.of("/proc/pressure/memory", "%%%"))
			.withMessageStartingWith("MEMORY_PRESSURE_WRITE '%%%' is not Base64");
	}

}
