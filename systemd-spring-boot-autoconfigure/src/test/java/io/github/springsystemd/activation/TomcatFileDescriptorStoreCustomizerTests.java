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

import org.junit.jupiter.api.Test;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TomcatFileDescriptorStoreCustomizer}.
 */
class TomcatFileDescriptorStoreCustomizerTests {

	@Test
	void tomcatsDefaultProtocolIsReplaced() {
		TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory();
		new TomcatFileDescriptorStoreCustomizer().customize(factory);
		assertThat(factory.getProtocol()).isEqualTo(PassedSocketHttp11NioProtocol.class.getName());
	}

	@Test
	void anotherProtocolIsLeftAlone() {
		TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory();
		factory.setProtocol("org.apache.coyote.http11.Http11Nio2Protocol");
		new TomcatFileDescriptorStoreCustomizer().customize(factory);
		assertThat(factory.getProtocol()).isEqualTo("org.apache.coyote.http11.Http11Nio2Protocol");
	}

}
