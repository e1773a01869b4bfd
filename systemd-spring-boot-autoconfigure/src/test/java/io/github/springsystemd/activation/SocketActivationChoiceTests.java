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
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.github.springsystemd.activation.SocketActivation.Choice;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SocketActivation#choose}, the choice of the socket the web server
 * serves on, as a table: the usable sockets (the management server's set apart), the
 * configured and the stored name, whether a management socket was set apart, and the
 * socket chosen with what is said about it.
 */
class SocketActivationChoiceTests {

	private static final InetSocketAddress ADDRESS = new InetSocketAddress("127.0.0.1", 8080);

	@ParameterizedTest(name = "[{index}] sockets={0} fd-name={1} stored={2} management={3} -> {4} {5}")
	@CsvSource(delimiter = '|', nullValues = "-",
			textBlock = """
					# sockets       | fd-name | stored  | management | chosen  | said  | message
					http            | -       | -       | false      | http    | -     | -
					a;b             | b       | -       | false      | b       | -     | -
					a;b             | b       | a       | false      | b       | -     | -
					a;b             | -       | -       | false      | -       | WARN  | 2 listening sockets were passed for the web server ('a', 'b'); set systemd.socket-activation.fd-name to the one for the web server. The web server binds server.port
					a;stored        | -       | stored  | false      | stored  | INFO  | 2 listening sockets were passed for the web server ('a', 'stored'); it serves on the socket stored under 'stored' (systemd.fd-store.fd-name)
					stored          | -       | stored  | false      | stored  | -     | -
					a               | -       | stored  | false      | a       | -     | -
					a               | x       | -       | false      | -       | WARN  | No usable passed socket is named 'x' (systemd.socket-activation.fd-name); passed: 'a'. The web server binds server.port
					a;stored        | x       | stored  | false      | stored  | WARN  | No usable passed socket is named 'x' (systemd.socket-activation.fd-name); passed: 'a', 'stored'. The web server serves on the socket stored under 'stored' (systemd.fd-store.fd-name)
					-               | -       | -       | false      | -       | WARN  | None of the passed sockets ('a') can serve; the web server binds server.port
					-               | -       | -       | true       | -       | -     | -
					-               | x       | -       | true       | -       | WARN  | No usable passed socket is named 'x' (systemd.socket-activation.fd-name); passed: 'a'. The web server binds server.port
					""")
	void choosesTheSocketAndSaysWhy(@Nullable String sockets, @Nullable String fdName, @Nullable String stored,
			boolean management, @Nullable String chosen, @Nullable String said, @Nullable String message) {
		List<ListenSocket> candidates = new ArrayList<>();
		List<String> passed = new ArrayList<>();
		if (sockets != null) {
			for (String name : sockets.split(";")) {
				candidates.add(new ListenSocket(3 + candidates.size(), name, ADDRESS));
				passed.add(name);
			}
		}
		else {
			passed.add("a");
		}
		Choice choice = SocketActivation.choose(candidates, fdName, stored, passed, management);
		assertThat((choice.socket() != null) ? choice.socket().name() : null).isEqualTo(chosen);
		assertThat(choice.message()).isEqualTo(message);
		assertThat(choice.warning()).isEqualTo("WARN".equals(said));
		assertThat(choice.message() == null).isEqualTo(said == null);
	}

}
