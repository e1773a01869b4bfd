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

import io.netty.channel.socket.nio.NioServerSocketChannel;
import org.apache.coyote.http11.Http11NioProtocol;
import org.eclipse.jetty.server.ServerConnector;
import reactor.netty.resources.LoopResources;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.jetty.ConfigurableJettyWebServerFactory;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.client.ReactorResourceFactory;

import io.github.springsystemd.activation.SocketActivation;
import io.github.springsystemd.activation.SocketActivation.Server;
import io.github.springsystemd.activation.jetty.JettyAdapter;
import io.github.springsystemd.activation.netty.NettyAdapter;
import io.github.springsystemd.activation.tomcat.TomcatAdapter;

/**
 * Configuration of the web server of one context for socket activation: Tomcat, Jetty or
 * Reactor Netty serves on the socket systemd passed instead of binding its port. Imported
 * by the application's context and by a separate management server's context; which of
 * the two servers a context has, its server namespace tells.
 *
 * @since 0.1.0
 */
@Configuration(proxyBeanMethods = false)
@Import({ SocketActivationWebServerConfiguration.TomcatConfiguration.class,
		SocketActivationWebServerConfiguration.JettyConfiguration.class,
		SocketActivationWebServerConfiguration.NettyConfiguration.class })
final class SocketActivationWebServerConfiguration {

	/**
	 * Return the server whose factory a context creates: a separate management server for
	 * the management context, the application's otherwise.
	 * @param context the context
	 * @return the server
	 */
	static Server serverOf(ApplicationContext context) {
		return (context instanceof WebServerApplicationContext webServerContext
				&& Server.of(webServerContext.getServerNamespace()) == Server.MANAGEMENT) ? Server.MANAGEMENT
						: Server.APPLICATION;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ ConfigurableTomcatWebServerFactory.class, Http11NioProtocol.class })
	static class TomcatConfiguration {

		@Bean
		WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> tomcatSocketActivationCustomizer(
				SocketActivation activation, ApplicationContext context) {
			return TomcatAdapter.socketActivation(activation, serverOf(context));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ ConfigurableJettyWebServerFactory.class, ServerConnector.class })
	static class JettyConfiguration {

		@Bean
		WebServerFactoryCustomizer<ConfigurableJettyWebServerFactory> jettySocketActivationCustomizer(
				SocketActivation activation, ApplicationContext context) {
			return JettyAdapter.socketActivation(activation, serverOf(context));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ NettyReactiveWebServerFactory.class, LoopResources.class, NioServerSocketChannel.class })
	static class NettyConfiguration {

		@Bean
		WebServerFactoryCustomizer<NettyReactiveWebServerFactory> nettySocketActivationCustomizer(
				SocketActivation activation, ObjectProvider<ReactorResourceFactory> resourceFactory,
				ApplicationContext context) {
			return NettyAdapter.socketActivation(activation, resourceFactory.getIfAvailable(), serverOf(context));
		}

	}

}
