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

/**
 * A file descriptor passed by the service manager through {@code LISTEN_FDS}.
 *
 * @param fd the file descriptor number, 3 or above
 * @param name the name from {@code LISTEN_FDNAMES}, or {@code "unknown"} when none was
 * passed
 * @since 0.1.0
 */
public record ListenFd(int fd, String name) {

	/**
	 * The name given to a file descriptor when the service manager passed no names.
	 */
	public static final String UNKNOWN_NAME = "unknown";

}
