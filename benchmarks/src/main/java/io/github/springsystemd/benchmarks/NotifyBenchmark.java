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
package io.github.springsystemd.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import com.sun.jna.Native;
import info.faljse.SDNotify.SDNotify;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import io.github.springsystemd.libc.Libc;
import io.github.springsystemd.libc.LibcException;
import io.github.springsystemd.libc.NativeAccessException;
import io.github.springsystemd.libc.NativeLibc;
import io.github.springsystemd.notify.SystemdNotifier;
import io.github.springsystemd.protocol.Notification;

/**
 * Time to send one {@code WATCHDOG=1} datagram to {@code NOTIFY_SOCKET}: the starter's
 * {@link SystemdNotifier}, SDNotify, and libsystemd's {@code sd_notify} through JNA. All
 * three read the same {@code NOTIFY_SOCKET}, which {@code run.sh} exports and binds to a
 * receiver that drains it. The starter and SDNotify keep one connected socket;
 * {@code sd_notify} opens, uses and closes a socket per datagram. The starter never waits
 * on a full receiver queue (it fails with {@code EAGAIN}); to measure delivered datagrams
 * like the blocking others, its benchmark yields and sends again until the datagram is
 * delivered.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class NotifyBenchmark {

	private static final byte[] WATCHDOG = "WATCHDOG=1".getBytes(StandardCharsets.US_ASCII);

	private SystemdNotifier notifier;

	private Libc libc;

	private int fd;

	@Setup(Level.Trial)
	public void setUp() {
		String notifySocket = System.getenv("NOTIFY_SOCKET");
		if (notifySocket == null) {
			throw new IllegalStateException("NOTIFY_SOCKET is not set; run the benchmarks with benchmarks/run.sh");
		}
		this.notifier = SystemdNotifier.create(notifySocket);
		if (!this.notifier.isActive() || !this.notifier.notify(Notification.watchdog())) {
			throw new IllegalStateException("Could not send to NOTIFY_SOCKET '" + notifySocket + "'");
		}
		try {
			this.libc = NativeLibc.get();
			this.fd = this.libc.socket(Libc.AF_UNIX, Libc.SOCK_DGRAM | Libc.SOCK_CLOEXEC, 0);
			this.libc.connect(this.fd, notifySocket.getBytes(StandardCharsets.UTF_8));
		}
		catch (NativeAccessException | LibcException ex) {
			throw new IllegalStateException("Could not connect to NOTIFY_SOCKET '" + notifySocket + "'", ex);
		}
		if (!SDNotify.isAvailable()) {
			throw new IllegalStateException("SDNotify cannot reach NOTIFY_SOCKET '" + notifySocket + "'");
		}
		if (LibSystemd.sd_notify(0, "WATCHDOG=1") <= 0) {
			throw new IllegalStateException("sd_notify could not send to NOTIFY_SOCKET '" + notifySocket + "'");
		}
	}

	/**
	 * Print how many of the starter's sends found the receiver's queue full
	 * ({@code EAGAIN}), for {@code run.sh} to report.
	 */
	@TearDown(Level.Trial)
	public void tearDown() {
		System.out.println("starter sends: delivered=" + this.notifier.getSentCount() + " failed="
				+ this.notifier.getFailureCounts());
	}

	@Benchmark
	public boolean starter() {
		Notification watchdog = Notification.watchdog();
		while (!this.notifier.notify(watchdog)) {
			Thread.yield();
		}
		return true;
	}

	/**
	 * The floor under {@link #starter()}: the starter's own native call ({@code send(2)}
	 * through JNA on JDK 17 to 21, {@code java.lang.foreign} on 22 and newer) on a
	 * connected socket, with nothing of the notifier around it.
	 * @return whether the datagram was sent
	 * @throws LibcException never, but for a failure other than a full queue
	 */
	@Benchmark
	public boolean nativeSend() throws LibcException {
		while (true) {
			try {
				return this.libc.send(this.fd, WATCHDOG, Libc.MSG_DONTWAIT | Libc.MSG_NOSIGNAL) == WATCHDOG.length;
			}
			catch (LibcException ex) {
				if (!"EAGAIN".equals(ex.getErrnoName())) {
					throw ex;
				}
				Thread.yield();
			}
		}
	}

	@Benchmark
	public void sdnotify() {
		SDNotify.sendWatchdog();
	}

	@Benchmark
	public int libsystemd() {
		return LibSystemd.sd_notify(0, "WATCHDOG=1");
	}

	static final class LibSystemd {

		static {
			Native.register(LibSystemd.class, "systemd");
		}

		private LibSystemd() {
		}

		static native int sd_notify(int unsetEnvironment, String state);

	}

}
