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

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * {@link Conditional @Conditional} that matches when the systemd integration is enabled,
 * {@code systemd.enabled} (default {@code true}), and so is each named feature,
 * {@code systemd.<feature>.enabled} (default {@code true}). Values are read as
 * {@link SystemdProperties#get(org.springframework.core.env.Environment)} reads them: a
 * value that is not a boolean is reported and its default applies. The outcome names the
 * property that decided it, in {@code --debug} and {@code /actuator/conditions}.
 *
 * @since 0.1.0
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@Documented
@Conditional(OnSystemdCondition.class)
public @interface ConditionalOnSystemd {

	/**
	 * Features that must be enabled as well, by their property path below
	 * {@code systemd.}, such as {@code "reload"} for {@code systemd.reload.enabled} or
	 * {@code "watchdog.health"} for {@code systemd.watchdog.health.enabled}.
	 * @return the features
	 */
	String[] value() default {};

}
