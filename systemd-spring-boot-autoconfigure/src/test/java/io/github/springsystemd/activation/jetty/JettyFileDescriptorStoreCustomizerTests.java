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
package io.github.springsystemd.activation.jetty;

import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.jetty.servlet.JettyServletWebServerFactory;

import io.github.springsystemd.activation.FileDescriptorStore;
import io.github.springsystemd.activation.PausableServerSocketChannel;
import io.github.springsystemd.activation.SocketActivation;
import io.github.springsystemd.notify.SystemdNotifier;
import io.github.springsystemd.test.NotifySocketReceiver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link JettyFileDescriptorStoreCustomizer}.
 */
@EnabledOnOs(OS.LINUX)
class JettyFileDescriptorStoreCustomizerTests {

	@RegisterExtension
	final NotifySocketReceiver receiver = NotifySocketReceiver.perTest();

	private org.eclipse.jetty.server.Server jetty;

	@AfterEach
	void close() throws Exception {
		if (this.jetty != null) {
			this.jetty.stop();
		}
	}

	@Test
	void socketIsBoundWhenTheConnectorStartsNotBefore() throws Exception {
		ServerConnector connector = customizedConnector();
		// as Spring Boot's JettyWebServer does: the server starts (initialize), then
		// its connectors (start)
		Connector[] connectors = this.jetty.getConnectors();
		this.jetty.setConnectors(null);
		this.jetty.start();
		this.jetty.setConnectors(connectors);
		assertThat(connector.getTransport()).as("bound before the web server starts").isNull();
		connector.start();
		assertThat(connector.getTransport()).isInstanceOf(PausableServerSocketChannel.class);
		assertThat(connector.getLocalPort()).isPositive();
		this.jetty.stop();
		assertThat(connector.getTransport()).as("closed with the connector").isNull();
	}

	private ServerConnector customizedConnector() {
		FileDescriptorStore store = new FileDescriptorStore(SystemdNotifier.create(this.receiver.getNotifySocket()),
				null, null, FileDescriptorStore.Mode.AUTO, "server", "management", null);
		JettyServletWebServerFactory factory = new JettyServletWebServerFactory();
		new JettyFileDescriptorStoreCustomizer(store, SocketActivation.Server.APPLICATION).customize(factory);
		this.jetty = new org.eclipse.jetty.server.Server();
		ServerConnector connector = new ServerConnector(this.jetty);
		connector.setHost("127.0.0.1");
		connector.setPort(0);
		this.jetty.addConnector(connector);
		factory.getServerCustomizers().forEach((customizer) -> customizer.customize(this.jetty));
		return connector;
	}

}
