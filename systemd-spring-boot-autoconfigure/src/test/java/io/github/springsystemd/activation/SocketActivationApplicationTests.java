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

import java.io.File;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Starts whole applications the way systemd does with a {@code .socket} unit:
 * {@code systemd-socket-activate} listens, and on the first connection starts the JVM
 * with the listening socket as fd 3. The application must serve on it, for Tomcat, Jetty
 * and Reactor Netty, and must not bind {@code server.port}. What the application logs
 * while it shuts down must still reach its standard output.
 */
@EnabledOnOs(OS.LINUX)
class SocketActivationApplicationTests {

	private static final Path SOCKET_ACTIVATE = Path.of("/usr/bin/systemd-socket-activate");

	private static final Path PYTHON = Path.of("/usr/bin/python3");

	/**
	 * Listens on the port given as first argument and runs the rest of the arguments with
	 * that socket as standard input, as systemd does with {@code StandardInput=socket}.
	 */
	private static final String LISTEN_ON_STANDARD_INPUT = "import os, socket, sys\n" + "s = socket.socket()\n"
			+ "s.bind(('127.0.0.1', int(sys.argv[1])))\n" + "s.listen(64)\n" + "os.dup2(s.fileno(), 0)\n"
			+ "os.execv(sys.argv[2], sys.argv[2:])\n";

	private static final Duration STARTUP = Duration.ofSeconds(60);

	private static final Duration WAIT = Duration.ofSeconds(10);

	@TempDir
	Path temp;

	private Process process;

	private Path log;

	@BeforeEach
	void requireSocketActivate() {
		assumeTrue(Files.isExecutable(SOCKET_ACTIVATE), "systemd-socket-activate is not installed");
	}

	@AfterEach
	void stop() throws InterruptedException {
		if (this.process != null) {
			this.process.descendants().forEach(ProcessHandle::destroyForcibly);
			this.process.destroyForcibly();
			this.process.waitFor();
		}
	}

	@Test
	void jettyWithoutAcceptorThreadsServesOnThePassedSocketAndSaysWhatItCosts() throws Exception {
		int port = freePort();
		start(port, Server.JETTY, "--server.port=" + freePort(), "--server.jetty.threads.acceptors=0");
		assertThat(get(port, "/").body()).as(this::output).startsWith("served by pid ");
		assertThat(output()).contains("Jetty has no acceptor threads (server.jetty.threads.acceptors=0)");
	}

	@Test
	void aConfiguredPortThatIsTheServedOneIsNotMentioned() throws Exception {
		int port = freePort();
		start(port, Server.TOMCAT, "--server.port=" + port);
		// the server takes connections once ready, after the port check
		assertThat(get(port, "/").body()).as(this::output).startsWith("served by pid ");
		assertThat(output()).contains("Serving on the socket passed by systemd: fd 3 'web' (127.0.0.1:" + port + ")")
			.doesNotContain("is not used");
	}

	@Test
	void anUnsetOrZeroPortIsNotMentioned() throws Exception {
		int port = freePort();
		start(port, Server.TOMCAT, "--server.port=0");
		assertThat(get(port, "/").body()).as(this::output).startsWith("served by pid ");
		assertThat(output()).contains("Serving on the socket passed by systemd: fd 3 'web' (127.0.0.1:" + port + ")")
			.doesNotContain("is not used");
	}

	@Test
	void aCountPastThePassedSocketIsSaidAndTheSocketServes() throws Exception {
		int port = freePort();
		List<String> command = new ArrayList<>(
				List.of(SOCKET_ACTIVATE.toString(), "-l", "127.0.0.1:" + port, "/usr/bin/env", "LISTEN_FDS=3"));
		command.addAll(java(Server.TOMCAT));
		launch(command);
		await().atMost(WAIT).until(() -> output().contains("Listening on"));
		assertThat(get(port, "/").body()).as(this::output).startsWith("served by pid ");
		assertThat(output())
			.contains("Serving on the socket passed by systemd: fd 3 'unknown' (127.0.0.1:" + port + ")")
			.contains("fds 4-5, the last 2 descriptors that LISTEN_FDS=3 counts, are not open sockets, and "
					+ "LISTEN_FDNAMES is not set: if only fd 3 was passed, LISTEN_FDS must be 1.");
	}

	@Test
	void tomcatServesOnTheSocketStoredUnderItsNameAmongOthers() throws Exception {
		int port = freePort();
		int otherPort = freePort();
		int unusedPort = freePort();
		start(List.of(otherPort, port), "other:orders", Server.TOMCAT, "--server.port=" + unusedPort,
				"--systemd.fd-store.fd-name=orders");
		assertThat(get(port, "/").body()).as(this::output).startsWith("served by pid ");
		// a connection may be served before the server's log lines are written
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(output())
				.contains("Serving on the socket passed by systemd: fd 4 'orders' (127.0.0.1:" + port + ")")
				.contains("2 listening sockets were passed for the web server ('other', 'orders'); it serves on the "
						+ "socket stored under 'orders' (systemd.fd-store.fd-name)")
				.contains("server.port=" + unusedPort + " is not used: the server serves on fd 4 'orders' (127.0.0.1:"
						+ port + "), the socket kept in systemd's file descriptor store under that name, which every "
						+ "restart hands back. To move to port " + unusedPort + ", stop the service (which empties "
						+ "the store, unless FileDescriptorStorePreserve=yes) and start it again")
				.doesNotContain("The web server binds server.port"));
		assertThatExceptionOfType(ConnectException.class)
			.isThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), unusedPort).close());
	}

	@Test
	void tomcatTakesConnectionsAsSoonAsItStartsWhenToldSo() throws Exception {
		int port = freePort();
		start(port, Server.TOMCAT, "--server.port=" + freePort(), "--test.runner-delay=3s",
				"--systemd.socket-activation.accept-when-ready=false");
		assertThat(get(port, "/runner-done").body()).as(this::output).isEqualTo("false");
	}

	@Test
	void warmUpThatTakesLongerThanItsTimeoutIsCutShort() throws Exception {
		int port = freePort();
		start(port, Server.TOMCAT, "--server.port=" + freePort(), "--systemd.socket-activation.warm-up.requests=3",
				"--systemd.socket-activation.warm-up.paths=/,/slow", "--systemd.socket-activation.warm-up.timeout=2s");
		// /slow would hold the warm-up for 30 s a request; it is cut off at 2 s
		long start = System.nanoTime();
		assertThat(get(port, "/served").body()).as(this::output).isEqualTo("1");
		assertThat(output()).contains("Warmed the web server up with 1 requests to [/, /slow] in ")
			.contains("cut short at systemd.socket-activation.warm-up.timeout=2s");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
	}

	@Test
	void slowAnswerWithinTheTimeoutCountsAsAnswered() throws Exception {
		int port = freePort();
		start(port, Server.TOMCAT, "--server.port=" + freePort(), "--systemd.socket-activation.warm-up.requests=1",
				"--systemd.socket-activation.warm-up.paths=/wait?ms=3000",
				"--systemd.socket-activation.warm-up.timeout=20s");
		// a cold JVM's first request on a busy machine may take seconds: it is not a
		// request that got no answer
		assertThat(get(port, "/served").body()).as(this::output).isEqualTo("0");
		assertThat(output()).contains("Warmed the web server up with 1 requests to [/wait?ms=3000] in ")
			.contains("(answers: 1 x 200) before taking connections from the socket passed by systemd")
			.doesNotContain("got no answer");
	}

	@ParameterizedTest
	@EnumSource
	void isWarmedUpBeforeItTakesConnections(Server server) throws Exception {
		int port = freePort();
		start(port, server, "--server.port=" + freePort(), "--systemd.socket-activation.warm-up.requests=25",
				"--systemd.socket-activation.warm-up.paths=/,/no-such-path");
		// the first connection starts the JVM; it is taken only once the warm-up is done
		assertThat(get(port, "/served").body()).as(this::output).isEqualTo("25");
		assertThat(output()).contains("Warmed the web server up with 50 requests to [/, /no-such-path] in ")
			.contains("(answers: 25 x 200, 25 x 404) before taking connections from the socket passed by systemd")
			.doesNotContain("Could not warm");
		// the loopback listener is gone: the passed socket is the only one the JVM
		// listens on
		String pid = get(port, "/").body().substring("served by pid ".length());
		assertThat(listeningSocketsOf(pid)).containsExactlyElementsOf(listeningInodes(port));
	}

	/**
	 * Return the inodes of the TCP sockets the given process holds that listen.
	 */
	private static Set<String> listeningSocketsOf(String pid) throws IOException {
		Set<String> listening = new HashSet<>();
		for (String table : new String[] { "/proc/net/tcp", "/proc/net/tcp6" }) {
			for (String line : Files.readAllLines(Path.of(table))) {
				String[] fields = line.trim().split("\\s+");
				if (fields.length > 9 && "0A".equals(fields[3])) {
					listening.add(fields[9]);
				}
			}
		}
		Set<String> held = new HashSet<>();
		try (DirectoryStream<Path> descriptors = Files.newDirectoryStream(Path.of("/proc", pid, "fd"))) {
			for (Path descriptor : descriptors) {
				String target = Files.readSymbolicLink(descriptor).toString();
				if (target.startsWith("socket:[")) {
					String inode = target.substring("socket:[".length(), target.length() - 1);
					if (listening.contains(inode)) {
						held.add(inode);
					}
				}
			}
		}
		return held;
	}

	@ParameterizedTest
	@EnumSource
	void takesConnectionsOnlyOnceTheApplicationIsReady(Server server) throws Exception {
		int port = freePort();
		start(port, server, "--server.port=" + freePort(), "--test.runner-delay=3s");
		// the first connection starts the JVM; it is taken only once the runner is done
		assertThat(get(port, "/runner-done").body()).as(this::output).isEqualTo("true");
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(output()).contains(server.startedLine)
				.contains("Started SocketActivatedApplication"));
	}

	@Test
	void tomcatServesOnAListeningSocketPassedAsStandardInput() throws Exception {
		assumeTrue(Files.isExecutable(PYTHON), "python3 is not installed");
		int port = freePort();
		int unusedPort = freePort();
		List<String> command = new ArrayList<>(
				List.of(PYTHON.toString(), "-c", LISTEN_ON_STANDARD_INPUT, Integer.toString(port)));
		command.addAll(java(Server.TOMCAT));
		command.add("--server.port=" + unusedPort);
		launch(command);
		await().atMost(WAIT).until(() -> !listeningInodes(port).isEmpty());
		assertThat(get(port, "/").body()).as(this::output).startsWith("served by pid " + this.process.pid());
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(output())
				.contains(
						"Serving on the listening socket passed as standard input (StandardInput=socket): fd 0 'stdin' "
								+ "(127.0.0.1:" + port + ")")
				.contains("Tomcat started on port " + port));
		assertThat(Files.readSymbolicLink(Path.of("/proc/" + this.process.pid() + "/fd/0"))).hasToString("/dev/null");
		assertHoldsNoListeningSocket(Long.parseLong(get(port, "/child").body()), port);
		assertThatExceptionOfType(ConnectException.class)
			.isThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), unusedPort).close());
		this.process.destroy();
		assertThat(this.process.waitFor(STARTUP.toSeconds(), TimeUnit.SECONDS)).as(this::output).isTrue();
		assertThat(output()).contains("Graceful shutdown complete");
	}

	@ParameterizedTest
	@EnumSource
	void childProcessesDoNotInheritThePassedSocket(Server server) throws Exception {
		int port = freePort();
		start(port, server, "--server.port=" + freePort());
		HttpResponse<String> response = get(port, "/child");
		assertThat(response.statusCode()).as(this::output).isEqualTo(200);
		assertHoldsNoListeningSocket(Long.parseLong(response.body()), port);
		assertThat(get(port, "/").body()).startsWith("served by pid ");
	}

	private void assertHoldsNoListeningSocket(long pid, int port) throws IOException {
		Path fds = Path.of("/proc/" + pid + "/fd");
		assertThat(fds).as("the child process %d", pid).isDirectory();
		Set<String> listening = listeningInodes(port);
		assertThat(listening).as("the sockets listening on port %d", port).isNotEmpty();
		Map<String, String> targets = new TreeMap<>();
		try (Stream<Path> entries = Files.list(fds)) {
			for (Path fd : entries.toList()) {
				targets.put(fd.getFileName().toString(), Files.readSymbolicLink(fd).toString());
			}
		}
		assertThat(targets).containsKey("0");
		assertThat(targets.get("0")).as("the child's standard input").doesNotStartWith("socket:");
		assertThat(targets.values()).as("the child's descriptors")
			.noneMatch((target) -> listening.contains(target.replace("socket:[", "").replace("]", "")));
	}

	@ParameterizedTest
	@EnumSource
	void servesTheManagementServerOnItsOwnPassedSocket(Server server) throws Exception {
		int port = freePort();
		int managementPort = freePort();
		int unusedPort = freePort();
		int unusedManagementPort = freePort();
		start(List.of(port, managementPort), "web:management", server, "--server.port=" + unusedPort,
				"--management.server.port=" + unusedManagementPort);
		assertThat(get(port, "/").body()).startsWith("served by pid ");
		await().atMost(STARTUP).untilAsserted(() -> {
			HttpResponse<String> health = get(managementPort, "/actuator/health");
			assertThat(health.statusCode()).as(this::output).isEqualTo(200);
			assertThat(health.body()).contains("UP");
		});
		// a connection may be served before the server's log lines are written
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(output())
				.contains("Serving on the socket passed by systemd: fd 3 'web' (127.0.0.1:" + port + ")")
				.contains("The management server serves on the socket passed by systemd: fd 4 'management' (127.0.0.1:"
						+ managementPort + ")")
				.contains(server.startedLine + " " + port)
				.contains(server.startedLine + " " + managementPort)
				.contains("server.port=" + unusedPort + " is not used: the server serves on fd 3 'web' (127.0.0.1:"
						+ port + "), the socket systemd passed: its socket unit's ListenStream= decides the port")
				.contains("management.server.port=" + unusedManagementPort + " is not used: the server serves on "
						+ "fd 4 'management' (127.0.0.1:" + managementPort + "), the socket systemd passed"));
		for (int unused : new int[] { unusedPort, unusedManagementPort }) {
			assertThatExceptionOfType(ConnectException.class)
				.isThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), unused).close());
		}
		this.process.destroy();
		assertThat(this.process.waitFor(STARTUP.toSeconds(), TimeUnit.SECONDS)).as(this::output).isTrue();
		assertThat(output()).contains("Graceful shutdown complete");
	}

	private HttpResponse<String> get(int port, String path) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(STARTUP).build(),
					HttpResponse.BodyHandlers.ofString());
	}

	@ParameterizedTest
	@EnumSource
	void servesOnThePassedSocket(Server server) throws Exception {
		int port = freePort();
		int unusedPort = freePort();
		start(port, server, "--server.port=" + unusedPort);
		HttpResponse<String> response = get(port, "/");
		assertThat(response.statusCode()).as(this::output).isEqualTo(200);
		assertThat(response.body()).startsWith("served by pid ");
		// a connection may be served before the server's log lines are written
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(output())
				.contains("Serving on the socket passed by systemd: fd 3 'web' (127.0.0.1:" + port + ")")
				.contains(server.startedLine + " " + port));
		assertThatExceptionOfType(ConnectException.class)
			.isThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), unusedPort).close());
		this.process.destroy();
		assertThat(this.process.waitFor(STARTUP.toSeconds(), TimeUnit.SECONDS)).as(this::output).isTrue();
		assertThat(output()).as("what is logged after the web server stopped taking connections")
			.contains("Commencing graceful shutdown")
			.contains("Graceful shutdown complete");
	}

	private void start(int port, Server server, String... args) throws IOException {
		start(List.of(port), "web", server, args);
	}

	private void start(List<Integer> ports, String names, Server server, String... args) throws IOException {
		List<String> command = new ArrayList<>(List.of(SOCKET_ACTIVATE.toString()));
		for (int port : ports) {
			command.addAll(List.of("-l", "127.0.0.1:" + port));
		}
		command.add("--fdname=" + names);
		command.addAll(java(server));
		command.addAll(List.of(args));
		launch(command);
		await().atMost(WAIT).until(() -> output().contains("Listening on"));
	}

	/**
	 * Start a process whose standard output and error go to the log that
	 * {@link #output()} reads.
	 */
	private void launch(List<String> command) throws IOException {
		this.log = this.temp.resolve("application.log");
		this.process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(this.log.toFile()).start();
	}

	private static Set<String> listeningInodes(int port) throws IOException {
		Set<String> inodes = new HashSet<>();
		for (String table : new String[] { "/proc/net/tcp", "/proc/net/tcp6" }) {
			inodes.addAll(TcpSocketTable.listeningInodes(Files.readString(Path.of(table)), port));
		}
		return inodes;
	}

	private static List<String> java(Server server) {
		return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				classpathWithout(server.otherServers), SocketActivatedApplication.class.getName(),
				"--spring.main.banner-mode=off", "--spring.main.web-application-type=" + server.type);
	}

	private String output() {
		try {
			return Files.exists(this.log) ? Files.readString(this.log) : "";
		}
		catch (IOException ex) {
			return ex.toString();
		}
	}

	private static String classpathWithout(String... servers) {
		return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
			.filter((entry) -> Arrays.stream(servers).noneMatch(entry::contains))
			.collect(Collectors.joining(File.pathSeparator));
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	/**
	 * A web server: the web application type, the line the server logs once started, and
	 * the servers left off the class path so that it is the one that starts.
	 */
	enum Server {

		TOMCAT("servlet", "Tomcat started on port", "jetty"),

		JETTY("servlet", "Jetty started on port", "tomcat"),

		REACTOR_NETTY("reactive", "Netty started on port", "tomcat", "jetty");

		private final String type;

		private final String startedLine;

		private final String[] otherServers;

		Server(String type, String startedLine, String... otherServers) {
			this.type = type;
			this.startedLine = startedLine;
			this.otherServers = otherServers;
		}

	}

}
