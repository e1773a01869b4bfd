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
package io.github.springsystemd.libc;

/**
 * Native access is not available: the message names the cause and the fix.
 * <p>
 * Internal to the starter: not a public API.
 */
public class NativeAccessException extends Exception {

	/**
	 * Create a new {@link NativeAccessException}.
	 * @param message the cause and the fix
	 * @param cause the underlying failure
	 */
	public NativeAccessException(String message, Throwable cause) {
		super(message, cause);
	}

}
