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
package io.github.springsystemd.libc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Loads {@link Libc} once, on first use: {@code java.lang.foreign} on JDK 22 and newer
 * (when the jar was built on JDK 22 or newer), JNA before that. Off systemd nothing calls
 * it, so nothing is loaded.
 * <p>
 * Before loading JNA, which maps a library it extracts, a directory that allows that is
 * chosen when {@code jna.tmpdir} is not set and the default temporary directory is
 * mounted {@code noexec} (as {@code NoExecPaths=} and {@code PrivateTmp=} make it): the
 * first of {@code $RUNTIME_DIRECTORY}, {@code $CACHE_DIRECTORY} and
 * {@code $STATE_DIRECTORY} (see {@code systemd.exec(5)}) that is writable and not
 * {@code noexec}. When native access cannot be had, the cause, the fix and what therefore
 * does not work are logged once at {@code ERROR}.
 * <p>
 * Internal to the starter: not a public API.
 */
public final class NativeLibc {

	private static final Log logger = LogFactory.getLog(NativeLibc.class);

	private static final String FOREIGN_LIBC = "io.github.springsystemd.libc.ForeignLibc";

	private static final List<String> SERVICE_DIRECTORIES = List.of("RUNTIME_DIRECTORY", "CACHE_DIRECTORY",
			"STATE_DIRECTORY");

	private static final Object lock = new Object();

	private static volatile @Nullable Object loaded;

	private static volatile boolean reported;

	private NativeLibc() {
	}

	/**
	 * Return libc, loading it on first use.
	 * @return libc
	 * @throws NativeAccessException if native access is not available; the reason has
	 * been logged once at {@code ERROR}
	 */
	public static Libc get() throws NativeAccessException {
		Object result = loaded();
		if (result instanceof NativeAccessException ex) {
			if (!reported) {
				synchronized (lock) {
					if (!reported) {
						reported = true;
						logger.error(ex.getMessage() + consequences(System.getenv()));
					}
				}
			}
			throw ex;
		}
		return (Libc) result;
	}

	/**
	 * Start loading libc on a background thread, so that the first notification does not
	 * wait for it. Returns at once; does nothing once loaded. A failure is logged by the
	 * first {@link #get()}, when the application's logging is set up.
	 */
	public static void preload() {
		if (loaded != null) {
			return;
		}
		Thread thread = new Thread(NativeLibc::loaded, "systemd-native-preload");
		thread.setDaemon(true);
		thread.start();
	}

	private static Object loaded() {
		Object result = loaded;
		if (result == null) {
			synchronized (lock) {
				result = loaded;
				if (result == null) {
					result = load(System.getenv(), Runtime.version().feature());
					loaded = result;
				}
			}
		}
		return result;
	}

	static Object load(Map<String, String> environment, int javaFeatureVersion) {
		if (javaFeatureVersion >= 22) {
			try {
				return foreign();
			}
			catch (ClassNotFoundException ex) {
				logger.debug("This jar was built without the java.lang.foreign implementation (build it on JDK 22 "
						+ "or newer); using JNA");
			}
			catch (IllegalCallerException ex) {
				return new NativeAccessException("Native access is denied to the class path (" + ex.getMessage()
						+ "). Fix: run java with --enable-native-access=ALL-UNNAMED, or add "
						+ "'Enable-Native-Access: ALL-UNNAMED' to the executable jar's manifest", ex);
			}
			catch (ReflectiveOperationException | LinkageError | RuntimeException ex) {
				logger.debug("java.lang.foreign is not usable (" + ex + "); using JNA");
			}
		}
		return jna(environment);
	}

	static Libc foreign() throws ClassNotFoundException, ReflectiveOperationException {
		Class<?> type = Class.forName(FOREIGN_LIBC, false, NativeLibc.class.getClassLoader());
		try {
			return (Libc) type.getDeclaredConstructor().newInstance();
		}
		catch (ExceptionInInitializerError ex) {
			if (ex.getCause() instanceof IllegalCallerException denied) {
				throw denied;
			}
			throw ex;
		}
	}

	static Object jna(Map<String, String> environment) {
		String directory = chooseJnaDirectory(environment);
		try {
			return new JnaLibc();
		}
		catch (NoClassDefFoundError ex) {
			if (String.valueOf(ex.getMessage()).contains("com/sun/jna")) {
				return new NativeAccessException("Native access is not available: JNA (net.java.dev.jna:jna) is not "
						+ "on the class path. Fix: add net.java.dev.jna:jna, or run on JDK 22 or newer", ex);
			}
			return new NativeAccessException("Native access is not available: " + ex, ex);
		}
		catch (LinkageError ex) {
			return new NativeAccessException(describeJnaFailure(ex, directory, environment), ex);
		}
	}

	static String describeJnaFailure(LinkageError ex, @Nullable String directory, Map<String, String> environment) {
		String location = (directory != null) ? directory : jnaDefaultDirectory();
		String message = String.valueOf(ex.getMessage());
		StringBuilder description = new StringBuilder("Native access is not available: JNA could not load the "
				+ "native library it extracts to " + location + " (" + message + ")");
		if (message.contains("failed to map segment") || message.contains("Operation not permitted")
				|| message.contains("Permission denied")) {
			String name = unitName(environment);
			String runtimeDirectory = runtimeDirectory(environment);
			description.append(". That directory does not allow executable mappings (noexec, as NoExecPaths= "
					+ "or PrivateTmp= make it). Fix: run on JDK 22 or newer, where nothing is extracted; or add to ");
			description.append((name != null) ? "the unit " + name : "the service's unit");
			if (runtimeDirectory != null) {
				description
					.append(" 'ExecPaths=" + runtimeDirectory + "' (the starter has JNA use $RUNTIME_DIRECTORY)");
			}
			else {
				String directoryName = (name != null) ? name.replaceFirst("\\.service$", "").replaceFirst("@.*", "")
						: "myservice";
				description.append(" 'RuntimeDirectory=" + directoryName + "' and 'ExecPaths=/run/" + directoryName
						+ "' (the starter has JNA use $RUNTIME_DIRECTORY)");
			}
			description.append("; or set -Djna.tmpdir= to a directory that allows execution");
		}
		return description.toString();
	}

	private static String consequences(Map<String, String> environment) {
		StringBuilder consequences = new StringBuilder();
		if (environment.get("NOTIFY_SOCKET") != null) {
			consequences.append(". systemd notifications are disabled: READY=1 cannot be sent, so under "
					+ "Type=notify systemd stops this service when TimeoutStartSec= runs out");
		}
		if (environment.get("LISTEN_FDS") != null) {
			consequences.append(". The sockets systemd passed (LISTEN_FDS) cannot be used");
		}
		return consequences.toString();
	}

	/**
	 * Choose where JNA extracts its native library: leave {@code jna.tmpdir} and
	 * {@code jna.boot.library.path} alone when set, keep JNA's default when its file
	 * system allows execution, else use the first service directory that is writable and
	 * allows it.
	 * @return the directory set as {@code jna.tmpdir}, or {@code null} when unchanged
	 */
	static @Nullable String chooseJnaDirectory(Map<String, String> environment) {
		if (System.getProperty("jna.tmpdir") != null || System.getProperty("jna.boot.library.path") != null) {
			return null;
		}
		MountTable mounts = MountTable.read();
		if (mounts == null || mounts.allowsExecution(Path.of(System.getProperty("java.io.tmpdir", "/tmp")))) {
			return null;
		}
		for (String variable : SERVICE_DIRECTORIES) {
			String value = environment.get(variable);
			if (value == null || value.isEmpty()) {
				continue;
			}
			Path directory = Path.of(value.split(":")[0]);
			if (directory.isAbsolute() && Files.isDirectory(directory) && Files.isWritable(directory)
					&& mounts.allowsExecution(directory)) {
				System.setProperty("jna.tmpdir", directory.toString());
				logger.debug("The temporary directory does not allow execution; JNA extracts its library to $"
						+ variable + " (" + directory + ")");
				return directory.toString();
			}
		}
		return null;
	}

	private static String jnaDefaultDirectory() {
		String tmpdir = System.getProperty("jna.tmpdir");
		return (tmpdir != null) ? tmpdir : Path.of(System.getProperty("java.io.tmpdir", "/tmp")).toString();
	}

	private static @Nullable String runtimeDirectory(Map<String, String> environment) {
		String value = environment.get("RUNTIME_DIRECTORY");
		return (value != null && !value.isEmpty()) ? value.split(":")[0] : null;
	}

	private static @Nullable String unitName(Map<String, String> environment) {
		if (environment.get("INVOCATION_ID") == null) {
			return null;
		}
		try {
			for (String line : Files.readAllLines(Path.of("/proc/self/cgroup"))) {
				String name = line.substring(line.lastIndexOf('/') + 1);
				if (name.endsWith(".service")) {
					return name;
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// Unknown
		}
		return null;
	}

	/**
	 * The mount points of {@code /proc/self/mountinfo} and whether each is
	 * {@code noexec}.
	 */
	static final class MountTable {

		private final List<String[]> mounts;

		MountTable(List<String> mountinfo) {
			this.mounts = mountinfo.stream()
				.map((line) -> line.split(" "))
				.filter((fields) -> fields.length > 5)
				.toList();
		}

		static @Nullable MountTable read() {
			try {
				return new MountTable(Files.readAllLines(Path.of("/proc/self/mountinfo")));
			}
			catch (IOException | RuntimeException ex) {
				return null;
			}
		}

		/**
		 * Return whether files under the path may be mapped executable: whether the last
		 * mount over the longest mount point that contains it lacks {@code noexec}.
		 */
		boolean allowsExecution(Path path) {
			Path real;
			try {
				real = path.toRealPath();
			}
			catch (IOException ex) {
				real = path.toAbsolutePath().normalize();
			}
			String best = null;
			boolean noexec = false;
			for (String[] fields : this.mounts) {
				String mountPoint = unescape(fields[4]);
				if (contains(mountPoint, real.toString()) && (best == null || mountPoint.length() >= best.length())) {
					best = mountPoint;
					noexec = List.of(fields[5].split(",")).contains("noexec");
				}
			}
			return !noexec;
		}

		private static boolean contains(String mountPoint, String path) {
			return mountPoint.equals("/") || path.equals(mountPoint) || path.startsWith(mountPoint + "/");
		}

		private static String unescape(String field) {
			return field.replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n").replace("\\134", "\\");
		}

	}

}
