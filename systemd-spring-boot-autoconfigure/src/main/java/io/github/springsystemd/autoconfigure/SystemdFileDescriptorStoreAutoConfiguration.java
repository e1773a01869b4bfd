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

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.Environment;

import io.github.springsystemd.activation.FileDescriptorStore;
import io.github.springsystemd.activation.SocketActivation;
import io.github.springsystemd.notify.SystemdNotifier;
import io.github.springsystemd.protocol.FileDescriptorStoreMax;
import io.github.springsystemd.unit.SystemdUnit;

/**
 * Auto-configuration for keeping the web server's listening socket in systemd's file
 * descriptor store. Active under systemd in a web application.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = { SystemdAutoConfiguration.class, SystemdSocketActivationAutoConfiguration.class })
@ConditionalOnClass(WebServerInitializedEvent.class)
@ConditionalOnWebApplication
@ConditionalOnBean(SystemdNotifier.class)
@Import({ SystemdPropertiesConfiguration.class, FileDescriptorStoreWebServerConfiguration.class })
public final class SystemdFileDescriptorStoreAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	FileDescriptorStore systemdFileDescriptorStore(SystemdNotifier notifier,
			ObjectProvider<SocketActivation> activation, ObjectProvider<SystemdUnit> unit, SystemdProperties properties,
			Environment environment) {
		return new FileDescriptorStore(notifier, activation.getIfAvailable(), unit.getIfAvailable(),
				properties.getFdStore().getMode(), properties.getFdStore().getFdName(),
				properties.getSocketActivation().getManagementFdName(),
				environment.getProperty(FileDescriptorStoreMax.VARIABLE));
	}

	@Bean
	ApplicationListener<ContextClosedEvent> systemdFileDescriptorStoreRelease(FileDescriptorStore store,
			ApplicationContext context) {
		return (event) -> {
			ApplicationContext closing = event.getApplicationContext();
			if (closing == context || closing.getParent() == context) {
				store.release(closing);
			}
		};
	}

}
