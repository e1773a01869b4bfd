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
package io.github.springsystemd.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.web.context.servlet.AnnotationConfigServletWebApplicationContext;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

import io.github.springsystemd.activation.SocketActivation.Server;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SocketActivationWebServerConfiguration}: one configuration serves the
 * application's context and a separate management server's.
 */
class SocketActivationWebServerConfigurationTests {

	@Test
	void theManagementNamespaceIsTheManagementServer() {
		ServletWebServerApplicationContext context = new ServletWebServerApplicationContext();
		context.setServerNamespace("management");
		assertThat(SocketActivationWebServerConfiguration.serverOf(context)).isEqualTo(Server.MANAGEMENT);
	}

	@Test
	void aWebServerContextWithoutNamespaceIsTheApplicationServer() {
		assertThat(SocketActivationWebServerConfiguration.serverOf(new ServletWebServerApplicationContext()))
			.isEqualTo(Server.APPLICATION);
	}

	@Test
	void anotherNamespaceOrContextIsTheApplicationServer() {
		ServletWebServerApplicationContext other = new ServletWebServerApplicationContext();
		other.setServerNamespace("other");
		assertThat(SocketActivationWebServerConfiguration.serverOf(other)).isEqualTo(Server.APPLICATION);
		assertThat(SocketActivationWebServerConfiguration.serverOf(new GenericApplicationContext()))
			.isEqualTo(Server.APPLICATION);
		assertThat(SocketActivationWebServerConfiguration.serverOf(new AnnotationConfigServletWebApplicationContext()))
			.isEqualTo(Server.APPLICATION);
	}

}
