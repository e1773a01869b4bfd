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

import java.net.InetSocketAddress;

/**
 * A listening stream socket passed by the service manager.
 *
 * @param fd the file descriptor number
 * @param name the name from {@code LISTEN_FDNAMES} ({@code FileDescriptorName=} or the
 * socket unit's name), {@code "unknown"} when none was passed
 * @param address the address the socket listens on
 * @since 0.1.0
 */
public record ListenSocket(int fd, String name, InetSocketAddress address) {

	@Override
	public String toString() {
		return "fd " + this.fd + " '" + this.name + "' (" + this.address.getHostString() + ":" + this.address.getPort()
				+ ")";
	}

}
