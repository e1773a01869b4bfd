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

import java.util.concurrent.atomic.AtomicReference;

import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Makes Tomcat serve on the socket passed by systemd: the socket is moved to standard
 * input and the connector takes it with {@code useInheritedChannel} instead of binding
 * {@code server.port}. On shutdown the connector stops taking connections before Tomcat
 * pauses it (see {@link TomcatAcceptorPause}); Tomcat never closes the inherited channel.
 *
 * @since 0.1.0
 */
public class TomcatSocketActivationCustomizer
		implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

	private final SocketActivation activation;

	/**
	 * Create a new {@link TomcatSocketActivationCustomizer}.
	 * @param activation the socket activation
	 */
	public TomcatSocketActivationCustomizer(SocketActivation activation) {
		this.activation = activation;
	}

	@Override
	public void customize(ConfigurableTomcatWebServerFactory factory) {
		this.activation.getSocket().ifPresent((socket) -> {
			this.activation.inheritAsStandardInput();
			factory.setAddress(socket.address().getAddress());
			factory.setPort(socket.address().getPort());
			factory.addConnectorCustomizers((connector) -> {
				connector.setProperty("useInheritedChannel", "true");
				AtomicReference<TomcatAcceptorPause> pause = new AtomicReference<>();
				this.activation.onRelease(() -> TomcatAcceptorPause.stopAccepting(connector).ifPresent(pause::set),
						() -> {
							if (pause.get() != null) {
								pause.get().pause();
							}
						});
			});
		});
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
