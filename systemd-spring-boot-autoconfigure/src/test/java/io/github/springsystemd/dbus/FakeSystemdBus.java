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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.errors.UnknownProperty;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

import static org.awaitility.Awaitility.await;

/**
 * A private {@code dbus-daemon} with, on request, a fake service manager that owns
 * {@code org.freedesktop.systemd1} and answers the calls that {@link UnitFactsQuery}
 * makes.
 */
final class FakeSystemdBus implements AutoCloseable {

	static final String MANAGER_PATH = "/org/freedesktop/systemd1";

	static final String UNIT_PATH = "/org/freedesktop/systemd1/unit/app_2eservice";

	private static final ThreadGroup THREADS = new ThreadGroup("fake-systemd");

	private static final Path DBUS_DAEMON = Path.of("/usr/bin/dbus-daemon");

	private final Process daemon;

	private final String address;

	private final CountDownLatch closed = new CountDownLatch(1);

	private DBusConnection systemdConnection;

	private volatile Unit unit;

	private FakeSystemdBus(Process daemon, String address) {
		this.daemon = daemon;
		this.address = address;
	}

	static boolean isAvailable() {
		return Files.isExecutable(DBUS_DAEMON);
	}

	static FakeSystemdBus start(Path directory) throws IOException {
		Path socket = directory.resolve("bus");
		Process daemon = new ProcessBuilder(DBUS_DAEMON.toString(), "--session", "--nofork", "--nopidfile",
				"--address=unix:path=" + socket)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.redirectError(ProcessBuilder.Redirect.DISCARD)
			.start();
		try {
			await("dbus-daemon listens on " + socket).atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ofMillis(10))
				.failFast("dbus-daemon exited", () -> !daemon.isAlive())
				.until(() -> Files.exists(socket));
		}
		catch (RuntimeException ex) {
			daemon.destroyForcibly();
			throw ex;
		}
		return new FakeSystemdBus(daemon, "unix:path=" + socket);
	}

	String getAddress() {
		return this.address;
	}

	/**
	 * Change a property of the unit that {@link #serveSystemd(Map)} serves, as systemd
	 * does when the unit restarts.
	 * @param key the property, as {@code interface.property}
	 * @param value the new value
	 */
	void setUnitProperty(String key, Object value) {
		this.unit.put(key, value);
	}

	/**
	 * Own {@code org.freedesktop.systemd1} and serve a manager whose {@code GetUnitByPID}
	 * answers {@link #UNIT_PATH} and a unit with the given properties.
	 * @param unitProperties the unit's properties, keyed by {@code interface.property}; a
	 * missing property is an error
	 */
	void serveSystemd(Map<String, Object> unitProperties) throws Exception {
		serveSystemd(unitProperties, false);
	}

	/**
	 * Own {@code org.freedesktop.systemd1} and serve a manager whose {@code GetUnitByPID}
	 * never answers until this bus is closed.
	 */
	void serveHungSystemd() throws Exception {
		serveSystemd(Map.of(), true);
	}

	private void serveSystemd(Map<String, Object> unitProperties, boolean hung) throws Exception {
		FutureTask<DBusConnection> connect = new FutureTask<>(() -> {
			DBusConnection connection = DBusConnectionBuilder.forAddress(this.address).withShared(false).build();
			connection.exportObject(new Manager(Map.of("org.freedesktop.systemd1.Manager.Version", "252.99"),
					hung ? this.closed : null));
			this.unit = new Unit(unitProperties);
			connection.exportObject(this.unit);
			connection.requestBusName("org.freedesktop.systemd1");
			return connection;
		});
		new Thread(THREADS, connect, "fake-systemd").start();
		this.systemdConnection = connect.get(10, TimeUnit.SECONDS);
	}

	/**
	 * Return whether the given thread belongs to the fake service manager.
	 * @param thread the thread
	 * @return whether the thread was started by the fake's connection
	 */
	static boolean isFakeSystemdThread(Thread thread) {
		return thread.getThreadGroup() == THREADS;
	}

	@Override
	public void close() throws IOException {
		this.closed.countDown();
		if (this.systemdConnection != null) {
			this.systemdConnection.close();
		}
		this.daemon.destroy();
	}

	/**
	 * The manager interface as the fake exports it.
	 */
	@DBusInterfaceName("org.freedesktop.systemd1.Manager")
	public interface ManagerInterface extends DBusInterface {

		DBusPath GetUnitByPID(UInt32 pid);

	}

	/**
	 * Properties looked up in a map.
	 */
	public static class PropertiesObject implements Properties {

		private final String path;

		private final Map<String, Object> properties;

		PropertiesObject(String path, Map<String, Object> properties) {
			this.path = path;
			this.properties = new ConcurrentHashMap<>(properties);
		}

		@Override
		@SuppressWarnings("unchecked")
		public <A> A Get(String interfaceName, String propertyName) {
			Object value = this.properties.get(interfaceName + "." + propertyName);
			if (value == null) {
				throw new UnknownProperty("Unknown property " + interfaceName + "." + propertyName);
			}
			return (A) value;
		}

		void put(String key, Object value) {
			this.properties.put(key, value);
		}

		@Override
		public <A> void Set(String interfaceName, String propertyName, A value) {
			throw new DBusExecutionException("read-only");
		}

		@Override
		public Map<String, Variant<?>> GetAll(String interfaceName) {
			throw new DBusExecutionException("not supported");
		}

		@Override
		public String getObjectPath() {
			return this.path;
		}

	}

	/**
	 * The fake manager.
	 */
	public static class Manager extends PropertiesObject implements ManagerInterface {

		private final CountDownLatch answer;

		Manager(Map<String, Object> properties, CountDownLatch answer) {
			super(MANAGER_PATH, properties);
			this.answer = answer;
		}

		@Override
		public DBusPath GetUnitByPID(UInt32 pid) {
			if (this.answer != null) {
				try {
					this.answer.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			return new DBusPath(UNIT_PATH);
		}

	}

	/**
	 * The fake unit.
	 */
	public static class Unit extends PropertiesObject {

		Unit(Map<String, Object> properties) {
			super(UNIT_PATH, properties);
		}

	}

}
