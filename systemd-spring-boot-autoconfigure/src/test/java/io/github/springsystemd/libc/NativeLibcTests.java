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
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import io.github.springsystemd.libc.NativeLibc.MountTable;
import io.github.springsystemd.test.NotifySocketReceiver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link NativeLibc}: which implementation each JDK gets, and what is said when
 * there is none.
 */
@EnabledOnOs(OS.LINUX)
class NativeLibcTests {

	private static final boolean FOREIGN = Runtime.version().feature() >= 22;

	@TempDir
	Path temp;

	@Test
	void jdk22AndNewerUseForeignFunctionsOlderJdksUseJna() throws Exception {
		assertThat(NativeLibc.get().implementation()).isEqualTo(FOREIGN ? "java.lang.foreign" : "JNA");
	}

	@Test
	void freshJvmLoadsJnaOnlyBeforeJdk22() throws Exception {
		List<String> output = probe(List.of("-verbose:class"), Map.of());
		assertThat(output).contains("implementation=" + (FOREIGN ? "java.lang.foreign" : "JNA"));
		if (FOREIGN) {
			assertThat(output).noneMatch((line) -> line.contains("com.sun.jna"));
		}
		else {
			assertThat(output).anyMatch((line) -> line.contains("com.sun.jna.Native "));
		}
		assertThat(output).noneMatch((line) -> line.contains("WARNING"));
	}

	@Test
	@EnabledForJreRange(max = JRE.JAVA_21)
	void jnaWithoutItsNativeLibraryLogsOneErrorWithCauseAndConsequence() throws Exception {
		try (NotifySocketReceiver receiver = NotifySocketReceiver.bind(this.temp.resolve("notify"))) {
			List<String> output = probe(List.of("-Djna.nounpack=true", "-Djna.noclasspath=true"),
					Map.of("NOTIFY_SOCKET", receiver.getNotifySocket()));
			List<String> errors = output.stream().filter((line) -> line.contains("ERROR")).toList();
			assertThat(errors).hasSize(1);
			assertThat(errors.get(0)).contains("Native access is not available: JNA could not load the native library")
				.contains("READY=1 cannot be sent");
			assertThat(output).contains("unavailable", "sent=false").doesNotContain("sent=true");
			assertThat(output).noneMatch((line) -> line.contains("WARN") && !line.contains("ERROR"));
		}
	}

	@Test
	void noexecMapFailureNamesTheUnitLinesToAdd() {
		String message = NativeLibc.describeJnaFailure(
				new UnsatisfiedLinkError("/tmp/jna-1/jna1.tmp: failed to map segment from shared object"), null,
				Map.of("RUNTIME_DIRECTORY", "/run/web-sample"));
		assertThat(message).contains("/tmp/jna-1/jna1.tmp: failed to map segment from shared object")
			.contains("does not allow executable mappings")
			.contains("run on JDK 22 or newer")
			.contains("'ExecPaths=/run/web-sample'")
			.contains("-Djna.tmpdir=");
		assertThat(NativeLibc.describeJnaFailure(new UnsatisfiedLinkError("failed to map segment from shared object"),
				null, Map.of()))
			.contains("'RuntimeDirectory=myservice' and 'ExecPaths=/run/myservice'");
	}

	@Test
	void mountTableFindsNoexecOfTheLongestMountPoint() {
		MountTable mounts = new MountTable(List.of("23 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw",
				"24 23 0:20 / /tmp rw,nosuid,nodev,noexec shared:2 - tmpfs tmpfs rw",
				"25 23 0:21 / /run rw,nosuid,nodev shared:3 - tmpfs tmpfs rw",
				"26 25 0:21 /web /run/web-sample rw,nosuid,nodev,noexec shared:3 - tmpfs tmpfs rw",
				"27 25 0:21 /web /run/web-sample rw,nosuid,nodev shared:3 - tmpfs tmpfs rw",
				"28 23 0:22 / /var/tmp\\040x rw,noexec - tmpfs tmpfs rw"));
		assertThat(mounts.allowsExecution(Path.of("/tmp"))).isFalse();
		assertThat(mounts.allowsExecution(Path.of("/tmp/jna-1"))).isFalse();
		assertThat(mounts.allowsExecution(Path.of("/tmpx"))).isTrue();
		assertThat(mounts.allowsExecution(Path.of("/run/web-sample"))).isTrue();
		assertThat(mounts.allowsExecution(Path.of("/run/other"))).isTrue();
		assertThat(mounts.allowsExecution(Path.of("/var/tmp x/a"))).isFalse();
		assertThat(mounts.allowsExecution(Path.of("/opt"))).isTrue();
	}

	@Test
	void jnaDirectoryIsLeftAloneWhenTheTemporaryDirectoryAllowsExecution() {
		assertThat(MountTable.read().allowsExecution(Path.of(System.getProperty("java.io.tmpdir"))))
			.as("this test needs an exec temporary directory")
			.isTrue();
		assertThat(NativeLibc.chooseJnaDirectory(Map.of("RUNTIME_DIRECTORY", this.temp.toString()))).isNull();
	}

	private List<String> probe(List<String> options, Map<String, String> environment)
			throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("--enable-native-access=ALL-UNNAMED");
		command.addAll(options);
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(NativeLibcProbe.class.getName());
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().remove("NOTIFY_SOCKET");
		builder.environment().remove("LISTEN_FDS");
		builder.environment().putAll(environment);
		Process process = builder.start();
		byte[] output = process.getInputStream().readAllBytes();
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		return new String(output, StandardCharsets.UTF_8).lines().toList();
	}

}
