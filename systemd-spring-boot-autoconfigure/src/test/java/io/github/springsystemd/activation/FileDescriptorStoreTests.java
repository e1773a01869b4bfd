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

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.WebServer;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;

import io.github.springsystemd.unit.UnitFacts;
import io.github.springsystemd.notify.SystemdNotifier;
import io.github.springsystemd.test.FileDescriptors;
import io.github.springsystemd.test.NotifySocketReceiver;
import io.github.springsystemd.unit.SystemdUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.after;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * Tests for {@link FileDescriptorStore}, sending to a real notification socket.
 */
@EnabledOnOs(OS.LINUX)
@ExtendWith(OutputCaptureExtension.class)
class FileDescriptorStoreTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final Duration QUIET = Duration.ofMillis(500);

	@RegisterExtension
	final NotifySocketReceiver receiver = NotifySocketReceiver.perTest();

	private SystemdNotifier notifier;

	private ServerSocketChannel server;

	private int port;

	@BeforeEach
	void setUp() throws Exception {
		this.notifier = SystemdNotifier.create(this.receiver.getNotifySocket());
		this.server = ServerSocketChannel.open();
		this.server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
		this.port = this.server.socket().getLocalPort();
	}

	@AfterEach
	void tearDown() throws Exception {
		this.server.close();
	}

	@Test
	void forcedStoreSendsTheListeningSocket() throws Exception {
		int fd = TcpSocketTable.findDescriptor(this.port).orElseThrow();
		assertThat(FileDescriptors.closeOnExec(fd)).as("the JDK's own socket is inheritable").isFalse();
		store(FileDescriptorStore.Mode.ALWAYS, null, null).onApplicationEvent(event(null));
		assertThat(this.receiver.poll(WAIT)).isEqualTo("FDSTORE=1\nFDNAME=server");
		assertThat(this.receiver.receivedDescriptors()).containsExactly(serverSocket());
		assertThat(FileDescriptors.closeOnExec(fd)).as("the stored socket is close-on-exec").isTrue();
	}

	@Test
	void socketStoredUnderItsNameIsServedOnByTheNextStart() throws Exception {
		new FileDescriptorStore(this.notifier, null, null, FileDescriptorStore.Mode.ALWAYS, "orders", "management",
				null)
			.onApplicationEvent(event(null));
		String stored = this.receiver.poll(WAIT);
		assertThat(stored).isEqualTo("FDSTORE=1\nFDNAME=orders");
		String name = stored.lines()
			.filter((line) -> line.startsWith("FDNAME="))
			.findFirst()
			.orElseThrow()
			.substring("FDNAME=".length());
		InetSocketAddress address = (InetSocketAddress) this.server.getLocalAddress();
		SocketActivation next = SocketActivation.resolve("2", "42", "other:" + name, null, "orders", "management", 42,
				() -> new SocketActivationTests.FakeInspector().listening(3, new InetSocketAddress(8080))
					.listening(4, address),
				(fd) -> null);
		assertThat(next.getSocket()).contains(new ListenSocket(4, "orders", address));
	}

	@Test
	void disabledStoreSendsNothing() throws Exception {
		store(FileDescriptorStore.Mode.NEVER, null, null).onApplicationEvent(event(null));
		assertThat(this.receiver.poll(QUIET)).isNull();
	}

	@Test
	void managementServerIsStoredUnderItsOwnName() throws Exception {
		store(FileDescriptorStore.Mode.ALWAYS, null, null).onApplicationEvent(event("management"));
		assertThat(this.receiver.poll(WAIT)).isEqualTo("FDSTORE=1\nFDNAME=management");
		assertThat(this.receiver.receivedDescriptors()).containsExactly(serverSocket());
	}

	@Test
	void otherServersAreNotStored() throws Exception {
		store(FileDescriptorStore.Mode.ALWAYS, null, null).onApplicationEvent(event("other"));
		assertThat(this.receiver.poll(QUIET)).isNull();
	}

	@Test
	void socketThatSystemdPassedIsNotStoredAgain() throws Exception {
		SocketActivation activation = SocketActivation.resolve("1", "42", null, null, "server", "management", 42,
				() -> new SocketActivationTests.FakeInspector().listening(3, new InetSocketAddress(8080)),
				(fd) -> null);
		store(FileDescriptorStore.Mode.ALWAYS, activation, null).onApplicationEvent(event(null));
		assertThat(this.receiver.poll(QUIET)).isNull();
	}

	@Test
	void automaticStoreFollowsFdstoreEnvironment() throws Exception {
		new FileDescriptorStore(this.notifier, null, null, FileDescriptorStore.Mode.AUTO, "web", "management", "4")
			.onApplicationEvent(event(null));
		assertThat(this.receiver.poll(WAIT)).isEqualTo("FDSTORE=1\nFDNAME=web");
	}

	@Test
	void fdstoreThatIsNotANumberIsNamedOnceAndIgnored(CapturedOutput output) throws Exception {
		FileDescriptorStore store = new FileDescriptorStore(this.notifier, null, null, FileDescriptorStore.Mode.AUTO,
				"web", "management", "lots");
		store.onApplicationEvent(event(null));
		store.onApplicationEvent(event(null));
		assertThat(this.receiver.poll(QUIET)).isNull();
		await().atMost(WAIT).until(() -> output.toString().contains("Could not learn"));
		assertThat(output)
			.containsOnlyOnce("FDSTORE 'lots' is not a number (systemd sets it to the unit's "
					+ "FileDescriptorStoreMax=); it is ignored")
			.containsOnlyOnce(
					"Could not learn the unit's FileDescriptorStoreMax= ($FDSTORE 'lots' is not a positive number "
							+ "and ");
	}

	@Test
	void automaticStoreFollowsFileDescriptorStoreMax() throws Exception {
		store(FileDescriptorStore.Mode.AUTO, null, unit(1L)).onApplicationEvent(event(null));
		assertThat(this.receiver.poll(WAIT)).isEqualTo("FDSTORE=1\nFDNAME=server");
	}

	@Test
	void automaticStoreSendsNothingWithoutAStore() throws Exception {
		FileDescriptorStore store = store(FileDescriptorStore.Mode.AUTO, null, unit(0L));
		store.storeIfTheUnitHasAStore(mock(ApplicationContext.class), stored(), facts(0L));
		assertThat(this.receiver.poll(QUIET)).isNull();
	}

	@Test
	void storeWithNotificationsDisabledDoesNothing(CapturedOutput output) throws Exception {
		SystemdNotifier disabled = SystemdNotifier.create("relative/notify");
		assertThat(disabled.isActive()).isFalse();
		assertThat(output).contains("systemd notifications are disabled");
		SystemdUnit unit = mock(SystemdUnit.class);
		for (FileDescriptorStore.Mode mode : FileDescriptorStore.Mode.values()) {
			new FileDescriptorStore(disabled, null, unit, mode, "server", "management", null)
				.onApplicationEvent(event(null));
		}
		// the automatic store would ask the unit for its store size
		verify(unit, after(QUIET.toMillis()).never()).readFacts(any());
		verifyNoInteractions(unit);
	}

	@Test
	void serversBindTheirOwnSocketForTheStoreOnlyWhenItCanBeStored() {
		assertThat(store(FileDescriptorStore.Mode.AUTO, null, null).mayStore(SocketActivation.Server.APPLICATION))
			.isTrue();
		assertThat(store(FileDescriptorStore.Mode.NEVER, null, null).mayStore(SocketActivation.Server.APPLICATION))
			.isFalse();
		assertThat(new FileDescriptorStore(SystemdNotifier.inactive(), null, null, FileDescriptorStore.Mode.ALWAYS,
				"server", "management", null)
			.mayStore(SocketActivation.Server.APPLICATION)).isFalse();
	}

	@Test
	void automaticStoreOfAClosedApplicationSaysAndSendsNothing(CapturedOutput output) throws Exception {
		FileDescriptorStore store = store(FileDescriptorStore.Mode.AUTO, null, null);
		ConfigurableApplicationContext closed = mock(ConfigurableApplicationContext.class);
		given(closed.isActive()).willReturn(false);
		store.storeIfTheUnitHasAStore(closed, stored(), Optional.empty());
		assertThat(this.receiver.poll(QUIET)).isNull();
		assertThat(output).doesNotContain("Could not learn the unit's FileDescriptorStoreMax=");
	}

	@Test
	void automaticStoreSaysOnceThatTheStoreSizeIsUnknown(CapturedOutput output) throws Exception {
		FileDescriptorStore store = store(FileDescriptorStore.Mode.AUTO, null, null);
		store.storeIfTheUnitHasAStore(mock(ApplicationContext.class), stored(), Optional.empty());
		store.storeIfTheUnitHasAStore(mock(ApplicationContext.class), stored(), Optional.empty());
		assertThat(this.receiver.poll(QUIET)).isNull();
		assertThat(output).containsOnlyOnce("Could not learn the unit's FileDescriptorStoreMax= (no $FDSTORE, which "
				+ "systemd sets from 254 on, and the D-Bus system bus could not be asked), so the web server's "
				+ "listening socket is not kept in systemd's file descriptor store: if the unit has one, restarts "
				+ "refuse connections. Set systemd.fd-store.mode=always when the unit sets FileDescriptorStoreMax=, "
				+ "or never to silence this");
	}

	@Test
	void automaticStoreSaysSoWhenTheBusDoesNotAnswer(CapturedOutput output) throws Exception {
		store(FileDescriptorStore.Mode.AUTO, null,
				new SystemdUnit(42, "web.service", null, (pid) -> CompletableFuture.completedFuture(Optional.empty())))
			.onApplicationEvent(event(null));
		await().atMost(WAIT)
			.until(() -> output.toString().contains("Could not learn the unit's FileDescriptorStoreMax="));
		assertThat(this.receiver.poll(QUIET)).isNull();
	}

	@Test
	void automaticStoreWaitsForTheUnitsFactsWithoutHoldingUpTheEvent() throws Exception {
		CompletableFuture<Optional<UnitFacts>> read = new CompletableFuture<>();
		store(FileDescriptorStore.Mode.AUTO, null, new SystemdUnit(42, "web.service", null, (pid) -> read))
			.onApplicationEvent(event(null));
		assertThat(this.receiver.poll(QUIET)).isNull();
		read.complete(facts(1L));
		assertThat(this.receiver.poll(WAIT)).isEqualTo("FDSTORE=1\nFDNAME=server");
	}

	@Test
	void automaticStoreWithAStoreOfZeroIsQuiet(CapturedOutput output) throws Exception {
		store(FileDescriptorStore.Mode.AUTO, null, unit(0L)).storeIfTheUnitHasAStore(mock(ApplicationContext.class),
				stored(), facts(0L));
		assertThat(output).doesNotContain(" WARN ");
	}

	@Test
	void socketOfAnApplicationThatBeganToStopIsNotStored(CapturedOutput output) throws Exception {
		FileDescriptorStore store = store(FileDescriptorStore.Mode.AUTO, null, null);
		ApplicationContext context = event(null).getApplicationContext();
		// systemctl stop right after the start: the context closes, and its web server
		// with it, before the bus answers and the store runs
		store.release(context);
		this.server.close();
		store.storeIfTheUnitHasAStore(context, stored(), facts(1L));
		assertThat(this.receiver.poll(QUIET)).isNull();
		assertThat(output).doesNotContain("Could not find").doesNotContain(" WARN ");
	}

	@Test
	void socketOfAChildOfAnApplicationThatBeganToStopIsNotStored(CapturedOutput output) throws Exception {
		FileDescriptorStore store = store(FileDescriptorStore.Mode.ALWAYS, null, null);
		WebServerInitializedEvent management = event("management");
		ApplicationContext parent = mock(ApplicationContext.class);
		given(management.getApplicationContext().getParent()).willReturn(parent);
		store.release(parent);
		store.onApplicationEvent(management);
		assertThat(this.receiver.poll(QUIET)).isNull();
		assertThat(output).doesNotContain(" WARN ");
	}

	@Test
	void socketThatAFullStoreCannotTakeIsNotSentAndTheSizeNeededIsNamed(CapturedOutput output) throws Exception {
		FileDescriptorStore store = new FileDescriptorStore(this.notifier, null, null, FileDescriptorStore.Mode.AUTO,
				"server", "management", "1");
		store.onApplicationEvent(event(null));
		assertThat(this.receiver.poll(WAIT)).isEqualTo("FDSTORE=1\nFDNAME=server");
		store.onApplicationEvent(event("management"));
		assertThat(this.receiver.poll(QUIET)).isNull();
		assertThat(output).containsOnlyOnce("Stored the ")
			.contains("The unit's FileDescriptorStoreMax=1 is full (it holds the web server's listening socket), so "
					+ "the management server's listening socket (port " + this.port + ") is not stored and restarts "
					+ "refuse its connections: set FileDescriptorStoreMax=2, one for each server that binds its own "
					+ "port");
	}

	@Test
	void socketBackFromTheStoreCountsAsHeldByIt(CapturedOutput output) throws Exception {
		// the restart after the store above: the web server's socket is passed back
		SocketActivation activation = SocketActivation.resolve("1", "42", "server", null, "server", "management", 42,
				() -> new SocketActivationTests.FakeInspector().listening(3, new InetSocketAddress(8080)),
				(fd) -> null);
		store(FileDescriptorStore.Mode.AUTO, activation, unit(1L)).onApplicationEvent(event("management"));
		assertThat(this.receiver.poll(QUIET)).isNull();
		await().atMost(WAIT).until(() -> output.toString().contains("FileDescriptorStoreMax=1 is full"));
		assertThat(output).contains("it holds the web server's listening socket), so the management server's");
	}

	@Test
	void managementSocketWaitsForTheWebServersInAStoreOfOne(CapturedOutput output) throws Exception {
		// over D-Bus the two stores run on threads of their own, in either order: the
		// management server's may come first
		FileDescriptorStore store = store(FileDescriptorStore.Mode.AUTO, null, unit(1L));
		FileDescriptorStore.Stored management = new FileDescriptorStore.Stored(SocketActivation.Server.MANAGEMENT,
				mock(WebServer.class), this.port);
		store.storeIfTheUnitHasAStore(event("management").getApplicationContext(), management, facts(1L));
		assertThat(this.receiver.poll(QUIET)).isNull();
		assertThat(output).contains("FileDescriptorStoreMax=1 is full (it holds the web server's listening socket)");
		store.storeIfTheUnitHasAStore(event(null).getApplicationContext(), stored(), facts(1L));
		assertThat(this.receiver.poll(WAIT)).isEqualTo("FDSTORE=1\nFDNAME=server");
	}

	@Test
	void storeWithRoomForEachServerStoresBoth() throws Exception {
		FileDescriptorStore store = new FileDescriptorStore(this.notifier, null, null, FileDescriptorStore.Mode.AUTO,
				"server", "management", "2");
		store.onApplicationEvent(event(null));
		assertThat(this.receiver.poll(WAIT)).isEqualTo("FDSTORE=1\nFDNAME=server");
		store.onApplicationEvent(event("management"));
		assertThat(this.receiver.poll(WAIT)).isEqualTo("FDSTORE=1\nFDNAME=management");
	}

	@Test
	void managementSocketOfASocketUnitDoesNotFillTheStore() throws Exception {
		// its name is the store's too, but a socket unit passed it: the store is empty
		SocketActivation activation = SocketActivation.resolve("1", "42", "management", null, "server", "management",
				42, () -> new SocketActivationTests.FakeInspector().listening(3, new InetSocketAddress(8081)),
				(fd) -> null);
		store(FileDescriptorStore.Mode.AUTO, activation, unit(1L)).onApplicationEvent(event(null));
		assertThat(this.receiver.poll(WAIT)).isEqualTo("FDSTORE=1\nFDNAME=server");
	}

	private FileDescriptorStore store(FileDescriptorStore.Mode mode, SocketActivation activation, SystemdUnit unit) {
		return new FileDescriptorStore(this.notifier, activation, unit, mode, "server", "management", null);
	}

	private FileDescriptorStore.Stored stored() {
		return new FileDescriptorStore.Stored(SocketActivation.Server.APPLICATION, mock(WebServer.class), this.port);
	}

	private SystemdUnit unit(Long fileDescriptorStoreMax) {
		return new SystemdUnit(42, "web.service", null,
				(pid) -> CompletableFuture.completedFuture(facts(fileDescriptorStoreMax)));
	}

	private static Optional<UnitFacts> facts(Long fileDescriptorStoreMax) {
		return Optional.of(new UnitFacts("web.service", null, 0L, null, fileDescriptorStoreMax, "252"));
	}

	private WebServerInitializedEvent event(String namespace) {
		WebServer webServer = mock(WebServer.class);
		given(webServer.getPort()).willReturn(this.port);
		WebServerApplicationContext context = mock(WebServerApplicationContext.class);
		given(context.getServerNamespace()).willReturn(namespace);
		return new WebServerInitializedEvent(webServer) {

			@Override
			public WebServerApplicationContext getApplicationContext() {
				return context;
			}

		};
	}

	private String serverSocket() {
		return NotifySocketReceiver.describe(TcpSocketTable.findDescriptor(this.port).orElseThrow());
	}

}
