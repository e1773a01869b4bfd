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
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.Struct;
import org.freedesktop.dbus.annotations.Position;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.annotations.DBusMemberName;
import org.freedesktop.dbus.connections.IDisconnectCallback;
import org.freedesktop.dbus.connections.base.IncomingMessageThread;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.UInt64;
import org.freedesktop.dbus.types.Variant;
import org.jspecify.annotations.Nullable;

import io.github.springsystemd.unit.UnitFacts;

/**
 * One blocking read of {@link UnitFacts} over a fresh, unshared D-Bus connection that is
 * closed before the read returns, and the units of a template that are active. The only
 * class of this package that touches dbus-java.
 *
 * @see SystemdBusReader
 */
final class UnitFactsQuery {

	private static final Log logger = LogFactory.getLog(UnitFactsQuery.class);

	private static final String SYSTEMD_BUS_NAME = "org.freedesktop.systemd1";

	private static final String MANAGER_PATH = "/org/freedesktop/systemd1";

	private static final String MANAGER_INTERFACE = "org.freedesktop.systemd1.Manager";

	private static final String UNIT_INTERFACE = "org.freedesktop.systemd1.Unit";

	private static final String SERVICE_INTERFACE = "org.freedesktop.systemd1.Service";

	private static final int INVOCATION_ID_LENGTH = 16;

	private static final String UNIX_PATH_PREFIX = "unix:path=";

	/**
	 * The address of the system bus when {@code DBUS_SYSTEM_BUS_ADDRESS} is not set (the
	 * D-Bus specification, "Well-known Message Bus Instances").
	 */
	static final String DEFAULT_SYSTEM_BUS_ADDRESS = UNIX_PATH_PREFIX + "/var/run/dbus/system_bus_socket";

	private UnitFactsQuery() {
	}

	/**
	 * Read the facts about the unit that the given process belongs to.
	 * @param busAddress the D-Bus address of the system bus, or {@code null} for
	 * {@code DBUS_SYSTEM_BUS_ADDRESS} or the default system bus
	 * @param pid the process
	 * @return the facts, with a {@code null} for each fact that could not be read
	 * @throws Exception when the bus cannot be reached or the unit cannot be found
	 */
	static UnitFacts query(@Nullable String busAddress, long pid) throws Exception {
		return withConnection(busAddress, (connection) -> query(connection, pid));
	}

	/**
	 * Return the names of the units that match a pattern and are active, activating or
	 * reloading.
	 * @param busAddress the D-Bus address of the system bus, or {@code null} for
	 * {@code DBUS_SYSTEM_BUS_ADDRESS} or the default system bus
	 * @param pattern a unit name pattern, such as {@code orders@*.service}
	 * @return the unit names
	 * @throws Exception when the bus cannot be reached or the call fails
	 */
	static List<String> activeUnits(@Nullable String busAddress, String pattern) throws Exception {
		return withConnection(busAddress, (connection) -> {
			SystemdManager manager = connection.getRemoteObject(SYSTEMD_BUS_NAME, MANAGER_PATH, SystemdManager.class,
					false);
			return manager.listUnitsByPatterns(List.of("active", "activating", "reloading"), List.of(pattern))
				.stream()
				.map(UnitStatus::getName)
				.toList();
		});
	}

	private static <T> T withConnection(@Nullable String busAddress, BusCall<T> call) throws Exception {
		String address = (busAddress != null) ? busAddress : System.getenv("DBUS_SYSTEM_BUS_ADDRESS");
		requireSupported(address);
		String described = (address != null) ? address : DEFAULT_SYSTEM_BUS_ADDRESS;
		requireSocket(described);
		DbusJavaLogging.quietConnectionLines();
		ClosedByBus closedByBus = new ClosedByBus();
		DBusConnection connection = connect(busAddress, closedByBus);
		try {
			connection.register();
			return call.call(connection);
		}
		catch (Exception ex) {
			if (closedByBus.happened()) {
				throw new BusUnavailableException("The D-Bus system bus at " + described + " closed the connection",
						true);
			}
			throw ex;
		}
		finally {
			closedByBus.closing();
			close(connection);
			if (closedByBus.happened()) {
				Thread.interrupted();
			}
		}
	}

	private static DBusConnection connect(@Nullable String busAddress, ClosedByBus closedByBus) throws Exception {
		DBusConnectionBuilder builder = (busAddress != null) ? DBusConnectionBuilder.forAddress(busAddress)
				: DBusConnectionBuilder.forSystemBus();
		DBusConnection connection = builder.withShared(false)
			.withDisconnectCallback(closedByBus)
			.transportConfig()
			.withTimeout(0)
			.withRegisterSelf(false)
			.back()
			.build();
		return connection;
	}

	private static void requireSupported(String busAddress) {
		if (busAddress != null && busAddress.startsWith("unix:") && !busAddress.contains("path=")) {
			throw new IllegalArgumentException(
					"Bus address '" + busAddress + "' is not supported, only 'unix:path=' addresses are");
		}
	}

	/**
	 * Fail without a connection attempt when a {@code unix:path=} address names no file,
	 * as on a machine or in a unit without a system bus.
	 */
	private static void requireSocket(String busAddress) throws BusUnavailableException {
		if (!busAddress.startsWith(UNIX_PATH_PREFIX) || busAddress.indexOf('%') >= 0) {
			return;
		}
		int comma = busAddress.indexOf(',');
		String path = busAddress.substring(UNIX_PATH_PREFIX.length(), (comma >= 0) ? comma : busAddress.length());
		try {
			if (!path.isEmpty() && !Files.exists(Path.of(path))) {
				throw new BusUnavailableException("There is no D-Bus system bus at " + busAddress + " (no such file)",
						false);
			}
		}
		catch (InvalidPathException ex) {
			// dbus-java reports the address
		}
	}

	private static UnitFacts query(DBusConnection connection, long pid) throws DBusException {
		SystemdManager manager = connection.getRemoteObject(SYSTEMD_BUS_NAME, MANAGER_PATH, SystemdManager.class,
				false);
		String unitPath = manager.getUnitByPid(new UInt32(pid)).getPath();
		Properties unit = connection.getRemoteObject(SYSTEMD_BUS_NAME, unitPath, Properties.class, false);
		String id = asString(get(unit, UNIT_INTERFACE, "Id"));
		String invocationId = invocationIdToHex(asBytes(get(unit, UNIT_INTERFACE, "InvocationID")));
		Long restarts = null;
		Duration watchdogTimeout = null;
		Long fileDescriptorStoreMax = null;
		if (id == null || id.endsWith(".service")) {
			restarts = asLong(get(unit, SERVICE_INTERFACE, "NRestarts"));
			watchdogTimeout = watchdogTimeout(get(unit, SERVICE_INTERFACE, "WatchdogUSec"));
			fileDescriptorStoreMax = asLong(get(unit, SERVICE_INTERFACE, "FileDescriptorStoreMax"));
		}
		Properties managerProperties = connection.getRemoteObject(SYSTEMD_BUS_NAME, MANAGER_PATH, Properties.class,
				false);
		String managerVersion = asString(get(managerProperties, MANAGER_INTERFACE, "Version"));
		return new UnitFacts(id, invocationId, restarts, watchdogTimeout, fileDescriptorStoreMax, managerVersion);
	}

	private static @Nullable Object get(Properties properties, String interfaceName, String propertyName) {
		if (Thread.currentThread().isInterrupted()) {
			return null;
		}
		try {
			Object value = properties.Get(interfaceName, propertyName);
			return (value instanceof Variant<?> variant) ? variant.getValue() : value;
		}
		catch (RuntimeException ex) {
			logger.debug("Could not read " + interfaceName + "." + propertyName + ": " + ex.getMessage());
			return null;
		}
	}

	private static void close(DBusConnection connection) {
		boolean interrupted = Thread.interrupted();
		try {
			connection.close();
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("Could not close the D-Bus connection: " + ex.getMessage());
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/**
	 * Render an invocation ID the way {@code $INVOCATION_ID} holds it.
	 * @param bytes the 16 bytes of the ID, may be {@code null}
	 * @return the ID as 32 lowercase hex characters, or {@code null} when {@code bytes}
	 * is not a 16-byte ID (a unit that is not running has an empty one)
	 */
	static @Nullable String invocationIdToHex(byte @Nullable [] bytes) {
		if (bytes == null || bytes.length != INVOCATION_ID_LENGTH) {
			return null;
		}
		return HexFormat.of().formatHex(bytes);
	}

	/**
	 * Convert a {@code WatchdogUSec} value.
	 * @param usec the value, in microseconds, may be {@code null}
	 * @return the timeout, or {@code null} when the value is missing, {@code 0} (no
	 * watchdog) or {@code infinity}
	 */
	static @Nullable Duration watchdogTimeout(@Nullable Object usec) {
		Long micros = asLong(usec);
		return (micros != null && micros > 0) ? Duration.of(micros, ChronoUnit.MICROS) : null;
	}

	static @Nullable Long asLong(@Nullable Object value) {
		if (value instanceof UInt64 uint64) {
			return asLong(uint64.value());
		}
		if (value instanceof BigInteger bigInteger) {
			return (bigInteger.signum() >= 0 && bigInteger.bitLength() < Long.SIZE) ? bigInteger.longValue() : null;
		}
		return (value instanceof Number number) ? number.longValue() : null;
	}

	private static @Nullable String asString(@Nullable Object value) {
		return (value instanceof String string) ? string : null;
	}

	private static byte @Nullable [] asBytes(@Nullable Object value) {
		if (value instanceof byte[] bytes) {
			return bytes;
		}
		if (value instanceof List<?> list) {
			byte[] bytes = new byte[list.size()];
			for (int i = 0; i < bytes.length; i++) {
				if (!(list.get(i) instanceof Number number)) {
					return null;
				}
				bytes[i] = number.byteValue();
			}
			return bytes;
		}
		return null;
	}

	/**
	 * A call over a registered connection.
	 */
	@FunctionalInterface
	private interface BusCall<T> {

		T call(DBusConnection connection) throws Exception;

	}

	/**
	 * Notices when the bus closes the connection. The callback runs on dbus-java's reader
	 * thread, which would otherwise log the end of the stream as an {@code ERROR} with a
	 * stack trace: it ends that thread quietly and interrupts the caller waiting for a
	 * reply that cannot come (an interrupt that is cleared once the connection is
	 * closed).
	 */
	private static final class ClosedByBus implements IDisconnectCallback {

		private final Thread caller = Thread.currentThread();

		private volatile boolean happened;

		private volatile boolean closing;

		boolean happened() {
			return this.happened;
		}

		/**
		 * Mark the connection as being closed from our side: from then on the end of the
		 * stream is expected, and the caller is no longer interrupted.
		 */
		synchronized void closing() {
			this.closing = true;
		}

		@Override
		public synchronized void disconnectOnError(IOException ex) {
			if (!this.closing) {
				this.happened = true;
			}
		}

		@Override
		public void clientDisconnect() {
			synchronized (this) {
				if (this.closing) {
					return;
				}
				this.happened = true;
				this.caller.interrupt();
			}
			if (Thread.currentThread() instanceof IncomingMessageThread reader) {
				reader.terminate();
			}
		}

	}

	/**
	 * The part of {@code org.freedesktop.systemd1.Manager} that is used here.
	 */
	@DBusInterfaceName(MANAGER_INTERFACE)
	interface SystemdManager extends DBusInterface {

		@DBusMemberName("GetUnitByPID")
		DBusPath getUnitByPid(UInt32 pid);

		@DBusMemberName("ListUnitsByPatterns")
		List<UnitStatus> listUnitsByPatterns(List<String> states, List<String> patterns);

	}

	/**
	 * One entry of {@code ListUnitsByPatterns}: {@code (ssssssouso)}.
	 */
	public static final class UnitStatus extends Struct {

		@Position(0)
		private final String name;

		@Position(1)
		private final String description;

		@Position(2)
		private final String loadState;

		@Position(3)
		private final String activeState;

		@Position(4)
		private final String subState;

		@Position(5)
		private final String followed;

		@Position(6)
		private final DBusPath path;

		@Position(7)
		private final UInt32 jobId;

		@Position(8)
		private final String jobType;

		@Position(9)
		private final DBusPath jobPath;

		public UnitStatus(String name, String description, String loadState, String activeState, String subState,
				String followed, DBusPath path, UInt32 jobId, String jobType, DBusPath jobPath) {
			this.name = name;
			this.description = description;
			this.loadState = loadState;
			this.activeState = activeState;
			this.subState = subState;
			this.followed = followed;
			this.path = path;
			this.jobId = jobId;
			this.jobType = jobType;
			this.jobPath = jobPath;
		}

		public String getName() {
			return this.name;
		}

		public String getDescription() {
			return this.description;
		}

		public String getLoadState() {
			return this.loadState;
		}

		public String getActiveState() {
			return this.activeState;
		}

		public String getSubState() {
			return this.subState;
		}

		public String getFollowed() {
			return this.followed;
		}

		public DBusPath getPath() {
			return this.path;
		}

		public UInt32 getJobId() {
			return this.jobId;
		}

		public String getJobType() {
			return this.jobType;
		}

		public DBusPath getJobPath() {
			return this.jobPath;
		}

	}

}
