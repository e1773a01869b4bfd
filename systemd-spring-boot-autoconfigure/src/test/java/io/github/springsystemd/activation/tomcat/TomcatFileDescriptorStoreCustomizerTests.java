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

import org.junit.jupiter.api.Test;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServer;

import io.github.springsystemd.activation.FileDescriptorStore;
import io.github.springsystemd.notify.SystemdNotifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link TomcatFileDescriptorStoreCustomizer}.
 */
class TomcatFileDescriptorStoreCustomizerTests {

	@Test
	void tomcatsDefaultProtocolIsReplaced() {
		TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory();
		new TomcatFileDescriptorStoreCustomizer(store()).customize(factory);
		assertThat(factory.getProtocol()).isEqualTo(PassedSocketHttp11NioProtocol.class.getName());
	}

	@Test
	void anotherProtocolIsLeftAlone() {
		TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory();
		factory.setProtocol("org.apache.coyote.http11.Http11Nio2Protocol");
		new TomcatFileDescriptorStoreCustomizer(store()).customize(factory);
		assertThat(factory.getProtocol()).isEqualTo("org.apache.coyote.http11.Http11Nio2Protocol");
	}

	@Test
	void storeIsGivenWhatStopsTomcatsAcceptors() {
		FileDescriptorStore store = mock(FileDescriptorStore.class);
		new TomcatFileDescriptorStoreCustomizer(store).customize(new TomcatServletWebServerFactory());
		then(store).should().onRelease(TomcatAcceptorPause.STOP_ACCEPTING);
	}

	@Test
	void anotherWebServerIsLeftAlone() {
		WebServer other = mock(WebServer.class);
		TomcatAcceptorPause.STOP_ACCEPTING.apply(other).run();
		then(other).shouldHaveNoInteractions();
	}

	private static FileDescriptorStore store() {
		return store(SystemdNotifier.inactive());
	}

	private static FileDescriptorStore store(SystemdNotifier notifier) {
		return new FileDescriptorStore(notifier, null, null, FileDescriptorStore.Mode.AUTO, "server", "management",
				null);
	}

}
