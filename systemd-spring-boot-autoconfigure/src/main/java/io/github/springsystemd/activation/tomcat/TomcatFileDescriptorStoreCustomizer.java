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

import org.springframework.boot.tomcat.TomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

import io.github.springsystemd.activation.FileDescriptorStore;

/**
 * Makes Tomcat accept through {@link PassedSocketHttp11NioProtocol} when it binds its
 * port itself, so that a socket kept in systemd's file descriptor store can be released
 * on shutdown without a connection lost or left behind: the store is given what stops the
 * acceptors of every connector of the Tomcat it stored the socket of, found from the
 * started web server (see {@code TomcatAcceptorPause}). Leaves a factory alone that uses
 * a protocol other than Tomcat's default {@code Http11NioProtocol}.
 */
final class TomcatFileDescriptorStoreCustomizer implements WebServerFactoryCustomizer<TomcatWebServerFactory>, Ordered {

	private final FileDescriptorStore store;

	/**
	 * Create a new {@link TomcatFileDescriptorStoreCustomizer}.
	 * @param store the file descriptor store, which is given what stops Tomcat's
	 * acceptors
	 */
	TomcatFileDescriptorStoreCustomizer(FileDescriptorStore store) {
		this.store = store;
	}

	@Override
	public void customize(TomcatWebServerFactory factory) {
		if (TomcatSocketActivationCustomizer.DEFAULT_PROTOCOL.equals(factory.getProtocol())) {
			factory.setProtocol(PassedSocketHttp11NioProtocol.class.getName());
		}
		this.store.onRelease(TomcatAcceptorPause.STOP_ACCEPTING);
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
