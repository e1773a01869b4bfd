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

/**
 * Finds the file descriptor of this process that listens on a TCP port, from
 * {@code /proc/net/tcp}, {@code /proc/net/tcp6} and {@code /proc/self/fd}, without
 * reaching into the JDK's or the web server's internals.
 *
 * @since 0.1.0
 */
public final class ListeningSockets {

	private static final String LISTEN = "0A";

	private ListeningSockets() {
	}

	/**
	 * Return the file descriptor of this process that listens on a TCP port.
	 * @param port the port
	 * @return the file descriptor, or empty when none is found
	 */
	public static OptionalInt findDescriptor(int port) {
		try {
			Set<String> inodes = new HashSet<>();
			for (String table : new String[] { "/proc/net/tcp", "/proc/net/tcp6" }) {
				Path path = Path.of(table);
				if (Files.isReadable(path)) {
					inodes.addAll(listeningInodes(Files.readString(path), port));
				}
			}
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
