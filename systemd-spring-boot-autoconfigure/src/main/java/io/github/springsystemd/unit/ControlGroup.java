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
package io.github.springsystemd.unit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Finds the systemd unit of a process from its control group, as listed in
 * {@code /proc/self/cgroup}: the last path segment that names a service or scope.
 */
final class ControlGroup {

	private static final List<String> UNIT_SUFFIXES = List.of(".service", ".scope");

	private ControlGroup() {
	}

	/**
	 * Return the unit named by the contents of a {@code /proc/PID/cgroup} file.
	 * @param cgroups the file contents
	 * @return the unit name, or {@code null} when none is named
	 */
	static @Nullable String unitOf(String cgroups) {
		String unit = null;
		for (String line : cgroups.split("\n")) {
			int path = line.indexOf(':', line.indexOf(':') + 1);
			if (path < 0) {
				continue;
			}
			for (String segment : line.substring(path + 1).split("/")) {
				if (UNIT_SUFFIXES.stream().anyMatch(segment::endsWith)) {
					unit = segment;
				}
			}
			if (unit != null) {
				return unit;
			}
		}
		return null;
	}

	/**
	 * Return the unit of this process, or {@code null} when it cannot be read.
	 * @return the unit name or {@code null}
	 */
	static @Nullable String unitOfThisProcess() {
		try {
			return unitOf(Files.readString(Path.of("/proc/self/cgroup")));
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

}
