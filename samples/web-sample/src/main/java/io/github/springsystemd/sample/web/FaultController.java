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

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Greets, and injects faults on request so that the watchdog and restart behaviour can be
 * seen under systemd.
 */
@RestController
public class FaultController {

	private static final Log logger = LogFactory.getLog(FaultController.class);

	private final SampleHealthIndicator health;

	private final ConfigurableApplicationContext context;

	FaultController(SampleHealthIndicator health, ConfigurableApplicationContext context) {
		this.health = health;
		this.context = context;
	}

	@GetMapping("/")
	String hello() {
		return "Hello from web-sample\n";
	}

	@GetMapping("/pid")
	String pid() {
		return ProcessHandle.current().pid() + "\n";
	}

	@PostMapping("/fault/down")
	String down() {
		this.health.set(SampleHealthIndicator.Mode.DOWN);
		return "sample health is DOWN\n";
	}

	@PostMapping("/fault/hang")
	String hang() {
		this.health.set(SampleHealthIndicator.Mode.HANG);
		return "sample health check hangs\n";
	}

	@PostMapping("/fault/fail")
	String fail(@RequestParam(defaultValue = "sample check failed") String message,
			@RequestParam(defaultValue = "1") int repeat, @RequestParam(defaultValue = "false") boolean nul) {
		String failure = (message + (nul ? "\u0000" : "")).repeat(Math.max(1, Math.min(repeat, 100_000)));
		this.health.fail(failure);
		return "sample health check throws an exception of " + failure.length() + " characters\n";
	}

	@PostMapping("/fault/up")
	String up() {
		this.health.set(SampleHealthIndicator.Mode.UP);
		return "sample health is UP\n";
	}

	@PostMapping("/log")
	String log(@RequestParam(defaultValue = "info") String level, @RequestParam(defaultValue = "x") String text,
			@RequestParam(defaultValue = "1") int repeat) {
		String message = "log-begin " + text.repeat(Math.max(0, Math.min(repeat, 1_000_000))) + " log-end";
		switch (level.toLowerCase()) {
			case "error" -> logger.error(message);
			case "warn" -> logger.warn(message);
			default -> logger.info(message);
		}
		return "logged " + message.length() + " characters at " + level + "\n";
	}

	@PostMapping("/fault/exit")
	String exit() {
		later(() -> System.exit(SpringApplication.exit(this.context)));
		return "closing the application\n";
	}

	@PostMapping("/fault/crash")
	String crash() {
		later(() -> Runtime.getRuntime().halt(1));
		return "crashing with exit code 1\n";
	}

	private void later(Runnable action) {
		Thread thread = new Thread(() -> {
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			action.run();
		}, "fault");
		thread.setDaemon(false);
		thread.start();
	}

}
