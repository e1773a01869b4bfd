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

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PendingNotifications}: which pending notifications a later one
 * supersedes. Notifications are written as in {@link StatusPrecedenceTests}.
 */
class PendingNotificationsTests {

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					one                          | READY=1;STATUS=Started a                                      | READY=1;STATUS=Started a
					status replaces status       | STATUS=Starting a ; STATUS=Starting a: creating beans         | STATUS=Starting a: creating beans
					stopping replaces ready      | READY=1;STATUS=Started a ; STOPPING=1;STATUS=Stopping         | STOPPING=1;STATUS=Stopping
					ready with more stays first  | READY=1;STATUS=Started a;MAINPID=7 ; STOPPING=1;STATUS=Stopping | READY=1;STATUS=Started a;MAINPID=7 ; STOPPING=1;STATUS=Stopping
					status alone does not replace ready | READY=1;STATUS=Started a ; STATUS=Unhealthy            | READY=1;STATUS=Started a ; STATUS=Unhealthy
					failure keeps errno apart    | STATUS=Failed to start: a;ERRNO=98 ; STOPPING=1               | STATUS=Failed to start: a;ERRNO=98 ; STOPPING=1
					reload replaced by its end   | RELOADING=1;MONOTONIC_USEC=5;STATUS=Reloading ; READY=1;STATUS=Reloaded | READY=1;STATUS=Reloaded
					alternating stays bounded    | READY=1;STATUS=a ; STATUS=b ; READY=1;STATUS=c ; STATUS=d ; READY=1;STATUS=e | READY=1;STATUS=e
					""")
	void keepsWhatIsNotSuperseded(String description, String added, String expected) {
		PendingNotifications pending = new PendingNotifications();
		for (String notification : added.split(" ; ")) {
			pending.add(StatusPrecedenceTests.parse(notification.trim()));
		}
		assertThat(pending.toList()).extracting((notification) -> notification.getPayload().replace("\n", ";"))
			.containsExactly(expected.trim().split(" ; "));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			first in first out | STATUS=a ; READY=1 ; MAINPID=3 | STATUS=a
			""")
	void sendsTheOldestFirst(String description, String added, String first) {
		PendingNotifications pending = new PendingNotifications();
		for (String notification : added.split(" ; ")) {
			pending.add(StatusPrecedenceTests.parse(notification.trim()));
		}
		assertThat(pending.peek().getPayload()).isEqualTo(first.trim());
		pending.removeFirst();
		assertThat(pending.peek().getPayload()).isEqualTo("READY=1");
		pending.removeFirst();
		pending.removeFirst();
		assertThat(pending.isEmpty()).isTrue();
		assertThat(pending.peek()).isNull();
	}

}
