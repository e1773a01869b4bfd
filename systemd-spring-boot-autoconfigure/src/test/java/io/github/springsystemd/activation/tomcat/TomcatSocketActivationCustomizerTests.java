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
package io.github.springsystemd.activation.tomcat;

import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;

import io.github.springsystemd.activation.ActivationFixtures;
import io.github.springsystemd.activation.FileDescriptorStore;
import io.github.springsystemd.activation.SocketActivation.Server;
import io.github.springsystemd.activation.SocketActivation;
import io.github.springsystemd.notify.SystemdNotifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TomcatSocketActivationCustomizer}, with an inspector that needs no
 * native code.
 */
@ExtendWith(OutputCaptureExtension.class)
class TomcatSocketActivationCustomizerTests {

	private static final InetSocketAddress WEB = new InetSocketAddress("127.0.0.1", 8080);

	@Test
	void applicationServerServesThroughThePassedSocketProtocol(CapturedOutput output) {
		TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory(9999);
		new TomcatSocketActivationCustomizer(activation(), Server.APPLICATION).customize(factory);
		assertThat(factory.getProtocol()).isEqualTo(PassedSocketHttp11NioProtocol.class.getName());
		assertThat(factory.getPort()).isEqualTo(8080);
		assertThat(output).doesNotContain("WARN");
	}

	@Test
	void protocolSetForTheFileDescriptorStoreServesThePassedSocket(CapturedOutput output) {
		TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory(9999);
		new TomcatFileDescriptorStoreCustomizer(store()).customize(factory);
		new TomcatSocketActivationCustomizer(activation(), Server.APPLICATION).customize(factory);
		assertThat(factory.getProtocol()).isEqualTo(PassedSocketHttp11NioProtocol.class.getName());
		assertThat(factory.getPort()).isEqualTo(8080);
		assertThat(output).doesNotContain("WARN");
	}

	@Test
	void anotherProtocolBindsServerPortAndSaysSo(CapturedOutput output) {
		TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory(9999);
		factory.setProtocol("org.apache.coyote.http11.Http11Nio2Protocol");
		new TomcatSocketActivationCustomizer(activation(), Server.APPLICATION).customize(factory);
		assertThat(factory.getProtocol()).isEqualTo("org.apache.coyote.http11.Http11Nio2Protocol");
		assertThat(factory.getPort()).isEqualTo(9999);
		assertThat(output).contains("Tomcat does not use org.apache.coyote.http11.Http11NioProtocol; it binds "
				+ "server.port instead of serving on the socket passed by systemd");
	}

	@Test
	void managementServerWithAnotherProtocolSaysSoForItsPort(CapturedOutput output) {
		TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory(9999);
		factory.setProtocol("org.apache.coyote.http11.Http11Nio2Protocol");
		SocketActivation activation = ActivationFixtures.passedSocket("management", WEB);
		new TomcatSocketActivationCustomizer(activation, Server.MANAGEMENT).customize(factory);
		assertThat(factory.getPort()).isEqualTo(9999);
		assertThat(output).contains("The management server's Tomcat does not use "
				+ "org.apache.coyote.http11.Http11NioProtocol; it binds management.server.port");
	}

	private FileDescriptorStore store() {
		return new FileDescriptorStore(SystemdNotifier.inactive(), null, null, FileDescriptorStore.Mode.AUTO, "server",
				"management", null);
	}

	private SocketActivation activation() {
		return ActivationFixtures.passedSocket("web", WEB);
	}

}
