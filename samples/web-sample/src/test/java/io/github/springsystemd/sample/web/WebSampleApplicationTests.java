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
package io.github.springsystemd.sample.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.github.springsystemd.reload.SystemdReloader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Boots the sample as systemd would start it (NOTIFY_SOCKET, WATCHDOG_USEC), against a
 * real notification socket, and follows what it tells the service manager.
 */
@EnabledOnOs(OS.LINUX)
class WebSampleApplicationTests {

	private static final Duration WAIT = Duration.ofSeconds(15);

	@TempDir
	Path temp;

	private NotifySocketReceiver receiver;

	private final HttpClient http = HttpClient.newHttpClient();

	@BeforeEach
	void bind() {
		this.receiver = NotifySocketReceiver.bind(this.temp.resolve("notify"));
	}

	@AfterEach
	void close() throws Exception {
		this.receiver.close();
	}

	@Test
	void readyPacedAndGatedWatchdogThenStopping() throws Exception {
		try (ConfigurableApplicationContext context = SpringApplication.run(WebSampleApplication.class,
				"--NOTIFY_SOCKET=" + this.receiver.getNotifySocket(), "--WATCHDOG_USEC=2000000", "--server.port=0")) {
			// WatchdogSec=2s: a ping a second, 500ms for each health check, long enough
			// that a check on a busy machine is not taken for a hanging one
			assertThat(this.receiver.await((m) -> m.startsWith("READY=1"), WAIT))
				.startsWith("READY=1\nSTATUS=Started web-sample in ");
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			assertThat(get(port, "/")).isEqualTo("Hello from web-sample\n");
			for (int i = 0; i < 3; i++) {
				assertThat(this.receiver.await((m) -> m.startsWith("WATCHDOG=1"), WAIT)).isEqualTo("WATCHDOG=1");
			}

			await().atMost(WAIT)
				.untilAsserted(() -> assertThat(get(port, "/actuator/systemd"))
					.contains("\"notifySocket\":\"" + this.receiver.getNotifySocket() + "\"")
					.contains("\"mainPid\":" + ProcessHandle.current().pid())
					.containsPattern("\"pingsSent\":[1-9]")
					.contains("\"gate\":{\"open\":true,\"degraded\":false,\"reason\":\"health group 'watchdog' is UP\"")
					.contains(
							"\"db\":{\"status\":\"UP\",\"gating\":false,\"description\":\"db is UP (not gating the watchdog)\"}")
					.contains("\"sample\":{\"status\":\"UP\",\"gating\":true,\"description\":\"sample is UP\"}"));
			assertThat(get(port, "/visits")).isEqualTo("0 visits\n");
			post(port, "/visits");
			assertThat(get(port, "/visits")).isEqualTo("1 visits\n");
			assertThat(get(port, "/actuator/metrics/systemd.watchdog.pings?tag=outcome:sent"))
				.contains("\"name\":\"systemd.watchdog.pings\"");
			assertThat(get(port, "/actuator/info")).contains("\"systemd\":{");

			post(port, "/fault/down");
			assertThat(this.receiver.await((m) -> m.contains("STATUS=Unhealthy"), WAIT)).isEqualTo(
					"WATCHDOG=1\nSTATUS=Unhealthy; sample is DOWN; systemd restarts the service if this lasts 2s");
			assertThat(this.receiver.await((m) -> m.startsWith("WATCHDOG=trigger"), WAIT))
				.isEqualTo("WATCHDOG=trigger\nSTATUS=Unhealthy; sample is DOWN; watchdog failure triggered");
			// longer than the interval: no ping is sent after the trigger
			assertThat(this.receiver.poll(Duration.ofMillis(1500))).isNull();

			post(port, "/fault/hang");
			assertThat(this.receiver.await((m) -> m.startsWith("STATUS=Unhealthy"), WAIT))
				.isEqualTo("STATUS=Unhealthy; sample did not answer within 500ms; watchdog failure triggered");

			post(port, "/fault/up");
			assertThat(this.receiver.await((m) -> m.startsWith("WATCHDOG=1"), WAIT))
				.isEqualTo("WATCHDOG=1\nSTATUS=Running; health group 'watchdog' is UP");
			assertThat(this.receiver.await((m) -> m.startsWith("WATCHDOG=1"), WAIT)).isEqualTo("WATCHDOG=1");
		}
		assertThat(this.receiver.await((m) -> m.startsWith("STOPPING=1"), WAIT))
			.isEqualTo("STOPPING=1\nSTATUS=Stopping");
	}

	@Test
	void reloadRunsTheReloadCounterBetweenReloadingAndReady() throws Exception {
		try (ConfigurableApplicationContext context = SpringApplication.run(WebSampleApplication.class,
				"--NOTIFY_SOCKET=" + this.receiver.getNotifySocket(), "--server.port=0")) {
			this.receiver.await((m) -> m.startsWith("READY=1"), WAIT);
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			assertThat(get(port, "/reloads")).isEqualTo("0\n");
			assertThat(context.getBean(SystemdReloader.class).reload()).isTrue();
			assertThat(this.receiver.await((m) -> m.startsWith("RELOADING=1"), WAIT))
				.matches("RELOADING=1\nMONOTONIC_USEC=\\d+\nSTATUS=Reloading");
			assertThat(this.receiver.await((m) -> m.startsWith("READY=1"), WAIT))
				.matches("READY=1\nSTATUS=Reloaded: 1 handler in \\d+\\.\\d s");
			assertThat(get(port, "/reloads")).isEqualTo("1\n");
		}
	}

	@Test
	void failedReloadIsReportedAndTheApplicationKeepsRunning() throws Exception {
		try (ConfigurableApplicationContext context = SpringApplication.run(WebSampleApplication.class,
				"--NOTIFY_SOCKET=" + this.receiver.getNotifySocket(), "--server.port=0", "--sample.reload-fail=true")) {
			this.receiver.await((m) -> m.startsWith("READY=1"), WAIT);
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			assertThat(context.getBean(SystemdReloader.class).reload()).isFalse();
			assertThat(this.receiver.await((m) -> m.startsWith("READY=1"), WAIT)).isEqualTo(
					"READY=1\nSTATUS=Reload failed: sample.reload-fail is set, the new configuration is rejected (IllegalStateException)");
			assertThat(get(port, "/")).isEqualTo("Hello from web-sample\n");
			assertThat(get(port, "/reloads")).isEqualTo("0\n");
		}
	}

	private String get(int port, String path) throws Exception {
		return this.http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
	}

	private void post(int port, String path) throws Exception {
		HttpResponse<String> response = this.http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
				.POST(HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
	}

}
