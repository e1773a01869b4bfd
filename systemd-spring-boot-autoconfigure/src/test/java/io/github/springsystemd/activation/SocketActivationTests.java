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
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.github.springsystemd.activation.SocketActivation.Server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for how {@link SocketActivation} chooses among passed descriptors, with an
 * inspector that needs no native code.
 */
@ExtendWith(OutputCaptureExtension.class)
class SocketActivationTests {

	private static final long PID = 4242;

	private static final InetSocketAddress WEB = new InetSocketAddress("127.0.0.1", 8080);

	private static final InetSocketAddress MANAGEMENT = new InetSocketAddress("127.0.0.1", 8081);

	private final FakeInspector inspector = new FakeInspector();

	private final Map<Integer, String> descriptors = new HashMap<>();

	@Test
	void nothingPassedIsSilent(CapturedOutput output) {
		assertThat(resolve(null, null, null, null).getSocket()).isEmpty();
		assertThat(output).isEmpty();
	}

	@Test
	void socketsForALaunchScriptAreIgnoredAndSaid(CapturedOutput output) throws Exception {
		Process script = new ProcessBuilder("sh", "-c", "sleep 30").start();
		try {
			String pid = String.valueOf(script.pid());
			assertThat(resolve("1", pid, null, null).getSocket()).isEmpty();
			assertThat(this.inspector.described).isEmpty();
			assertThat(output).contains("WARN")
				.contains("LISTEN_PID=" + pid + " names another process than this one (" + PID + ")")
				.contains("LISTEN_FDS=1 are not used and the web server binds server.port")
				.contains("'exec java'");
		}
		finally {
			script.destroy();
		}
	}

	@Test
	void socketsWithoutAPidAreIgnoredAndSaid(CapturedOutput output) {
		assertThat(resolve("2", null, null, null).getSocket()).isEmpty();
		assertThat(this.inspector.described).isEmpty();
		assertThat(output).contains("WARN").contains("LISTEN_FDS=2 is set without LISTEN_PID");
	}

	@Test
	void socketsOfAParentJvmAreIgnoredQuietly(CapturedOutput output) {
		String jvm = String.valueOf(ProcessHandle.current().pid());
		assertThat(SocketActivation
			.resolve("1", jvm, null, null, "server", "management", PID, () -> this.inspector, this.descriptors::get)
			.getSocket()).isEmpty();
		assertThat(this.inspector.described).isEmpty();
		assertThat(output).doesNotContain("WARN");
	}

	@Test
	void noSocketsForAnotherProcessIsSilent(CapturedOutput output) {
		assertThat(resolve("0", "1", null, null).getSocket()).isEmpty();
		assertThat(output).isEmpty();
	}

	@Test
	void noSocketsForThisProcessIsSilent(CapturedOutput output) {
		assertThat(resolve("0", String.valueOf(PID), null, null).getSocket()).isEmpty();
		assertThat(output).isEmpty();
	}

	@Test
	void theOnlyListeningSocketServes(CapturedOutput output) {
		this.inspector.listening(3, WEB);
		SocketActivation activation = resolve("1", "4242", "web-sample.socket", null);
		assertThat(activation.getSocket()).contains(new ListenSocket(3, "web-sample.socket", WEB));
		assertThat(output)
			.contains("Serving on the socket passed by systemd: fd 3 'web-sample.socket' (127.0.0.1:8080)");
		assertThat(this.inspector.closedOnExec).containsExactly(3);
	}

	@Test
	void socketIsServedAsAChannelOfItsOwnOnce() throws Exception {
		this.inspector.listening(3, WEB);
		SocketActivation activation = resolve("1", "4242", "web", null);
		try (ServerSocketChannel channel = activation.openJdkChannel(Server.APPLICATION)) {
			assertThat(this.inspector.replaced).hasSize(1);
			assertThat(this.inspector.replaced.get(0)[0]).isEqualTo(3);
			int port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
			assertThat(TcpSocketTable.findDescriptor(port).getAsInt()).isEqualTo(this.inspector.replaced.get(0)[1])
				.isGreaterThan(2);
			assertThatIllegalStateException().isThrownBy(() -> activation.openJdkChannel(Server.APPLICATION))
				.withMessage("The socket fd 3 'web' (127.0.0.1:8080) is served already");
		}
		assertThat(this.inspector.replaced).hasSize(1);
	}

	@Test
	void listeningSocketOnStandardInputServes(CapturedOutput output) throws Exception {
		this.inspector.listening(0, WEB);
		this.descriptors.put(0, "socket:[77]");
		this.descriptors.put(1, "pipe:[5]");
		this.descriptors.put(2, "pipe:[5]");
		SocketActivation activation = resolve(null, null, null, null);
		assertThat(activation.getSocket()).contains(new ListenSocket(0, "stdin", WEB));
		assertThat(output)
			.contains("Serving on the listening socket passed as standard input (StandardInput=socket): "
					+ "fd 0 'stdin' (127.0.0.1:8080)")
			.doesNotContain("WARN");
		assertThat(this.inspector.released).isEmpty();
		try (ServerSocketChannel channel = activation.openJdkChannel(Server.APPLICATION)) {
			assertThat(this.inspector.replaced.get(0)[0]).isEqualTo(0);
			assertThat(this.inspector.replaced.get(0)[1]).isGreaterThan(2);
		}
	}

	@Test
	void standardStreamsThatAreTheListeningSocketAreReleasedAndSaid(CapturedOutput output) {
		this.inspector.listening(0, WEB);
		this.descriptors.put(0, "socket:[77]");
		this.descriptors.put(1, "socket:[77]");
		this.descriptors.put(2, "socket:[77]");
		assertThat(resolve(null, null, null, null).getSocket()).isPresent();
		assertThat(this.inspector.released).containsExactly(1, 2);
		assertThat(output)
			.contains("Standard output and error were the listening socket too (StandardInput=socket "
					+ "makes StandardOutput= default to inherit)")
			.contains("Add StandardOutput=journal to the unit");
	}

	@Test
	void standardInputThatIsNotASocketIsNotInspected(CapturedOutput output) {
		this.descriptors.put(0, "pipe:[12]");
		assertThat(resolve(null, null, null, null).getSocket()).isEmpty();
		assertThat(this.inspector.described).isEmpty();
		assertThat(output).isEmpty();
	}

	@Test
	void connectedSocketOnStandardInputIsLeftAlone(CapturedOutput output) {
		this.descriptors.put(0, "socket:[12]");
		this.descriptors.put(1, "socket:[12]");
		this.inspector.unusable(0, "is not listening (Accept=yes passes connections, not listeners)");
		assertThat(resolve(null, null, null, null).getSocket()).isEmpty();
		assertThat(this.inspector.described).containsExactly(0);
		assertThat(this.inspector.released).isEmpty();
		assertThat(output).doesNotContain("WARN").doesNotContain("INFO");
	}

	@Test
	void severalSocketsNeedAName(CapturedOutput output) {
		this.inspector.listening(3, WEB).listening(4, MANAGEMENT);
		assertThat(resolve("2", "4242", "web:admin", null).getSocket()).isEmpty();
		assertThat(output).contains("2 listening sockets were passed for the web server ('web', 'admin'); "
				+ "set systemd.socket-activation.fd-name to the one for the web server. The web server binds server.port");
		assertThat(this.inspector.closedOnExec).containsExactly(3, 4);
	}

	@Test
	void socketStoredUnderItsNameServesAmongOthers(CapturedOutput output) {
		this.inspector.listening(3, MANAGEMENT).listening(4, WEB);
		SocketActivation activation = resolve("2", "4242", "admin:orders", null, "orders");
		assertThat(activation.getSocket()).contains(new ListenSocket(4, "orders", WEB));
		assertThat(output).contains("Serving on the socket passed by systemd: fd 4 'orders' (127.0.0.1:8080)")
			.contains("2 listening sockets were passed for the web server ('admin', 'orders'); it serves on "
					+ "the socket stored under 'orders' (systemd.fd-store.fd-name)")
			.doesNotContain("WARN");
	}

	@Test
	void socketStoredUnderTheDefaultNameServesAmongOthers() {
		this.inspector.listening(3, MANAGEMENT).listening(4, WEB);
		assertThat(resolve("2", "4242", "admin:server", null).getSocket()).contains(new ListenSocket(4, "server", WEB));
	}

	@Test
	void socketStoredUnderItsNameServesWhenNoneHasTheConfiguredName(CapturedOutput output) {
		this.inspector.listening(3, MANAGEMENT).listening(4, WEB);
		SocketActivation activation = resolve("2", "4242", "admin:server", "web", "server");
		assertThat(activation.getSocket()).contains(new ListenSocket(4, "server", WEB));
		assertThat(output).contains("WARN")
			.contains("No usable passed socket is named 'web' (systemd.socket-activation.fd-name); passed: "
					+ "'admin', 'server'. The web server serves on the socket stored under 'server' "
					+ "(systemd.fd-store.fd-name)");
	}

	@Test
	void withoutAStoredNameASocketNamedServerIsNotChosenAmongOthers() {
		this.inspector.listening(3, MANAGEMENT).listening(4, WEB);
		assertThat(resolve("2", "4242", "admin:server", null, null).getSocket()).isEmpty();
	}

	@Test
	void configuredNameWinsOverTheStoredName() {
		this.inspector.listening(3, WEB).listening(4, MANAGEMENT);
		SocketActivation activation = resolve("2", "4242", "web:server", "web", "server");
		assertThat(activation.getSocket()).contains(new ListenSocket(3, "web", WEB));
	}

	@Test
	void managementSocketIsNotTakenForTheStoredOne() {
		this.inspector.listening(3, WEB).listening(4, MANAGEMENT);
		SocketActivation activation = resolve("2", "4242", "server:management", null, "server");
		assertThat(activation.getSocket()).contains(new ListenSocket(3, "server", WEB));
		assertThat(activation.getManagementSocket()).contains(new ListenSocket(4, "management", MANAGEMENT));
	}

	@Test
	void namedSocketServesAndNoneIsInherited() {
		this.inspector.listening(3, MANAGEMENT).listening(4, WEB);
		SocketActivation activation = resolve("2", "4242", "admin:web", "web");
		assertThat(activation.getSocket()).contains(new ListenSocket(4, "web", WEB));
		assertThat(activation.getManagementSocket()).isEmpty();
		assertThat(this.inspector.closedOnExec).containsExactly(3, 4);
	}

	@Test
	void socketNamedForTheManagementServerIsSetApart(CapturedOutput output) {
		this.inspector.listening(3, WEB).listening(4, MANAGEMENT);
		SocketActivation activation = resolve("2", "4242", "web:management", null);
		assertThat(activation.getSocket()).contains(new ListenSocket(3, "web", WEB));
		assertThat(activation.getManagementSocket()).contains(new ListenSocket(4, "management", MANAGEMENT));
		assertThat(output).contains(
				"The management server serves on the socket passed by systemd: fd 4 'management' (127.0.0.1:8081)");
		assertThat(this.inspector.closedOnExec).containsExactly(3, 4);
	}

	@Test
	void managementSocketAloneLeavesTheWebServerItsPort(CapturedOutput output) {
		this.inspector.listening(3, MANAGEMENT);
		SocketActivation activation = resolve("1", "4242", "management", null);
		assertThat(activation.getSocket()).isEmpty();
		assertThat(activation.getManagementSocket()).isPresent();
		assertThat(output).doesNotContain("WARN");
	}

	@Test
	void unusedManagementSocketIsSaid(CapturedOutput output) throws Exception {
		this.inspector.listening(3, WEB).listening(4, MANAGEMENT);
		SocketActivation activation = resolve("2", "4242", "web:management", null);
		activation.warnIfManagementSocketUnused();
		assertThat(output).contains("The socket fd 4 'management' (127.0.0.1:8081) was passed for a separate "
				+ "management server, but there is none (management.server.port is not set to a port of its own); "
				+ "nothing serves on it");
	}

	@Test
	void managementSocketIsOpenedAsAChannelOfItsOwn(CapturedOutput output) throws Exception {
		this.inspector.listening(3, WEB).listening(4, MANAGEMENT);
		SocketActivation activation = resolve("2", "4242", "web:management", null);
		try (ServerSocketChannel channel = activation.openJdkChannel(Server.MANAGEMENT)) {
			activation.warnIfManagementSocketUnused();
			assertThat(channel.isBlocking()).isTrue();
			assertThat(this.inspector.replaced).hasSize(1);
			assertThat(this.inspector.replaced.get(0)[0]).isEqualTo(4);
			assertThat(
					TcpSocketTable.findDescriptor(((InetSocketAddress) channel.getLocalAddress()).getPort()).getAsInt())
				.isEqualTo(this.inspector.replaced.get(0)[1]);
		}
		assertThat(output).doesNotContain("nothing serves on it");
	}

	@Test
	void missingNameIsSaid(CapturedOutput output) {
		this.inspector.listening(3, WEB);
		assertThat(resolve("1", "4242", "web-sample.socket", "web").getSocket()).isEmpty();
		assertThat(output).contains("No usable passed socket is named 'web' (systemd.socket-activation.fd-name); "
				+ "passed: 'web-sample.socket'. The web server binds server.port");
	}

	@Test
	void unusableDescriptorsAreNamedWithTheReason(CapturedOutput output) {
		this.inspector.unusable(3, "is not a stream (TCP) socket").listening(4, WEB);
		SocketActivation activation = resolve("2", "4242", "dns:web", null);
		assertThat(activation.getSocket()).contains(new ListenSocket(4, "web", WEB));
		assertThat(output).contains("Passed fd 3 'dns' is not a stream (TCP) socket; it is not used");
	}

	@Test
	void manyUnusableDescriptorsAreCountedInOneLine(CapturedOutput output) {
		this.inspector.listening(20002, WEB);
		SocketActivation activation = resolve("20000", "4242", null, null);
		assertThat(activation.getSocket()).contains(new ListenSocket(20002, "unknown", WEB));
		assertThat(output.getOut().lines().filter((line) -> line.contains("Passed fd "))).hasSize(5);
		assertThat(output).contains("Passed fd 7 'unknown' is not an open file descriptor; it is not used")
			.doesNotContain("Passed fd 8 ")
			.contains("19994 more of the 20000 descriptors of LISTEN_FDS=20000 are not used either");
	}

	@Test
	void aCountPastThePassedSocketsIsSaidOnce(CapturedOutput output) {
		this.inspector.listening(3, WEB).notSocket(4, "is not a socket");
		SocketActivation activation = resolve(" 3", "4242", null, null);
		assertThat(activation.getSocket()).contains(new ListenSocket(3, "unknown", WEB));
		assertThat(output).contains("Fd 4, counted by LISTEN_FDS, is not a socket; it is not used")
			.contains("Fd 5, counted by LISTEN_FDS, is not an open file descriptor; it is not used")
			.doesNotContain("Passed fd")
			.contains("fds 4-5, the last 2 descriptors that LISTEN_FDS=3 counts, are not open sockets, and "
					+ "LISTEN_FDNAMES is not set: if only fd 3 was passed, LISTEN_FDS must be 1. It counts the "
					+ "descriptors passed from fd 3 on (sd_listen_fds(3)); any past them are this process's own");
	}

	@Test
	void aCountPastTheOnlyPassedSocketsNamesTheirNumber(CapturedOutput output) {
		this.inspector.listening(3, WEB).listening(4, MANAGEMENT);
		resolve("3", "4242", null, null);
		assertThat(output)
			.contains("fd 5, the last descriptor that LISTEN_FDS=3 counts, is not an open socket, and "
					+ "LISTEN_FDNAMES is not set: if only 2 descriptors were passed, LISTEN_FDS must be 2.")
			.contains("2 listening sockets were passed for the web server ('unknown', 'unknown'); set");
	}

	@Test
	void aCountWithNoSocketSaysItShouldNotBeSet(CapturedOutput output) {
		assertThat(resolve("1", "4242", null, null).getSocket()).isEmpty();
		assertThat(output).contains("Fd 3, counted by LISTEN_FDS, is not an open file descriptor; it is not used")
			.contains("fd 3, the last descriptor that LISTEN_FDS=1 counts, is not an open socket, and "
					+ "LISTEN_FDNAMES is not set: if none was passed, LISTEN_FDS must not be set.");
	}

	@Test
	void aPassedSocketOfAnotherKindIsNotSuspectedOfACountTooHigh(CapturedOutput output) {
		// systemd-socket-activate -l 8080 -l /run/app.sock, without --fdname
		this.inspector.listening(3, WEB).unusable(4, "is an AF_UNIX socket; the web server needs TCP");
		resolve("2", "4242", null, null);
		assertThat(output).contains("Passed fd 4 'unknown' is an AF_UNIX socket").doesNotContain("counts");
	}

	@Test
	void namedDescriptorsAreNotSuspectedOfACountTooHigh(CapturedOutput output) {
		this.inspector.listening(3, WEB).unusable(4, "is not a stream (TCP) socket");
		resolve("2", "4242", "web:dns", null);
		assertThat(output).contains("Passed fd 4 'dns' is not a stream (TCP) socket").doesNotContain("counts");
	}

	@Test
	void anUnusableDescriptorBeforeAUsableOneIsNotSuspectedOfACountTooHigh(CapturedOutput output) {
		this.inspector.notSocket(3, "is not a socket").listening(4, WEB);
		resolve("2", "4242", null, null);
		assertThat(output).contains("Passed fd 3 'unknown' is not a socket").doesNotContain("counts");
	}

	@Test
	void noUsableDescriptorFallsBackLoudly(CapturedOutput output) {
		this.inspector.unusable(3, "is not listening (Accept=yes passes connections, not listeners)");
		assertThat(resolve("1", "4242", "connection", null).getSocket()).isEmpty();
		assertThat(output).contains("Passed fd 3 'connection' is not listening")
			.contains("None of the passed sockets ('connection') can serve; the web server binds server.port");
	}

	@Test
	void malformedEnvironmentFallsBackLoudly(CapturedOutput output) {
		assertThat(resolve("2", "4242", "a:b:c", null).getSocket()).isEmpty();
		assertThat(output).contains("LISTEN_FDNAMES 'a:b:c' has 3 names for 2 descriptors; "
				+ "socket activation is off and the web server binds server.port");
	}

	@Test
	void noNativeAccessFallsBack() {
		assertThat(SocketActivation
			.resolve("1", "4242", null, null, "server", "management", PID, () -> null, this.descriptors::get)
			.getSocket()).isEmpty();
	}

	private SocketActivation resolve(String fds, String pid, String names, String fdName) {
		return resolve(fds, pid, names, fdName, "server");
	}

	private SocketActivation resolve(String fds, String pid, String names, String fdName, String storedFdName) {
		return SocketActivation.resolve(fds, pid, names, fdName, storedFdName, "management", PID, () -> this.inspector,
				this.descriptors::get);
	}

	static class FakeInspector implements SocketInspector {

		private final Map<Integer, Description> descriptions = new HashMap<>();

		final List<Integer> described = new ArrayList<>();

		final List<Integer> released = new ArrayList<>();

		final List<Integer> closedOnExec = new ArrayList<>();

		final List<int[]> replaced = new ArrayList<>();

		FakeInspector listening(int fd, InetSocketAddress address) {
			this.descriptions.put(fd, Description.listening(address));
			return this;
		}

		FakeInspector unusable(int fd, String problem) {
			this.descriptions.put(fd, Description.unusable(problem));
			return this;
		}

		FakeInspector notSocket(int fd, String problem) {
			this.descriptions.put(fd, Description.notSocket(problem));
			return this;
		}

		@Override
		public Description describe(int fd) {
			this.described.add(fd);
			return this.descriptions.getOrDefault(fd, Description.notSocket("is not an open file descriptor"));
		}

		@Override
		public void release(int fd) {
			this.released.add(fd);
		}

		@Override
		public void replace(int fd, int target) {
			this.replaced.add(new int[] { fd, target });
		}

		@Override
		public void closeOnExec(int fd) {
			this.closedOnExec.add(fd);
		}

	}

}
