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
package io.github.springsystemd.memory;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;

import io.github.springsystemd.libc.Libc;
import io.github.springsystemd.libc.LibcException;
import io.github.springsystemd.libc.NativeAccessException;
import io.github.springsystemd.libc.NativeLibc;
import io.github.springsystemd.support.DurationText;

/**
 * Watches the memory pressure systemd names in {@code $MEMORY_PRESSURE_WATCH} on a daemon
 * thread of its own, {@code systemd-memory-pressure}, from the start of the application
 * context until it closes, and publishes a {@link MemoryPressureEvent} for each pressure
 * event.
 * <p>
 * An <em>episode</em> of memory pressure starts with an event when none is ongoing and
 * ends once no event has come for the quiet period
 * ({@code systemd.memory-pressure.quiet-period}, 10 s by default; the kernel signals at
 * most once per window, 2 s by default, while the pressure lasts). Each episode is logged
 * twice: at WARN when it starts, with the PSI file's figures, and at INFO when it ends,
 * with the number of events. Optionally, every event clears every cache of the
 * application's {@link CacheManager} beans.
 * <p>
 * The thread waits in {@code poll(2)} for at most half a second at a time, so it ends
 * within that once the context closes. Nothing it does can block or fail the application:
 * an error ends the watch with one WARN line naming the file and the error, and a
 * listener that throws is logged at WARN.
 *
 * @since 0.1.0
 */
public class MemoryPressureWatcher implements SmartLifecycle {

	/**
	 * Shortest {@code systemd.memory-pressure.quiet-period}: 1 second.
	 */
	public static final Duration MIN_QUIET_PERIOD = Duration.ofSeconds(1);

	private static final Log logger = LogFactory.getLog(MemoryPressureWatcher.class);

	private static final int POLL_MILLIS = 500;

	private final MemoryPressureWatch watch;

	private final Callable<Libc> libc;

	private final ApplicationEventPublisher publisher;

	private final Duration quietPeriod;

	private final Supplier<List<CacheManager>> cacheManagers;

	private final AtomicLong events = new AtomicLong();

	private final AtomicLong episodes = new AtomicLong();

	private final AtomicLong cachesCleared = new AtomicLong();

	private volatile boolean running;

	private volatile boolean underPressure;

	private volatile @Nullable Thread thread;

	/**
	 * Create a new {@link MemoryPressureWatcher}.
	 * @param watch what to watch
	 * @param publisher the publisher of {@link MemoryPressureEvent}s
	 * @param quietPeriod the time without an event after which an episode ends, at least
	 * {@link #MIN_QUIET_PERIOD}
	 * @param cacheManagers the cache managers whose caches each event clears; an empty
	 * list clears none
	 */
	public MemoryPressureWatcher(MemoryPressureWatch watch, ApplicationEventPublisher publisher, Duration quietPeriod,
			Supplier<List<CacheManager>> cacheManagers) {
		this(watch, NativeLibc::get, publisher, quietPeriod, cacheManagers);
	}

	/**
	 * Create a new {@link MemoryPressureWatcher} with the given libc.
	 * @param watch what to watch
	 * @param libc libc, asked for on the watcher's thread; may throw, such as
	 * {@link NativeAccessException}
	 * @param publisher the publisher of {@link MemoryPressureEvent}s
	 * @param quietPeriod the time without an event after which an episode ends, at least
	 * {@link #MIN_QUIET_PERIOD}
	 * @param cacheManagers the cache managers whose caches each event clears; an empty
	 * list clears none
	 */
	MemoryPressureWatcher(MemoryPressureWatch watch, Callable<Libc> libc, ApplicationEventPublisher publisher,
			Duration quietPeriod, Supplier<List<CacheManager>> cacheManagers) {
		this.watch = watch;
		this.libc = libc;
		this.publisher = publisher;
		this.quietPeriod = (quietPeriod.compareTo(MIN_QUIET_PERIOD) < 0) ? MIN_QUIET_PERIOD : quietPeriod;
		this.cacheManagers = cacheManagers;
	}

	@Override
	public void start() {
		if (this.running) {
			return;
		}
		this.running = true;
		Thread thread = new Thread(this::watch, "systemd-memory-pressure");
		thread.setDaemon(true);
		this.thread = thread;
		thread.start();
	}

	@Override
	public void stop() {
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Return the watched file, FIFO or socket.
	 * @return the watch
	 */
	public MemoryPressureWatch getWatch() {
		return this.watch;
	}

	/**
	 * Return how many memory pressure events were seen.
	 * @return the count
	 */
	public long getEvents() {
		return this.events.get();
	}

	/**
	 * Return how many episodes of memory pressure started.
	 * @return the count
	 */
	public long getEpisodes() {
		return this.episodes.get();
	}

	/**
	 * Return how many caches were cleared because of memory pressure.
	 * @return the count
	 */
	public long getCachesCleared() {
		return this.cachesCleared.get();
	}

	/**
	 * Return whether an episode of memory pressure is ongoing.
	 * @return whether the application is under memory pressure
	 */
	public boolean isUnderPressure() {
		return this.underPressure;
	}

	/**
	 * Return whether the watcher's thread is alive.
	 * @return whether it watches
	 */
	boolean isWatching() {
		Thread thread = this.thread;
		return thread != null && thread.isAlive();
	}

	private void watch() {
		MemoryPressureSource source;
		try {
			source = MemoryPressureSource.open(this.libc.call(), this.watch);
		}
		catch (Exception ex) {
			logger.warn("Cannot watch memory pressure: " + MemoryPressureWatch.WATCH_VARIABLE + " '" + this.watch
					+ "': " + describe(ex) + "; memory pressure is not watched");
			this.running = false;
			return;
		}
		logger.debug("Watching memory pressure: '" + this.watch + "' (" + source.getKind() + ")"
				+ (this.watch.getWrite().length > 0 ? ", trigger " + this.watch.describeWrite() : ""));
		try (source) {
			loop(source);
		}
		catch (IOException | LibcException | RuntimeException ex) {
			logger.warn("Stopped watching memory pressure: " + MemoryPressureWatch.WATCH_VARIABLE + " '" + this.watch
					+ "': " + ex.getMessage());
		}
		finally {
			this.running = false;
			this.underPressure = false;
		}
	}

	private void loop(MemoryPressureSource source) throws IOException, LibcException {
		long inEpisode = 0;
		long episodeStart = 0;
		long lastEvent = 0;
		long quietNanos = this.quietPeriod.toNanos();
		while (this.running) {
			boolean pressure = source.await(POLL_MILLIS);
			if (!this.running) {
				return;
			}
			long now = System.nanoTime();
			if (pressure) {
				this.events.incrementAndGet();
				if (inEpisode == 0) {
					episodeStart = now;
					this.episodes.incrementAndGet();
					this.underPressure = true;
				}
				inEpisode++;
				lastEvent = now;
				onPressure(inEpisode);
			}
			else if (inEpisode > 0 && now - lastEvent >= quietNanos) {
				logger.info("Memory pressure over after " + DurationText.of(Duration.ofNanos(lastEvent - episodeStart))
						+ ": " + inEpisode + ((inEpisode != 1) ? " events" : " event") + ", none in the last "
						+ DurationText.of(this.quietPeriod) + stallSuffix(stall()));
				inEpisode = 0;
				this.underPressure = false;
			}
		}
	}

	private void onPressure(long eventInEpisode) {
		PressureStallInformation stall = stall();
		int cleared = clearCaches();
		if (eventInEpisode == 1) {
			logger.warn("Memory pressure: systemd's watch '" + this.watch + "' signalled"
					+ (this.watch.getWrite().length > 0 ? " (trigger " + this.watch.describeWrite() + ")" : "")
					+ stallSuffix(stall) + ((cleared > 0) ? "; cleared " + cleared + " caches" : ""));
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Memory pressure event " + eventInEpisode + " of this episode" + stallSuffix(stall)
					+ ((cleared > 0) ? "; cleared " + cleared + " caches" : ""));
		}
		try {
			this.publisher.publishEvent(new MemoryPressureEvent(this, this.watch.getPath(), eventInEpisode, stall));
		}
		catch (RuntimeException ex) {
			logger.warn("A listener of MemoryPressureEvent failed: " + ex, ex);
		}
	}

	private int clearCaches() {
		int cleared = 0;
		for (CacheManager cacheManager : this.cacheManagers.get()) {
			for (String name : new ArrayList<>(cacheManager.getCacheNames())) {
				try {
					Cache cache = cacheManager.getCache(name);
					if (cache != null) {
						cache.clear();
						cleared++;
					}
				}
				catch (RuntimeException ex) {
					logger.warn("Could not clear cache '" + name + "' on memory pressure: " + ex, ex);
				}
			}
		}
		this.cachesCleared.addAndGet(cleared);
		return cleared;
	}

	/**
	 * Read the watched PSI file.
	 * @return its content, or {@code null} when the watch is not a regular file or cannot
	 * be read
	 */
	@Nullable PressureStallInformation stall() {
		try {
			if (Files.isRegularFile(this.watch.getPath())) {
				return PressureStallInformation.read(this.watch.getPath());
			}
		}
		catch (IOException | IllegalArgumentException ex) {
			logger.debug("Cannot read '" + this.watch + "': " + ex.getMessage());
		}
		return null;
	}

	private static String describe(Exception ex) {
		if (ex instanceof NoSuchFileException) {
			return "no such file";
		}
		if (ex instanceof AccessDeniedException) {
			return "permission denied";
		}
		return Objects.requireNonNullElse(ex.getMessage(), ex.getClass().getSimpleName());
	}

	private static String stallSuffix(@Nullable PressureStallInformation stall) {
		return (stall != null) ? "; " + stall : "";
	}

}
