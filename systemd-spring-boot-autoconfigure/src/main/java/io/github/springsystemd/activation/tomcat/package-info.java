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
/**
 * Socket activation and the file descriptor store for Tomcat: its connectors serve
 * through a protocol that accepts from a socket passed by systemd, or from the one Tomcat
 * binds, and that stops its acceptor on shutdown without losing a connection.
 * {@link io.github.springsystemd.activation.tomcat.TomcatAdapter} is what the
 * auto-configuration creates them through.
 */
@NullMarked
package io.github.springsystemd.activation.tomcat;

import org.jspecify.annotations.NullMarked;
