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
import java.time.Duration;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * What the tests of other packages need of this package: a socket activation over a
 * passed socket that an inspector describes, the release of a socket that systemd holds,
 * and the file descriptor of a listening socket.
 */
public final class ActivationFixtures {

	private ActivationFixtures() {
	}

	/**
	 * Return the socket activation of one listening socket passed as fd 3 to process 42,
	 * as {@code systemd.socket-activation.management-fd-name=management} and
	 * {@code systemd.fd-store.fd-name=server} resolve it.
	 * @param name the socket's name ({@code LISTEN_FDNAMES})
	 * @param address the address it listens on
	 * @return the socket activation
	 */
	public static SocketActivation passedSocket(String name, InetSocketAddress address) {
		return SocketActivation.resolve("1", "42", name, null, "server", "management", 42,
				() -> new SocketActivationTests.FakeInspector().listening(3, address), (fd) -> null);
	}

	/**
	 * Stop a server taking connections from a socket that systemd holds, wait for the
	 * connections it has taken, and pause it, as a {@link SocketActivation} or the
	 * {@link FileDescriptorStore} release it.
	 * @param port the port the socket listens on
	 * @param stopAccepting stops the server and returns what pauses it
	 * @param drainTimeout how long to wait at most for the connections it has taken
	 */
	public static void release(int port, Supplier<Runnable> stopAccepting, Duration drainTimeout) {
		SocketRelease release = new SocketRelease("the socket on port " + port, port);
		release.add(stopAccepting);
		release.run(drainTimeout);
	}

	/**
	 * Return the file descriptor of this process's socket listening on a TCP port, as
	 * {@code /proc/self/net/tcp} and {@code /proc/self/fd} show it.
	 * @param port the port
	 * @return the file descriptor, or empty when none listens on the port
	 */
	public static OptionalInt listeningDescriptor(int port) {
		return TcpSocketTable.findDescriptor(port);
	}

}
