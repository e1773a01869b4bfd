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
import org.eclipse.jetty.server.ServerConnector;
import reactor.netty.resources.LoopResources;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.jetty.ConfigurableJettyWebServerFactory;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.http.server.reactive.HttpHandler;

import io.github.springsystemd.activation.FileDescriptorStore;
import io.github.springsystemd.activation.ListenSocket;
import io.github.springsystemd.activation.LoopbackConnector;
import io.github.springsystemd.activation.SocketActivation.Server;
import io.github.springsystemd.activation.SocketActivation;
import io.github.springsystemd.activation.WarmUp;
import io.github.springsystemd.activation.jetty.JettyAdapter;
import io.github.springsystemd.activation.netty.NettyAdapter;
import io.github.springsystemd.activation.tomcat.TomcatAdapter;
import io.github.springsystemd.protocol.ListenFds;

/**
 * Auto-configuration for socket activation: when systemd passes listening sockets
 * ({@code LISTEN_FDS}, or one on standard input with {@code StandardInput=socket}), the
 * embedded Tomcat, Jetty or Reactor Netty server serves on the passed socket instead of
 * binding {@code server.port}. A separate management server is configured by
 * {@code SystemdManagementSocketActivationConfiguration}.
 *
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnSystemd("socket-activation")
@Conditional(OnPassedSocketCondition.class)
@ConditionalOnWebApplication
@Import({ SystemdPropertiesConfiguration.class, SocketActivationWebServerConfiguration.class })
public final class SystemdSocketActivationAutoConfiguration {

	private static final Log logger = LogFactory.getLog(SystemdSocketActivationAutoConfiguration.class);

	@Bean
	SocketActivation systemdSocketActivation(Environment environment, SystemdProperties properties) {
		SocketActivation activation = SocketActivation.resolve(environment.getProperty(ListenFds.FDS_VARIABLE),
				environment.getProperty(ListenFds.PID_VARIABLE), environment.getProperty(ListenFds.NAMES_VARIABLE),
				properties.getSocketActivation().getFdName(), storedFdName(properties),
				properties.getSocketActivation().getManagementFdName());
		activation.setAcceptWhenReady(properties.getSocketActivation().isAcceptWhenReady());
		return activation;
	}

	/**
	 * Return the name the web server's socket is stored under, where something may be
	 * stored: a socket the store passes back is taken only then.
	 */
	private static @Nullable String storedFdName(SystemdProperties properties) {
		return (properties.getFdStore().getMode() != FileDescriptorStore.Mode.NEVER)
				? properties.getFdStore().getFdName() : null;
	}

	/**
	 * Say that a configured port is not the one served, once the servers have started:
	 * the passed socket decides, and a socket kept in the file descriptor store outlives
	 * a change of the port.
	 */
	private static void warnIfPortIsNotUsed(SocketActivation activation, Server server, Environment environment,
			@Nullable String storedFdName) {
		ListenSocket socket = activation.socket(server).orElse(null);
		if (socket == null || !activation.isServing(server)) {
			return;
		}
		String property = (server == Server.MANAGEMENT) ? "management.server.port" : "server.port";
		Integer port;
		try {
			port = environment.getProperty(property, Integer.class);
		}
		catch (RuntimeException ex) {
			return; // Spring Boot reports a port it cannot read
		}
		if (port == null || port <= 0 || port == socket.address().getPort()) {
			return;
		}
		String served = property + "=" + port + " is not used: the server serves on " + socket;
		if (socket.name().equals(storedFdName)) {
			logger.warn(served + ", the socket kept in systemd's file descriptor store under that name, which "
					+ "every restart hands back. To move to port " + port + ", stop the service (which empties "
					+ "the store, unless FileDescriptorStorePreserve=yes) and start it again");
		}
		else {
			logger.warn(served + ", the socket systemd passed: its socket unit's ListenStream= decides the port");
		}
	}

	@Bean
	SocketActivationReadyListener systemdSocketActivationReady(SocketActivation activation,
			SystemdProperties properties, ObjectProvider<LoopbackConnector> connectors, Environment environment) {
		SystemdProperties.SocketActivation.WarmUp warmUp = properties.getSocketActivation().getWarmUp();
		int requests = warmUp.getRequests();
		if (requests > 0 && usesTls(environment)) {
			logger.warn("systemd.socket-activation.warm-up.requests=" + requests + " is ignored: the web server uses "
					+ "TLS (server.ssl), and the warm-up's loopback listener would serve plain HTTP without it");
			requests = 0;
		}
		String storedFdName = storedFdName(properties);
		Runnable portChecks = () -> {
			warnIfPortIsNotUsed(activation, Server.APPLICATION, environment, storedFdName);
			warnIfPortIsNotUsed(activation, Server.MANAGEMENT, environment, null);
		};
		return new SocketActivationReadyListener(activation, portChecks,
				new WarmUp(requests, warmUp.getPaths(), warmUp.getTimeout(), connectors.orderedStream().toList()));
	}

	@Bean
	ApplicationListener<ContextClosedEvent> systemdSocketActivationRelease(SocketActivation activation,
			ApplicationContext context) {
		return (event) -> {
			if (event.getApplicationContext() == context) {
				activation.release(Server.APPLICATION);
			}
			else if (isManagementContextOf(event.getApplicationContext(), context)) {
				activation.release(Server.MANAGEMENT);
			}
		};
	}

	@Bean
	ApplicationListener<ApplicationReadyEvent> systemdManagementSocketCheck(SocketActivation activation) {
		return (event) -> activation.warnIfManagementSocketUnused();
	}

	private static boolean usesTls(Environment environment) {
		return Binder.get(environment).bind("server.ssl", Ssl.class).map((ssl) -> Ssl.isEnabled(ssl)).orElse(false);
	}

	private static boolean isManagementContextOf(ApplicationContext candidate, ApplicationContext context) {
		return candidate.getParent() == context
				&& SocketActivationWebServerConfiguration.serverOf(candidate) == Server.MANAGEMENT;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ConfigurableTomcatWebServerFactory.class)
	static class TomcatConfiguration {

		@Bean
		LoopbackConnector tomcatLoopbackConnector() {
			return TomcatAdapter.loopbackConnector();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ ConfigurableJettyWebServerFactory.class, ServerConnector.class })
	static class JettyConfiguration {

		@Bean
		LoopbackConnector jettyLoopbackConnector() {
			return JettyAdapter.loopbackConnector();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ NettyReactiveWebServerFactory.class, LoopResources.class, NioServerSocketChannel.class })
	static class NettyConfiguration {

		@Bean
		LoopbackConnector nettyLoopbackConnector(ObjectProvider<HttpHandler> httpHandler,
				ObjectProvider<ReactorResourceFactory> resourceFactory) {
			return NettyAdapter.loopbackConnector(httpHandler::getIfAvailable, resourceFactory.getIfAvailable());
		}

	}

	/**
	 * Lets the servers take connections once the application is ready, before
	 * {@code READY=1} is sent, after a warm-up if one is configured; first says which
	 * configured port is not the one served.
	 */
	static final class SocketActivationReadyListener implements ApplicationListener<ApplicationReadyEvent>, Ordered {

		private final SocketActivation activation;

		private final Runnable portChecks;

		private final WarmUp warmUp;

		SocketActivationReadyListener(SocketActivation activation, Runnable portChecks, WarmUp warmUp) {
			this.activation = activation;
			this.portChecks = portChecks;
			this.warmUp = warmUp;
		}

		@Override
		public void onApplicationEvent(ApplicationReadyEvent event) {
			// the servers have opened what they serve on; said before they take
			// connections
			this.portChecks.run();
			if (this.activation.isHoldingApplication()
					&& event.getApplicationContext() instanceof WebServerApplicationContext context
					&& context.getWebServer() != null) {
				this.warmUp.run(context.getWebServer());
			}
			this.activation.ready();
		}

		@Override
		public int getOrder() {
			return Ordered.HIGHEST_PRECEDENCE;
		}

	}

}
