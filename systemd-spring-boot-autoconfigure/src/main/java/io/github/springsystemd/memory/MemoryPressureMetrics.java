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

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * {@link MeterBinder} for memory pressure:
 * <ul>
 * <li>{@code systemd.memory.pressure.events}: memory pressure events;</li>
 * <li>{@code systemd.memory.pressure.active}: 1 during an episode of memory pressure, 0
 * otherwise;</li>
 * <li>{@code systemd.memory.pressure.stall}: total time in which some of the unit's tasks
 * stalled on memory (the PSI file's {@code some total=}), in seconds, when the watch is a
 * PSI file.</li>
 * </ul>
 *
 * @since 0.1.0
 */
public class MemoryPressureMetrics implements MeterBinder {

	private final MemoryPressureWatcher watcher;

	/**
	 * Create a new {@link MemoryPressureMetrics}.
	 * @param watcher the watcher
	 */
	public MemoryPressureMetrics(MemoryPressureWatcher watcher) {
		this.watcher = watcher;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		FunctionCounter.builder("systemd.memory.pressure.events", this.watcher, MemoryPressureWatcher::getEvents)
			.description("Memory pressure events signalled by the watch systemd set up (MemoryPressureWatch=)")
			.register(registry);
		Gauge.builder("systemd.memory.pressure.active", this.watcher, (watcher) -> watcher.isUnderPressure() ? 1 : 0)
			.description("Whether an episode of memory pressure is ongoing (1) or not (0)")
			.register(registry);
		if (this.watcher.stall() != null) {
			FunctionCounter.builder("systemd.memory.pressure.stall", this.watcher, MemoryPressureMetrics::stallSeconds)
				.baseUnit("seconds")
				.description("Time in which some of the unit's tasks stalled on memory (PSI 'some total=')")
				.register(registry);
		}
	}

	private static double stallSeconds(MemoryPressureWatcher watcher) {
		PressureStallInformation stall = watcher.stall();
		return (stall != null) ? stall.some().totalMicros() / (double) TimeUnit.SECONDS.toMicros(1) : Double.NaN;
	}

}
