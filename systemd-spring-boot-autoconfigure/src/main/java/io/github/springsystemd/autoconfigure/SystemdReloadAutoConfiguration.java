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

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.BeanFactoryUtils;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.autoconfigure.condition.SearchStrategy;
import org.springframework.cloud.context.refresh.ContextRefresher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.springsystemd.notify.SystemdNotifier;
import io.github.springsystemd.protocol.NotifySocketAddress;
import io.github.springsystemd.reload.ContextRefresherReloadHandler;
import io.github.springsystemd.reload.SystemdReloadHandler;
import io.github.springsystemd.reload.SystemdReloader;

/**
 * Auto-configuration of the {@link SystemdReloader} that answers
 * {@code systemctl reload}: {@code SIGHUP} runs the {@link SystemdReloadHandler} beans
 * and Spring Cloud's {@code ContextRefresher}, if any. Active under systemd unless
 * {@code systemd.reload.enabled} is {@code false}. The signal itself is taken over by
 * {@code ReloadSignalListener}, from the start of the application.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = SystemdAutoConfiguration.class,
		afterName = "org.springframework.cloud.autoconfigure.RefreshAutoConfiguration")
@ConditionalOnSystemd("reload")
@ConditionalOnProperty(NotifySocketAddress.VARIABLE)
@ConditionalOnBean(SystemdNotifier.class)
public final class SystemdReloadAutoConfiguration {

	// one per context: a child's (SpringApplicationBuilder.child) runs its own handlers
	// and its ancestors'
	@Bean
	@ConditionalOnMissingBean(search = SearchStrategy.CURRENT)
	SystemdReloader systemdReloader(SystemdNotifier notifier, ObjectProvider<SystemdReloadHandler> handlers,
			ListableBeanFactory beanFactory) {
		List<SystemdReloadHandler> ordered = handlers.orderedStream().toList();
		// the singletons' names, from the instances just created; another scope's handler
		// is named by its class
		Map<Object, String> beanNames = new IdentityHashMap<>();
		for (String name : BeanFactoryUtils.beanNamesForTypeIncludingAncestors(beanFactory,
				SystemdReloadHandler.class)) {
			if (beanFactory.isSingleton(name)) {
				beanNames.putIfAbsent(beanFactory.getBean(name), name);
			}
		}
		return new SystemdReloader(notifier, ordered, beanNames::get);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ContextRefresher.class)
	static class ContextRefresherConfiguration {

		@Bean
		@ConditionalOnSingleCandidate(ContextRefresher.class)
		ContextRefresherReloadHandler systemdContextRefresherReloadHandler(ContextRefresher contextRefresher) {
			return new ContextRefresherReloadHandler(contextRefresher);
		}

	}

}
