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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * Finds the sockets of this process on a TCP port, the listening one and the connections
 * it has accepted, from {@code /proc/net/tcp}, {@code /proc/net/tcp6} and
 * {@code /proc/self/fd}, without reaching into the JDK's or the web server's internals.
 *
 * @since 0.1.0
 */
final class TcpSocketTable {

	private static final String LISTEN = "0A";

	private static final String[] TABLES = { "/proc/net/tcp", "/proc/net/tcp6" };

	private TcpSocketTable() {
	}

	/**
	 * Return the file descriptor of this process that listens on a TCP port.
	 * @param port the port
	 * @return the file descriptor, or empty when none is found
	 */
	static OptionalInt findDescriptor(int port) {
		try {
			Set<String> inodes = inodes(port, true);
			if (inodes.isEmpty()) {
				return OptionalInt.empty();
			}
			try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
				return fds.filter((fd) -> inodes.contains(socketInode(fd)))
					.mapToInt((fd) -> Integer.parseInt(fd.getFileName().toString()))
					.min();
			}
		}
		catch (IOException | RuntimeException ex) {
			return OptionalInt.empty();
		}
	}

	/**
	 * Return how many connections to a TCP port this process holds open: accepted and not
	 * yet closed by the web server.
	 * @param port the port
	 * @return the number of connections, or {@code 0} when they cannot be read
	 */
	static int countConnections(int port) {
		try {
			Set<String> inodes = inodes(port, false);
			if (inodes.isEmpty()) {
				return 0;
			}
			try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
				return (int) fds.filter((fd) -> inodes.contains(socketInode(fd))).count();
			}
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
	}

	private static Set<String> inodes(int port, boolean listening) throws IOException {
		Set<String> inodes = new HashSet<>();
		for (String table : TABLES) {
			Path path = Path.of(table);
			if (Files.isReadable(path)) {
				String contents = Files.readString(path);
				inodes.addAll(listening ? listeningInodes(contents, port) : connectionInodes(contents, port));
			}
		}
		return inodes;
	}

	/**
	 * Return the inodes of the sockets that listen on a port, from the contents of a
	 * {@code /proc/net/tcp} or {@code /proc/net/tcp6} table.
	 * @param table the table
	 * @param port the port
	 * @return the inodes
	 */
	static Set<String> listeningInodes(String table, int port) {
		String hexPort = String.format(Locale.ROOT, "%04X", port);
		Set<String> inodes = new HashSet<>();
		for (String line : table.split("\n")) {
			String[] fields = line.trim().split("\\s+");
			if (fields.length > 9 && fields[1].endsWith(":" + hexPort) && LISTEN.equals(fields[3])) {
				inodes.add(fields[9]);
			}
		}
		return inodes;
	}

	/**
	 * Return the inodes of the connections accepted on a port, from the contents of a
	 * {@code /proc/net/tcp} or {@code /proc/net/tcp6} table: every socket on that local
	 * port that does not listen and still has an owner.
	 * @param table the table
	 * @param port the port
	 * @return the inodes
	 */
	static Set<String> connectionInodes(String table, int port) {
		String hexPort = ":" + String.format(Locale.ROOT, "%04X", port) + " ";
		Set<String> inodes = new HashSet<>();
		for (String line : table.split("\n")) {
			// most lines are other ports' (and connections closed in the last minute):
			// skip
			// them without splitting
			if (!line.contains(hexPort)) {
				continue;
			}
			String[] fields = line.trim().split("\\s+");
			if (fields.length > 9 && (fields[1] + " ").endsWith(hexPort) && !LISTEN.equals(fields[3])
					&& !"0".equals(fields[9])) {
				inodes.add(fields[9]);
			}
		}
		return inodes;
	}

	/**
	 * Return whether standard input is a socket, as it is with inetd-style activation
	 * ({@code StandardInput=socket}). Reads {@code /proc/self/fd/0}; no native code.
	 * @return whether standard input is a socket
	 */
	static boolean isStandardInputSocket() {
		String input = describeDescriptor(0);
		return input != null && input.startsWith("socket:");
	}

	/**
	 * Return what a file descriptor of this process refers to, as {@code /proc/self/fd}
	 * shows it: {@code socket:[INODE]} for a socket.
	 * @param fd the file descriptor
	 * @return what it refers to, or {@code null} when it is not open or cannot be read
	 */
	static @Nullable String describeDescriptor(int fd) {
		try {
			return Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

	private static String socketInode(Path fd) {
		try {
			String target = Files.readSymbolicLink(fd).toString();
			return target.startsWith("socket:[") ? target.substring(8, target.length() - 1) : "";
		}
		catch (IOException ex) {
			return "";
		}
	}

}
