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
package io.github.springsystemd.activation;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * An application that {@link SocketActivationApplicationTests} starts in a JVM of its
 * own, under {@code systemd-socket-activate}. {@code /child} starts {@code sleep 60} with
 * the standard streams inherited and answers its pid; {@code /served} answers how many
 * requests {@code /} served; {@code /slow} answers after 30 s, {@code /wait?ms=N} after N
 * milliseconds. With {@code --test.runner-delay} an application runner sleeps that long;
 * {@code /runner-done} answers whether it is done.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@RestController
public class SocketActivatedApplication {

	private static final AtomicInteger served = new AtomicInteger();

	@GetMapping("/")
	String hello() {
		served.incrementAndGet();
		return "served by pid " + ProcessHandle.current().pid();
	}

	@GetMapping("/slow")
	String slow() throws InterruptedException {
		Thread.sleep(30_000);
		return "slow";
	}

	@GetMapping("/wait")
	String waitFor(@RequestParam("ms") long millis) throws InterruptedException {
		Thread.sleep(millis);
		return "waited";
	}

	@GetMapping("/served")
	String served() {
		return Integer.toString(served.get());
	}

	private static volatile boolean runnerDone;

	@Bean
	ApplicationRunner slowRunner(@Value("${test.runner-delay:0s}") Duration delay) {
		return (args) -> {
			Thread.sleep(delay.toMillis());
			runnerDone = true;
		};
	}

	@GetMapping("/runner-done")
	String runnerDone() {
		return Boolean.toString(runnerDone);
	}

	@GetMapping("/child")
	String child() throws IOException {
		return Long.toString(new ProcessBuilder("sleep", "60").inheritIO().start().pid());
	}

	public static void main(String[] args) {
		SpringApplication.run(SocketActivatedApplication.class, args);
	}

}
