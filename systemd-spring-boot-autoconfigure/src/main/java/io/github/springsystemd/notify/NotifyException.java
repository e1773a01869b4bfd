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
package io.github.springsystemd.notify;

/**
 * A notification could not be sent. It carries no stack trace: the kind and message say
 * what failed, and a full receiver queue may make it frequent.
 */
class NotifyException extends Exception {

	private final String kind;

	/**
	 * Create a new {@link NotifyException}.
	 * @param kind a short name for the kind of failure, such as {@code ECONNREFUSED}
	 * @param message the description of the failure
	 */
	NotifyException(String kind, String message) {
		super(message, null, false, false);
		this.kind = kind;
	}

	/**
	 * Return a short name for the kind of failure, such as {@code ECONNREFUSED}.
	 * @return the kind
	 */
	String getKind() {
		return this.kind;
	}

}
