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

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import io.github.springsystemd.test.NotifySocketReceiver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code SIGTERM} while the application context is refreshed, in a JVM of its own with
 * a real notification socket: Spring Boot closes the context only once the refresh is
 * done, so the starter must stop extending the start timeout and say the service stops as
 * soon as the JVM begins to shut down.
 */
@EnabledOnOs(OS.LINUX)
class ShutdownDuringStartupTests {

	/**
	 * How long a JVM of its own may take to reach its context refresh on a busy machine
	 * with two cores.
	 */
	private static final Duration STARTUP = Duration.ofSeconds(60);

	/**
	 * Longer than the extender's period (2 s with a 10 s stall timeout), shorter than the
	 * minute the refresh takes.
	 */
	private static final Duration AFTER_SIGTERM = Duration.ofSeconds(10);

	@TempDir
	Path temp;

	@Test
	void sigtermDuringTheRefreshEndsTheExtensionsAndSendsStoppingAtOnce() throws Exception {
		Path log = this.temp.resolve("application.log");
		try (NotifySocketReceiver receiver = NotifySocketReceiver.bind(this.temp.resolve("notify"))) {
			ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
					System.getProperty("java.class.path"), SlowRefreshApplication.class.getName(),
					"--spring.main.banner-mode=off", "--spring.application.name=slow",
					"--systemd.startup.stall-timeout=10s");
			builder.environment().put("NOTIFY_SOCKET", receiver.getNotifySocket());
			builder.redirectErrorStream(true).redirectOutput(log.toFile());
			Process process = builder.start();
			try {
				receiver.await("STATUS=Starting slow: creating beans"::equals, STARTUP);
				receiver.await((message) -> message.startsWith("EXTEND_TIMEOUT_USEC="), STARTUP);
				process.destroy();
				long sigterm = System.nanoTime();
				assertThat(receiver.await((message) -> message.startsWith("STOPPING=1"), AFTER_SIGTERM))
					.isEqualTo("STOPPING=1\nSTATUS=Stopping");
				Duration stoppingAfter = Duration.ofNanos(System.nanoTime() - sigterm);
				// the refresh goes on: no extension follows, nor a startup status
				List<String> after = new java.util.ArrayList<>();
				for (String message = receiver
					.poll(AFTER_SIGTERM.minus(stoppingAfter)); message != null; message = receiver
						.poll(AFTER_SIGTERM.minus(Duration.ofNanos(System.nanoTime() - sigterm)))) {
					after.add(message);
				}
				assertThat(after).as(Files.readString(log))
					.noneMatch((message) -> message.contains("EXTEND_TIMEOUT_USEC"))
					.noneMatch((message) -> message.contains("READY=1") || message.contains("STATUS=Starting"));
				assertThat(process.isAlive()).as("still in its refresh, which Spring lets end before it closes")
					.isTrue();
				assertThat(Files.readString(log)).doesNotContain("Startup has made no progress");
			}
			finally {
				process.destroyForcibly().waitFor();
			}
		}
	}

}
