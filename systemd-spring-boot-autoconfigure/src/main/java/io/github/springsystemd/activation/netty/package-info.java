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
 * Socket activation and the file descriptor store for Reactor Netty: a socket passed by
 * systemd is adopted as the server channel, and a server channel stops reading
 * (accepting) on shutdown. {@link io.github.springsystemd.activation.netty.NettyAdapter}
 * is what the auto-configuration creates them through.
 */
@NullMarked
package io.github.springsystemd.activation.netty;

import org.jspecify.annotations.NullMarked;
