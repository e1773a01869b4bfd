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

import org.apache.coyote.http11.Http11NioProtocol;
import org.eclipse.jetty.server.ServerConnector;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.jetty.ConfigurableJettyWebServerFactory;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.tomcat.TomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import io.github.springsystemd.activation.FileDescriptorStore;
import io.github.springsystemd.activation.jetty.JettyAdapter;
import io.github.springsystemd.activation.netty.NettyAdapter;
import io.github.springsystemd.activation.tomcat.TomcatAdapter;

import static io.github.springsystemd.autoconfigure.SocketActivationWebServerConfiguration.serverOf;

/**
 * Configuration of the web server of one context for the file descriptor store: a Tomcat,
 * Jetty or Reactor Netty that binds its port itself can stop accepting, so that its
 * stored socket is released on shutdown without a connection lost or left behind.
 * Imported by the application's context and by a separate management server's context.
 *
 * @since 0.1.0
 */
@Configuration(proxyBeanMethods = false)
@Import({ FileDescriptorStoreWebServerConfiguration.TomcatConfiguration.class,
		FileDescriptorStoreWebServerConfiguration.JettyConfiguration.class,
		FileDescriptorStoreWebServerConfiguration.NettyConfiguration.class })
final class FileDescriptorStoreWebServerConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ TomcatWebServerFactory.class, Http11NioProtocol.class })
	static class TomcatConfiguration {

		@Bean
		WebServerFactoryCustomizer<TomcatWebServerFactory> tomcatFileDescriptorStoreCustomizer(
				FileDescriptorStore store) {
			return TomcatAdapter.fileDescriptorStore(store);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ ConfigurableJettyWebServerFactory.class, ServerConnector.class })
	static class JettyConfiguration {

		@Bean
		WebServerFactoryCustomizer<ConfigurableJettyWebServerFactory> jettyFileDescriptorStoreCustomizer(
				FileDescriptorStore store, ApplicationContext context) {
			return JettyAdapter.fileDescriptorStore(store, serverOf(context));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(NettyReactiveWebServerFactory.class)
	static class NettyConfiguration {

		@Bean
		WebServerFactoryCustomizer<NettyReactiveWebServerFactory> nettyFileDescriptorStoreCustomizer(
				FileDescriptorStore store, ApplicationContext context) {
			return NettyAdapter.fileDescriptorStore(store, serverOf(context));
		}

	}

}
