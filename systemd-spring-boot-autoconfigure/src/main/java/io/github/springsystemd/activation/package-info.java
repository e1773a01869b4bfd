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
 * Socket activation: the web server serves on a listening socket passed by systemd, from
 * a {@code .socket} unit or the file descriptor store, so restarts do not refuse
 * connections. The sockets, the file descriptor store and the warm-up are shared by the
 * web servers; what each server needs is in a package of its own ({@code tomcat},
 * {@code jetty}, {@code netty}).
 */
@NullMarked
package io.github.springsystemd.activation;

import org.jspecify.annotations.NullMarked;
