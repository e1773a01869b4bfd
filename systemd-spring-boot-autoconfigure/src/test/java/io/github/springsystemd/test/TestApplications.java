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
package io.github.springsystemd.test;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Runs whole applications in a test: without a web server, named {@code test-app}, and
 * without a banner.
 */
public final class TestApplications {

	private TestApplications() {
	}

	/**
	 * Run an application without a web server.
	 * @param configuration the application's configuration class
	 * @param args the arguments after the name and banner settings
	 * @return the running application's context
	 */
	public static ConfigurableApplicationContext run(Class<?> configuration, List<String> args) {
		List<String> all = new ArrayList<>(
				List.of("--spring.application.name=test-app", "--spring.main.banner-mode=off"));
		all.addAll(args);
		SpringApplication application = new SpringApplication(configuration);
		application.setWebApplicationType(WebApplicationType.NONE);
		return application.run(all.toArray(String[]::new));
	}

}
