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
package io.github.springsystemd.logging;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import io.github.springsystemd.libc.Libc;
import io.github.springsystemd.libc.LibcException;
import io.github.springsystemd.libc.NativeLibc;
import io.github.springsystemd.protocol.JournalEntry;
import io.github.springsystemd.test.JournalSocketReceiver;
import io.github.springsystemd.test.JournalSocketReceiver.Datagram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link JournalSocket} against a real AF_UNIX datagram socket: the wire format
 * of journald's native protocol, and large entries as a sealed memfd.
 */
@EnabledOnOs(OS.LINUX)
class JournalSocketTests {

	@TempDir
	Path temp;

	@Test
	void sendsFieldsAsOneDatagramWithValuesThatHaveNewlinesLengthPrefixed() throws Exception {
		Path path = this.temp.resolve("journal");
		try (JournalSocketReceiver receiver = JournalSocketReceiver.bind(path);
				JournalSocket socket = new JournalSocket(NativeLibc.get(), path.toString())) {
			socket.send(new JournalEntry(64).add("PRIORITY", "4")
				.add("MESSAGE", "first\nsecond\0third")
				.add("LOGGER_NAME", "com.example.Orders")
				.toByteArray());
			Datagram datagram = receiver.receive();
			assertThat(datagram.descriptors()).isEmpty();
			byte[] value = "first\nsecond\0third".getBytes(StandardCharsets.UTF_8);
			ByteArrayOutputStream expected = new ByteArrayOutputStream();
			expected.writeBytes("PRIORITY=4\nMESSAGE\n".getBytes(StandardCharsets.US_ASCII));
			expected.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value.length).array());
			expected.writeBytes(value);
			expected.writeBytes("\nLOGGER_NAME=com.example.Orders\n".getBytes(StandardCharsets.US_ASCII));
			assertThat(datagram.bytes()).isEqualTo(expected.toByteArray());
		}
	}

	@Test
	void sendsAnEntryTooLargeForADatagramAsASealedMemfd() throws Exception {
		Path path = this.temp.resolve("journal");
		String message = "x".repeat(1024 * 1024);
		byte[] entry = new JournalEntry(message.length() + 64).add("PRIORITY", "6")
			.add("MESSAGE", message)
			.toByteArray();
		try (JournalSocketReceiver receiver = JournalSocketReceiver.bind(path);
				JournalSocket socket = new JournalSocket(NativeLibc.get(), path.toString())) {
			socket.send(entry);
			Datagram datagram = receiver.receive();
			assertThat(datagram.bytes()).isEmpty();
			assertThat(datagram.descriptors()).hasSize(1);
			int memfd = datagram.descriptors().get(0);
			assertThat(Datagram.seals(memfd))
				.isEqualTo(Libc.F_SEAL_SEAL | Libc.F_SEAL_SHRINK | Libc.F_SEAL_GROW | Libc.F_SEAL_WRITE);
			assertThat(JournalSocketReceiver.Datagram.readAndClose(memfd)).isEqualTo(entry);
		}
	}

	@Test
	void sendsAgainOnceTheJournalIsBackAfterARestart() throws Exception {
		Path path = this.temp.resolve("journal");
		try (JournalSocket socket = new JournalSocket(NativeLibc.get(), path.toString())) {
			try (JournalSocketReceiver receiver = JournalSocketReceiver.bind(path)) {
				socket.send(new JournalEntry(16).add("MESSAGE", "one").toByteArray());
				assertThat(receiver.receive().bytes()).asString().isEqualTo("MESSAGE=one\n");
			}
			try (JournalSocketReceiver receiver = JournalSocketReceiver.bind(path)) {
				socket.send(new JournalEntry(16).add("MESSAGE", "two").toByteArray());
				assertThat(receiver.receive().bytes()).asString().isEqualTo("MESSAGE=two\n");
			}
		}
	}

	@Test
	void failsWithoutWaitingWhenNoJournalListens() throws Exception {
		try (JournalSocket socket = new JournalSocket(NativeLibc.get(), this.temp.resolve("none").toString())) {
			assertThatExceptionOfType(LibcException.class)
				.isThrownBy(() -> socket.send(new JournalEntry(16).add("MESSAGE", "lost").toByteArray()))
				.satisfies((ex) -> assertThat(ex.getErrnoName()).isEqualTo("ENOENT"));
		}
	}

	@Test
	@Timeout(value = 10, threadMode = ThreadMode.SEPARATE_THREAD)
	void failsWithEagainInsteadOfWaitingWhenTheJournalIsFull() throws Exception {
		Path path = this.temp.resolve("journal");
		byte[] entry = new JournalEntry(16).add("MESSAGE", "x".repeat(4096)).toByteArray();
		try (JournalSocketReceiver receiver = JournalSocketReceiver.bind(path);
				JournalSocket socket = new JournalSocket(NativeLibc.get(), path.toString())) {
			assertThatExceptionOfType(LibcException.class).isThrownBy(() -> {
				for (int i = 0; i < 1_000_000; i++) {
					socket.send(entry);
				}
			}).satisfies((ex) -> assertThat(ex.getErrnoName()).isEqualTo("EAGAIN"));
		}
	}

}
