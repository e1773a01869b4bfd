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

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.web.AdditionalPathsMapper;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.health.actuate.endpoint.AdditionalHealthEndpointPath;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroupsPostProcessor;
import org.springframework.boot.health.actuate.endpoint.HttpCodeStatusMapper;
import org.springframework.boot.health.actuate.endpoint.StatusAggregator;

/**
 * The {@code watchdog} health group that gates the systemd watchdog by default: every
 * health contributor except those that report on a remote system the application talks
 * to, and except readiness. Added the way Spring Boot adds its {@code liveness} and
 * {@code readiness} groups: only when no group of that name is configured, so
 * {@code management.endpoint.health.group.watchdog.*} replaces it.
 */
final class WatchdogHealthGroup implements HealthEndpointGroup {

	/**
	 * Name of the group.
	 */
	static final String NAME = "watchdog";

	/**
	 * Names of health contributors that report on something a restart does not mend: a
	 * remote system (Spring Boot's database, broker, cache, search engine, directory and
	 * mail server contributors; Spring Cloud's config server, service discovery and
	 * stream binders; Resilience4j's circuit breakers, open while a remote system fails),
	 * a full disk ({@code diskSpace}), and {@code readinessState}: whether the
	 * application accepts traffic is not whether it is broken.
	 */
	static final Set<String> NOT_GATING = Set.of("db", "r2dbc", "redis", "mongo", "rabbit", "jms", "elasticsearch",
			"cassandra", "couchbase", "neo4j", "ldap", "mail", "hazelcast", "configServer", "discoveryComposite",
			"reactiveDiscoveryClients", "binders", "circuitBreakers", "diskSpace", "readinessState");

	private final HealthEndpointGroup primary;

	private WatchdogHealthGroup(HealthEndpointGroup primary) {
		this.primary = primary;
	}

	@Override
	public boolean isMember(String name) {
		return isGatingByDefault(name);
	}

	/**
	 * Return whether the default group holds a health contributor.
	 * @param name the contributor's name
	 * @return whether it gates the watchdog unless a {@code watchdog} group is configured
	 */
	static boolean isGatingByDefault(String name) {
		return !NOT_GATING.contains(name);
	}

	@Override
	public boolean showComponents(SecurityContext securityContext) {
		return this.primary.showComponents(securityContext);
	}

	@Override
	public boolean showDetails(SecurityContext securityContext) {
		return this.primary.showDetails(securityContext);
	}

	@Override
	public StatusAggregator getStatusAggregator() {
		return this.primary.getStatusAggregator();
	}

	@Override
	public HttpCodeStatusMapper getHttpCodeStatusMapper() {
		return this.primary.getHttpCodeStatusMapper();
	}

	@Override
	public @Nullable AdditionalHealthEndpointPath getAdditionalPath() {
		return null;
	}

	/**
	 * {@link HealthEndpointGroupsPostProcessor} that adds the group unless one of that
	 * name is configured.
	 */
	static final class PostProcessor implements HealthEndpointGroupsPostProcessor {

		@Override
		public HealthEndpointGroups postProcessHealthEndpointGroups(HealthEndpointGroups groups) {
			if (groups.get(NAME) != null) {
				return groups;
			}
			return new WithWatchdogGroup(groups, new WatchdogHealthGroup(groups.getPrimary()));
		}

	}

	private static final class WithWatchdogGroup implements HealthEndpointGroups, AdditionalPathsMapper {

		private final HealthEndpointGroups groups;

		private final HealthEndpointGroup watchdog;

		WithWatchdogGroup(HealthEndpointGroups groups, HealthEndpointGroup watchdog) {
			this.groups = groups;
			this.watchdog = watchdog;
		}

		@Override
		public HealthEndpointGroup getPrimary() {
			return this.groups.getPrimary();
		}

		@Override
		public Set<String> getNames() {
			Set<String> names = new LinkedHashSet<>(this.groups.getNames());
			names.add(NAME);
			return names;
		}

		@Override
		public @Nullable HealthEndpointGroup get(String name) {
			return NAME.equals(name) ? this.watchdog : this.groups.get(name);
		}

		@Override
		public @Nullable List<String> getAdditionalPaths(EndpointId endpointId, WebServerNamespace webServerNamespace) {
			return (this.groups instanceof AdditionalPathsMapper mapper)
					? mapper.getAdditionalPaths(endpointId, webServerNamespace) : null;
		}

	}

}
