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

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A servlet web application that runs as a systemd notify service. Under systemd it
 * reports READY, its status and STOPPING, and sends watchdog pings while its health is
 * UP. The {@code /fault/*} endpoints make it unhealthy, hang, crash or exit, so the
 * service manager's reaction can be seen.
 */
@SpringBootApplication
public class WebSampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(WebSampleApplication.class, args);
	}

}
