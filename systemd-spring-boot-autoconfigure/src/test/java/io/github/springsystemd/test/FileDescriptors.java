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
package io.github.springsystemd.test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What {@code /proc/self} says about a file descriptor of this process. Linux only.
 */
public final class FileDescriptors {

	private static final int O_CLOEXEC = 02000000;

	private FileDescriptors() {
	}

	/**
	 * Return whether a descriptor is closed when the process executes another program
	 * ({@code O_CLOEXEC} in the {@code flags} of {@code /proc/self/fdinfo}).
	 * @param fd a file descriptor of this process
	 * @return whether it is close-on-exec
	 * @throws IOException if its flags cannot be read
	 */
	public static boolean closeOnExec(int fd) throws IOException {
		String flags = Files.readAllLines(Path.of("/proc/self/fdinfo/" + fd))
			.stream()
			.filter((line) -> line.startsWith("flags:"))
			.findFirst()
			.orElseThrow()
			.substring(6)
			.trim();
		return (Integer.parseInt(flags, 8) & O_CLOEXEC) != 0;
	}

}
