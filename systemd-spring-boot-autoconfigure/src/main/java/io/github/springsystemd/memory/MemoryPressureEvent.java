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

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEvent;

/**
 * Published when the memory pressure systemd watches for the unit
 * ({@code MemoryPressureWatch=}) signals pressure: the kernel found the unit's tasks
 * stalled on memory beyond the threshold systemd set, within its window. The kernel
 * signals at most once per window while the pressure lasts. Listeners run on the
 * {@code systemd-memory-pressure} thread; release what can be recovered cheaply, as
 * {@code sd_event_add_memory_pressure(3)} recommends.
 *
 * @since 0.1.0
 */
public class MemoryPressureEvent extends ApplicationEvent {

	private final Path watch;

	private final long eventInEpisode;

	private final @Nullable PressureStallInformation stall;

	/**
	 * Create a new {@link MemoryPressureEvent}.
	 * @param source the watcher that saw the pressure
	 * @param watch the file, FIFO or socket watched
	 * @param eventInEpisode the number of this event in its episode, 1 for the first
	 * @param stall the PSI file's content, or {@code null} when the watch is not a PSI
	 * file or could not be read
	 */
	public MemoryPressureEvent(Object source, Path watch, long eventInEpisode,
			@Nullable PressureStallInformation stall) {
		super(source);
		this.watch = watch;
		this.eventInEpisode = eventInEpisode;
		this.stall = stall;
	}

	/**
	 * Return the file, FIFO or socket watched.
	 * @return the path
	 */
	public Path getWatch() {
		return this.watch;
	}

	/**
	 * Return the number of this event in its episode of memory pressure: 1 for the event
	 * that starts it.
	 * @return the number, 1 or more
	 */
	public long getEventInEpisode() {
		return this.eventInEpisode;
	}

	/**
	 * Return whether this event starts an episode of memory pressure.
	 * @return whether it is the first of its episode
	 */
	public boolean isEpisodeStart() {
		return this.eventInEpisode == 1;
	}

	/**
	 * Return the PSI file's content when the event was seen.
	 * @return the content, or {@code null} when the watch is not a PSI file
	 */
	public @Nullable PressureStallInformation getStall() {
		return this.stall;
	}

}
