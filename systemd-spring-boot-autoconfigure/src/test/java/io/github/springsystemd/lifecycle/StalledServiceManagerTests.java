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

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import io.github.springsystemd.notify.SystemdNotifier;
import io.github.springsystemd.test.NotifySocketReceiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests that an application neither hangs nor loses {@code READY=1} or {@code STOPPING=1}
 * when the service manager does not read its notification socket: a real AF_UNIX datagram
 * socket that is bound but not read, its queue filled first.
 */
@EnabledOnOs(OS.LINUX)
@ExtendWith(OutputCaptureExtension.class)
class StalledServiceManagerTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	/**
	 * How long a JVM of its own may take to start on a busy machine with two cores.
	 */
	private static final Duration STARTUP = Duration.ofSeconds(60);

	/**
	 * Longest a send attempt may take. An attempt does not wait for the receiver, so it
	 * takes microseconds; the bound leaves room for a slow, shared machine (a first call
	 * that loads native code, a pause of the JVM). The receiver stalls for twice as long,
	 * so that an attempt that waited for it would take longer than this.
	 */
	private static final Duration SEND_BOUND = Duration.ofSeconds(2);

	@TempDir
	Path temp;

	@Test
	void applicationStartsServesAndDeliversReadyOnceTheServiceManagerReadsAgain(CapturedOutput output)
			throws Exception {
		Path socket = this.temp.resolve("notify");
		try (NotifySocketReceiver receiver = NotifySocketReceiver.bindWithoutReading(socket)) {
			assertThat(receiver.fillQueue()).isPositive();
			long stalledSince = System.nanoTime();
			SpringApplication application = new SpringApplication(SystemdApplicationTests.TestApplication.class);
			application.setWebApplicationType(WebApplicationType.SERVLET);
			CompletableFuture<ConfigurableApplicationContext> running = CompletableFuture
				.supplyAsync(() -> application.run("--NOTIFY_SOCKET=" + socket, "--WATCHDOG_USEC=200000",
						"--spring.application.name=test-app", "--spring.main.banner-mode=off", "--server.port=0"));
			ConfigurableApplicationContext context = running.get(WAIT.toSeconds(), TimeUnit.SECONDS);
			try {
				SystemdNotifier notifier = context.getBean(SystemdNotifier.class);
				assertThat(get(context.getEnvironment().getProperty("local.server.port"))).isEqualTo(404);
				assertThat(notifier.getPending()).anyMatch((notification) -> "1".equals(notification.get("READY")));
				assertThat(notifier.getFailureCounts()).containsKey("EAGAIN");
				assertThat(notifier.getLongestSendTime()).isLessThan(SEND_BOUND);
				assertThat(output.toString().lines())
					.filteredOn((line) -> line.contains("WARN") && line.contains("EAGAIN"))
					.singleElement()
					.asString()
					.contains("the service manager's queue is full");
				long refusedBefore = refused(notifier);
				Duration stalling = SEND_BOUND.multipliedBy(2).minusNanos(System.nanoTime() - stalledSince);
				// the receiver stays stalled for twice the send bound while the
				// application goes on sending (watchdog, retries), refused at once
				await().pollDelay(stalling.isNegative() ? Duration.ZERO : stalling)
					.atMost(SEND_BOUND.multipliedBy(2).plus(WAIT))
					.until(() -> refused(notifier) > refusedBefore);
				receiver.startReading();
				assertThat(receiver.await((message) -> message.startsWith("READY=1"), WAIT))
					.startsWith("READY=1\nSTATUS=Started test-app in ");
				await().atMost(WAIT).until(() -> notifier.getPending().isEmpty());
				assertThat(notifier.getLongestSendTime()).isLessThan(SEND_BOUND);
			}
			finally {
				context.close();
			}
			assertThat(receiver.await((message) -> message.startsWith("STOPPING=1"), WAIT))
				.isEqualTo("STOPPING=1\nSTATUS=Stopping");
		}
	}

	@Test
	void sigtermEndsTheApplicationWhileTheServiceManagerDoesNotRead() throws Exception {
		Path socket = this.temp.resolve("notify");
		Path log = this.temp.resolve("application.log");
		try (NotifySocketReceiver receiver = NotifySocketReceiver.bindWithoutReading(socket)) {
			assertThat(receiver.fillQueue()).isPositive();
			ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
					System.getProperty("java.class.path"), StalledServiceManagerApplication.class.getName(),
					"--server.port=0", "--spring.main.banner-mode=off", "--spring.application.name=stalled");
			builder.environment().put("NOTIFY_SOCKET", socket.toString());
			builder.environment().put("WATCHDOG_USEC", "200000");
			builder.redirectErrorStream(true).redirectOutput(log.toFile());
			Process process = builder.start();
			try {
				await().atMost(STARTUP)
					.until(() -> Files.readString(log).contains("Started StalledServiceManagerApplication"));
				Matcher port = Pattern.compile("started on port (\\d+)").matcher(Files.readString(log));
				assertThat(port.find()).as(Files.readString(log)).isTrue();
				assertThat(get(port.group(1))).isEqualTo(404);
				process.destroy();
				assertThat(process.waitFor(10, TimeUnit.SECONDS)).as("exited within 10 s of SIGTERM").isTrue();
				assertThat(process.exitValue()).isEqualTo(143);
			}
			finally {
				process.destroyForcibly();
			}
			assertThat(Files.readString(log)).contains("the service manager's queue is full");
		}
	}

	private static long refused(SystemdNotifier notifier) {
		return notifier.getFailureCounts().getOrDefault("EAGAIN", 0L);
	}

	private static int get(String port) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).timeout(WAIT).build(),
					HttpResponse.BodyHandlers.discarding())
			.statusCode();
	}

}
