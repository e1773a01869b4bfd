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

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * An application whose context refresh takes a minute, as a long schema migration in a
 * bean's initialisation does, run by {@link ShutdownDuringStartupTests} in a JVM of its
 * own so that it can be sent {@code SIGTERM} while it starts.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class SlowRefreshApplication {

	@Bean
	InitializingBean migration() {
		return () -> {
			for (int statement = 0; statement < 240; statement++) {
				Thread.sleep(250);
			}
		};
	}

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(SlowRefreshApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.run(args);
	}

}
