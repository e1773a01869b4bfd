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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.github.springsystemd.protocol.Notification;
import io.github.springsystemd.protocol.NotifySocketAddress;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the logic of {@link SystemdNotifier}, with a transport that needs no native
 * code.
 */
@ExtendWith(OutputCaptureExtension.class)
class SystemdNotifierTests {

	private final List<String> sent = new ArrayList<>();

	@Test
	void unsetNotifySocketIsInactiveAndSilent(CapturedOutput output) {
		SystemdNotifier notifier = SystemdNotifier.create(null);
		assertThat(notifier.isActive()).isFalse();
		assertThat(notifier.getAddress()).isEmpty();
		assertThat(notifier.notify(Notification.ready())).isFalse();
		assertThat(output).isEmpty();
	}

	@Test
	void invalidNotifySocketIsInactiveWithOneClearLine(CapturedOutput output) {
		SystemdNotifier notifier = SystemdNotifier.create("relative/x");
		assertThat(notifier.isActive()).isFalse();
		assertThat(notifier.notify(Notification.ready())).isFalse();
		assertThat(output.toString().lines()).filteredOn((line) -> line.contains("NOTIFY_SOCKET"))
			.singleElement()
			.asString()
			.contains("WARN")
			.contains("NOTIFY_SOCKET 'relative/x' is not an absolute path or @abstract name; "
					+ "systemd notifications are disabled");
	}

	@Test
	void vsockIsSaidToBeUnsupported(CapturedOutput output) {
		assertThat(SystemdNotifier.create("vsock:2:9999").isActive()).isFalse();
		assertThat(output).contains("NOTIFY_SOCKET 'vsock:2:9999' is an AF_VSOCK address, which is not supported yet");
	}

	@Test
	void sendsPayloadBytesToAddress() {
		SystemdNotifier notifier = notifier((sunPath, payload, fds) -> this.sent.add(new String(payload)));
		assertThat(notifier.notify(Notification.ready())).isTrue();
		assertThat(this.sent).containsExactly("READY=1");
		assertThat(notifier.getSentCount()).isOne();
	}

	@Test
	void failuresAreCountedByKindAndLoggedOncePerKind(CapturedOutput output) {
		SystemdNotifier notifier = notifier((sunPath, payload, fds) -> {
			throw new NotifyException(new String(payload).startsWith("READY") ? "EACCES" : "ECONNREFUSED", "failed");
		});
		for (int i = 0; i < 3; i++) {
			notifier.notify(Notification.watchdog());
		}
		notifier.notify(Notification.ready());
		assertThat(notifier.getFailureCounts()).containsEntry("ECONNREFUSED", 3L).containsEntry("EACCES", 1L);
		assertThat(output.toString().lines().filter((line) -> line.contains("WARN"))).hasSize(2);
		assertThat(output).contains("nothing receives on this socket").contains("may not write to this socket");
	}

	@Test
	void unexpectedRuntimeFailureIsNeverThrown() {
		SystemdNotifier notifier = notifier((sunPath, payload, fds) -> {
			throw new IllegalStateException("boom");
		});
		assertThat(notifier.notify(Notification.ready())).isFalse();
		assertThat(notifier.getFailureCounts()).containsEntry("IllegalStateException", 1L);
	}

	private SystemdNotifier notifier(NotifyTransport transport) {
		return new SystemdNotifier(NotifySocketAddress.parse("/run/test/notify"), transport);
	}

}
