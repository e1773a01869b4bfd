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
package io.github.springsystemd.lifecycle;

import java.io.FileNotFoundException;
import java.net.BindException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

import org.jspecify.annotations.Nullable;

import io.github.springsystemd.protocol.Notification;
import io.github.springsystemd.support.StatusText;

/**
 * Turns a startup failure into the notification that makes {@code systemctl status} say
 * why the service failed: {@code STATUS=} with a one-line cause, {@code ERRNO=} where the
 * cause maps to an errno, and {@code EXIT_STATUS=} with the status the JVM exits with
 * (systemd 254 and later know the field; {@code sd_notify(3)}: systemd does not consume
 * it from services, so it is informational). The cause is the root exception's message
 * until Spring Boot's failure analysis of it, where one applies, replaces it
 * ({@link StartupFailureAnalysisReporter}).
 */
final class StartupFailureStatus {

	private StartupFailureStatus() {
	}

	/**
	 * The status a JVM exits with when {@code SpringApplication.run} throws out of
	 * {@code main} and no exit code was mapped: 1.
	 */
	static final int UNCAUGHT_EXCEPTION_EXIT_STATUS = 1;

	/**
	 * Return the notification for a startup failure described by its root cause.
	 * @param failure the failure
	 * @param exitCode the exit code Spring Boot found for the failure
	 * ({@code ExitCodeEvent}, from an {@code ExitCodeExceptionMapper} bean or an
	 * exception that is an {@code ExitCodeGenerator}), with which it exits the JVM; 0
	 * when it found none, so that the uncaught exception exits it with 1
	 * @return the notification
	 */
	static Notification of(Throwable failure, int exitCode) {
		return of(rootCause(failure), errno(failure), exitCode);
	}

	/**
	 * Return the notification for a startup failure with the given description, such as
	 * Spring Boot's analysis of it.
	 * @param description what went wrong, on one line or several
	 * @param errno the failure's {@link #errno(Throwable) errno}, or {@code null}
	 * @param exitCode the exit code Spring Boot found for the failure, 0 when none
	 * @return the notification
	 * @see #of(Throwable, int)
	 */
	static Notification of(String description, @Nullable Integer errno, int exitCode) {
		Notification notification = Notification
			.status(StatusText.truncate("Failed to start: " + StatusText.oneLine(description)));
		if (errno != null) {
			notification = notification.and("ERRNO", errno.toString());
		}
		int exitStatus = (exitCode != 0) ? exitCode : UNCAUGHT_EXCEPTION_EXIT_STATUS;
		return notification.and("EXIT_STATUS", Integer.toString(exitStatus));
	}

	private static String rootCause(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return StatusText.describe(root);
	}

	static @Nullable Integer errno(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			String message = String.valueOf(cause.getMessage());
			if (cause instanceof BindException) {
				if (message.contains("in use")) {
					return 98;
				}
				if (message.contains("Permission denied")) {
					return 13;
				}
				if (message.contains("Cannot assign requested address")) {
					return 99;
				}
			}
			if (cause instanceof NoSuchFileException || cause instanceof FileNotFoundException) {
				return message.contains("Permission denied") ? 13 : 2;
			}
			if (cause instanceof AccessDeniedException) {
				return 13;
			}
		}
		return null;
	}

}
