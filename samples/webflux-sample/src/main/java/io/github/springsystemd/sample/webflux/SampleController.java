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
package io.github.springsystemd.sample.webflux;

import java.io.IOException;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Greets, answers the serving process's pid, and starts a child process that inherits the
 * standard streams: {@code POST /child} runs {@code sleep 30} with
 * {@link ProcessBuilder#inheritIO()} and answers its pid, to show what a child of the
 * service holds.
 */
@RestController
class SampleController {

	@GetMapping("/")
	String hello() {
		return "Hello from webflux-sample\n";
	}

	@GetMapping("/pid")
	String pid() {
		return ProcessHandle.current().pid() + "\n";
	}

	@PostMapping("/child")
	Mono<String> child() {
		return Mono.fromCallable(this::startChild).subscribeOn(Schedulers.boundedElastic());
	}

	private String startChild() throws IOException {
		Process child = new ProcessBuilder("sleep", "30").inheritIO().start();
		return child.pid() + "\n";
	}

}
