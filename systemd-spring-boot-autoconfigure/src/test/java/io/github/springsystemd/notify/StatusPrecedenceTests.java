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

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.github.springsystemd.protocol.Notification;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link StatusPrecedence}: what of a sequence of notifications may be sent.
 * Each step is {@code KEY=VALUE} assignments joined by {@code ;}, a leading {@code !}
 * marking a final status; {@code -} stands for nothing sent.
 */
class StatusPrecedenceTests {

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					startup                     | STATUS=Starting a ; STATUS=Starting a: creating beans ; READY=1;STATUS=Started a | STATUS=Starting a ; STATUS=Starting a: creating beans ; READY=1;STATUS=Started a
					normal stop                 | READY=1;STATUS=Started a ; STOPPING=1;STATUS=Stopping                    | READY=1;STATUS=Started a ; STOPPING=1;STATUS=Stopping
					runner fails after refresh  | STATUS=Starting a ; !STATUS=Failed to start: boom ; STOPPING=1;STATUS=Stopping | STATUS=Starting a ; STATUS=Failed to start: boom ; STOPPING=1
					failure keeps its ERRNO      | !STATUS=Failed to start: port;ERRNO=98 ; STATUS=Stopping                  | STATUS=Failed to start: port;ERRNO=98 ; -
					SIGTERM during startup      | STATUS=Starting a ; STOPPING=1;STATUS=Stopping ; STATUS=Starting a: running application runners | STATUS=Starting a ; STOPPING=1;STATUS=Stopping ; -
					no READY after STOPPING     | STOPPING=1;STATUS=Stopping ; READY=1;STATUS=Started a;MAINPID=7          | STOPPING=1;STATUS=Stopping ; MAINPID=7
					no reload after STOPPING    | STOPPING=1 ; RELOADING=1;MONOTONIC_USEC=5;STATUS=Reloading              | STOPPING=1 ; -
					failure after STOPPING wins | STOPPING=1;STATUS=Stopping ; !STATUS=Failed to start: closed ; STATUS=Stopping | STOPPING=1;STATUS=Stopping ; STATUS=Failed to start: closed ; -
					final status refined        | !STATUS=Failed to start: a ; !STATUS=Failed to start: b ; STATUS=Stopping | STATUS=Failed to start: a ; STATUS=Failed to start: b ; -
					no READY after a failure    | !STATUS=Failed to start: a ; READY=1;STATUS=Started a                     | STATUS=Failed to start: a ; -
					pings and extensions pass   | STOPPING=1 ; WATCHDOG=1 ; EXTEND_TIMEOUT_USEC=10000000                    | STOPPING=1 ; WATCHDOG=1 ; EXTEND_TIMEOUT_USEC=10000000
					ping keeps its part         | STOPPING=1 ; WATCHDOG=1;STATUS=Running                                    | STOPPING=1 ; WATCHDOG=1
					reload while running        | READY=1 ; RELOADING=1;MONOTONIC_USEC=5 ; READY=1;STATUS=Reloaded           | READY=1 ; RELOADING=1;MONOTONIC_USEC=5 ; READY=1;STATUS=Reloaded
					""")
	void admits(String description, String steps, String expected) {
		StatusPrecedence precedence = new StatusPrecedence();
		List<String> sent = new ArrayList<>();
		for (String step : steps.split(" ; ")) {
			boolean isFinal = step.trim().startsWith("!");
			Notification admitted = precedence.admit(parse(step.trim().replaceFirst("^!", "")), isFinal);
			sent.add(admitted.isEmpty() ? "-" : admitted.getPayload().replace("\n", ";"));
		}
		assertThat(sent).containsExactly(expected.trim().split(" ; "));
	}

	@ParameterizedTest
	@CsvSource(textBlock = """
			READY=1,               true
			STOPPING=1,            true
			RELOADING=1,           true
			STATUS=x,              true
			WATCHDOG=1,            false
			EXTEND_TIMEOUT_USEC=1, false
			FDSTORE=1,             false
			""")
	void isOrdered(String assignment, boolean expected) {
		assertThat(StatusPrecedence.isOrdered(parse(assignment))).isEqualTo(expected);
	}

	static Notification parse(String text) {
		Notification notification = null;
		for (String assignment : text.split(";")) {
			String[] keyValue = assignment.trim().split("=", 2);
			notification = (notification != null) ? notification.and(keyValue[0], keyValue[1])
					: Notification.of(keyValue[0], keyValue[1]);
		}
		return notification;
	}

}
