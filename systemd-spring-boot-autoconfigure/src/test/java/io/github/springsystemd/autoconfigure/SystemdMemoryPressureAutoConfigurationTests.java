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
package io.github.springsystemd.autoconfigure;

import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.binder.MeterBinder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cache.CacheManager;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

import io.github.springsystemd.memory.MemoryPressureEvent;
import io.github.springsystemd.memory.MemoryPressureMetrics;
import io.github.springsystemd.memory.MemoryPressureWatcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link SystemdMemoryPressureAutoConfiguration}.
 */
@ExtendWith(OutputCaptureExtension.class)
class SystemdMemoryPressureAutoConfigurationTests {

	private static final String WATCH = "MEMORY_PRESSURE_WATCH=/sys/fs/cgroup/system.slice/orders.service/memory.pressure";

	private static final String WRITE = "MEMORY_PRESSURE_WRITE=c29tZSAyMDAwMDAgMjAwMDAwMAA=";

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@TempDir
	Path directory;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SystemdMemoryPressureAutoConfiguration.class));

	@Test
	void watchesWhenSystemdAsks() {
		this.contextRunner.withPropertyValues(WATCH, WRITE, "systemd.memory-pressure.quiet-period=3s")
			.run((context) -> {
				assertThat(context).hasSingleBean(MemoryPressureWatcher.class)
					.hasSingleBean(MemoryPressureMetrics.class);
				assertThat(context.getBean(MemoryPressureWatcher.class).getWatch().describeWrite())
					.isEqualTo("some 200000 2000000 (200ms within 2s)");
			});
	}

	@Test
	void backsOffWithoutTheVariable() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(MemoryPressureWatcher.class)
			.doesNotHaveBean(MemoryPressureMetrics.class));
	}

	@Test
	void backsOffForDevNull() {
		this.contextRunner.withPropertyValues("MEMORY_PRESSURE_WATCH=/dev/null")
			.run((context) -> assertThat(context).doesNotHaveBean(MemoryPressureWatcher.class));
	}

	@Test
	void backsOffWhenTurnedOff() {
		this.contextRunner.withPropertyValues(WATCH, "systemd.memory-pressure.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(MemoryPressureWatcher.class));
		this.contextRunner.withPropertyValues(WATCH, "systemd.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(MemoryPressureWatcher.class));
	}

	@Test
	void invalidVariableIsNamedAndTheApplicationRuns(CapturedOutput output) {
		this.contextRunner.withPropertyValues("MEMORY_PRESSURE_WATCH=memory.pressure").run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(MemoryPressureWatcher.class);
			assertThat(output).contains(
					"MEMORY_PRESSURE_WATCH 'memory.pressure' is not an absolute path; memory pressure is not watched");
		});
	}

	@Test
	void quietPeriodBelowMinimumWarnsAndTheDefaultApplies(CapturedOutput output) {
		this.contextRunner.withPropertyValues(WATCH, "systemd.memory-pressure.quiet-period=100ms")
			.run((context) -> assertThat(context.getBean(SystemdProperties.class).getMemoryPressure().getQuietPeriod())
				.isEqualTo(Duration.ofSeconds(10)));
		assertThat(output).contains(
				"systemd.memory-pressure.quiet-period '100ms' (\"systemd.memory-pressure.quiet-period\" from property source \"test\") must be at "
						+ "least 1s; the default, 10s, applies");
	}

	@Test
	void noMetricsWithoutMicrometer() {
		this.contextRunner.withPropertyValues(WATCH)
			.withClassLoader(new FilteredClassLoader(MeterBinder.class))
			.run((context) -> assertThat(context).hasSingleBean(MemoryPressureWatcher.class)
				.doesNotHaveBean(MemoryPressureMetrics.class));
	}

	@Test
	@EnabledOnOs(OS.LINUX)
	void pressureClearsTheCachesWhenAsked() throws Exception {
		Path fifo = fifo();
		this.contextRunner
			.withPropertyValues("MEMORY_PRESSURE_WATCH=" + fifo, "systemd.memory-pressure.clear-caches=true")
			.withBean(CacheManager.class, SystemdMemoryPressureAutoConfigurationTests::cacheManager)
			.withBean(PressureEvents.class)
			.run((context) -> {
				signalPressure(context, fifo);
				assertThat(context.getBean(CacheManager.class).getCache("prices").get("EUR")).isNull();
				assertThat(context.getBean(MemoryPressureWatcher.class).getCachesCleared()).isEqualTo(1);
			});
	}

	@Test
	@EnabledOnOs(OS.LINUX)
	void pressureLeavesTheCachesAloneByDefault() throws Exception {
		Path fifo = fifo();
		this.contextRunner.withPropertyValues("MEMORY_PRESSURE_WATCH=" + fifo)
			.withBean(CacheManager.class, SystemdMemoryPressureAutoConfigurationTests::cacheManager)
			.withBean(PressureEvents.class)
			.run((context) -> {
				signalPressure(context, fifo);
				assertThat(context.getBean(CacheManager.class).getCache("prices").get("EUR")).isNotNull();
				assertThat(context.getBean(MemoryPressureWatcher.class).getCachesCleared()).isZero();
			});
	}

	/**
	 * Write one byte into the FIFO, as the kernel signals pressure on a PSI trigger, and
	 * wait for the {@link MemoryPressureEvent}, which the watcher publishes after it has
	 * cleared caches.
	 */
	private static void signalPressure(ConfigurableApplicationContext context, Path fifo) throws Exception {
		try (RandomAccessFile writer = new RandomAccessFile(fifo.toFile(), "rw")) {
			writer.write('x');
			await().atMost(TIMEOUT).until(() -> context.getBean(PressureEvents.class).events().size() == 1);
		}
	}

	private static CacheManager cacheManager() {
		ConcurrentMapCacheManager cacheManager = new ConcurrentMapCacheManager("prices");
		cacheManager.getCache("prices").put("EUR", "1.0");
		return cacheManager;
	}

	private Path fifo() throws Exception {
		Path fifo = this.directory.resolve("pressure.fifo");
		Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
		assertThat(mkfifo.waitFor()).isZero();
		return fifo;
	}

	static class PressureEvents implements ApplicationListener<MemoryPressureEvent> {

		private final List<MemoryPressureEvent> events = new CopyOnWriteArrayList<>();

		@Override
		public void onApplicationEvent(MemoryPressureEvent event) {
			this.events.add(event);
		}

		List<MemoryPressureEvent> events() {
			return this.events;
		}

	}

}
