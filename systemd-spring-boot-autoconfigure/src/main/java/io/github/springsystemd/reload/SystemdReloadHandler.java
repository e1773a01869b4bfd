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
package io.github.springsystemd.reload;

/**
 * Reloads part of the application when systemd asks the service to reload its
 * configuration ({@code systemctl reload}, which sends {@code SIGHUP} with
 * {@code ExecReload=kill -HUP $MAINPID} or {@code Type=notify-reload}).
 * <p>
 * Declare a bean of this type to take part. Handlers run one after another, in
 * {@link org.springframework.core.Ordered order}, on one thread, and never while another
 * reload runs. A handler that throws fails the reload: the failure is logged at
 * {@code WARN} and shown by {@code systemctl status}, the other handlers still run, and
 * the application keeps running.
 * <p>
 * With a bean of this type (or Spring Cloud's {@code ContextRefresher}) in the context,
 * the application handles {@code SIGHUP} itself, instead of the JVM's default of shutting
 * down.
 *
 * @since 0.1.0
 * @see SystemdReloader
 */
@FunctionalInterface
public interface SystemdReloadHandler {

	/**
	 * Reload, for example re-read a file or re-open a connection pool with new settings.
	 * @throws Exception if the reload failed
	 */
	void reload() throws Exception;

}
