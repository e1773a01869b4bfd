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

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Routes that need the database: an embedded H2 by default, or the one that
 * {@code spring.datasource.url} names. While the database is down they fail, and the rest
 * of the application keeps serving.
 */
@RestController
public class VisitController {

	private final JdbcTemplate jdbc;

	VisitController(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@PostMapping("/visits")
	String visit() {
		this.jdbc.update("INSERT INTO visit (at) VALUES (CURRENT_TIMESTAMP)");
		return count();
	}

	@GetMapping("/visits")
	String count() {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM visit", Long.class) + " visits\n";
	}

}
