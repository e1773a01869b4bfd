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
package io.github.springsystemd.dbus;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.UInt64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

import io.github.springsystemd.unit.SystemdUnit;
import io.github.springsystemd.unit.UnitFacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link SystemdBusReader} against a real {@code dbus-daemon}, with and without
 * a fake service manager on it.
 */
@EnabledIf("io.github.springsystemd.dbus.FakeSystemdBus#isAvailable")
class SystemdBusReaderDbusDaemonTests {

	private static final long PID = ProcessHandle.current().pid();

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final byte[] INVOCATION_ID = { 0x5e, 0x1f, 0x00, 0x7a, (byte) 0x90, 0x12, 0x34, 0x56, 0x78,
			(byte) 0x9a, (byte) 0xbc, (byte) 0xde, (byte) 0xf0, 0x01, 0x02, 0x03 };

	@TempDir
	Path temp;

	private FakeSystemdBus bus;

	@BeforeEach
	void startBus() throws Exception {
		this.bus = FakeSystemdBus.start(this.temp);
	}

	@AfterEach
	void stopBus() throws Exception {
		this.bus.close();
	}

	@Test
	void factsAreReadFromServiceManager() throws Exception {
		this.bus.serveSystemd(serviceProperties());
		SystemdBusReader reader = new SystemdBusReader(this.bus.getAddress(), TIMEOUT);
		assertThat(SystemdBusReaderTests.readNow(reader, PID)).contains(new UnitFacts("app.service",
				"5e1f007a90123456789abcdef0010203", 3L, Duration.ofSeconds(30), 7L, "252.99"));
		assertNoDbusJavaThreadsLeft();
	}

	@Test
	void restartCountIsCurrentWhenAskedAgain() throws Exception {
		this.bus.serveSystemd(serviceProperties());
		SystemdUnit unit = new SystemdUnit(PID, null, null, new SystemdBusReader(this.bus.getAddress(), TIMEOUT)::read);
		unit.refresh(TIMEOUT);
		assertThat(unit.getRestarts()).isEqualTo(3);
		this.bus.setUnitProperty("org.freedesktop.systemd1.Service.NRestarts", new UInt32(0));
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			unit.refresh(TIMEOUT);
			assertThat(unit.getRestarts()).isZero();
		});
	}

	@Test
	void unitThatIsNotServiceHasNoServiceFacts() throws Exception {
		Map<String, Object> properties = new HashMap<>();
		properties.put("org.freedesktop.systemd1.Unit.Id", "session-1.scope");
		properties.put("org.freedesktop.systemd1.Unit.InvocationID", INVOCATION_ID);
		this.bus.serveSystemd(properties);
		SystemdBusReader reader = new SystemdBusReader(this.bus.getAddress(), TIMEOUT);
		assertThat(SystemdBusReaderTests.readNow(reader, PID))
			.contains(new UnitFacts("session-1.scope", "5e1f007a90123456789abcdef0010203", null, null, null, "252.99"));
	}

	@Test
	void propertyThatFailsLeavesOnlyThatFactNull() throws Exception {
		Map<String, Object> properties = serviceProperties();
		properties.remove("org.freedesktop.systemd1.Service.NRestarts");
		properties.put("org.freedesktop.systemd1.Service.WatchdogUSec", new UInt64(0));
		this.bus.serveSystemd(properties);
		SystemdBusReader reader = new SystemdBusReader(this.bus.getAddress(), TIMEOUT);
		assertThat(SystemdBusReaderTests.readNow(reader, PID))
			.contains(new UnitFacts("app.service", "5e1f007a90123456789abcdef0010203", null, null, 7L, "252.99"));
	}

	@Test
	void busWithoutServiceManagerIsEmptyAndLeavesNoDbusJavaThreads() throws Exception {
		SystemdBusReader reader = new SystemdBusReader(this.bus.getAddress(), TIMEOUT);
		long started = System.nanoTime();
		assertThat(SystemdBusReaderTests.readNow(reader, PID)).isEmpty();
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
		assertNoDbusJavaThreadsLeft();
	}

	@Test
	void serviceManagerThatDoesNotAnswerIsEmptyWithinTimeoutAndConnectionIsClosed() throws Exception {
		this.bus.serveHungSystemd();
		SystemdBusReader reader = new SystemdBusReader(this.bus.getAddress(), Duration.ofMillis(500));
		long started = System.nanoTime();
		assertThat(SystemdBusReaderTests.readNow(reader, PID)).isEmpty();
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(TIMEOUT);
		assertNoDbusJavaThreadsLeft();
	}

	private static Map<String, Object> serviceProperties() {
		Map<String, Object> properties = new HashMap<>();
		properties.put("org.freedesktop.systemd1.Unit.Id", "app.service");
		properties.put("org.freedesktop.systemd1.Unit.InvocationID", INVOCATION_ID);
		properties.put("org.freedesktop.systemd1.Service.NRestarts", new UInt32(3));
		properties.put("org.freedesktop.systemd1.Service.WatchdogUSec", new UInt64(30_000_000L));
		properties.put("org.freedesktop.systemd1.Service.FileDescriptorStoreMax", new UInt32(7));
		return properties;
	}

	/**
	 * Count the threads of dbus-java that are not the fake service manager's; the
	 * reader's connections must not leave any behind.
	 */
	private static long countDbusJavaThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.isAlive() && thread.getName().startsWith("DBus"))
			.filter((thread) -> !FakeSystemdBus.isFakeSystemdThread(thread))
			.count();
	}

	private static void assertNoDbusJavaThreadsLeft() {
		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(countDbusJavaThreads()).isZero());
	}

}
