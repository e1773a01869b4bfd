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
package io.github.springsystemd.lifecycle;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Tells whether a startup or a shutdown makes progress, from one sample to the next. It
 * does when steps were recorded since the previous sample (beans created, startup
 * events), or when the stack of the thread doing the work changed. A thread that waits,
 * sleeps or is blocked at one place shows the same stack at every sample and so makes no
 * progress; a thread that runs one statement or bean after another does.
 */
final class ProgressProbe {

	private final Thread worker;

	private final AtomicLong steps = new AtomicLong();

	private long sampledSteps = -1;

	private StackTraceElement @Nullable [] sampledStack;

	/**
	 * Create a probe that watches the given thread.
	 * @param worker the thread that does the work, such as the thread that runs
	 * {@code SpringApplication.run}
	 */
	ProgressProbe(Thread worker) {
		this.worker = worker;
	}

	/**
	 * Record a step, such as a bean created.
	 */
	void step() {
		this.steps.incrementAndGet();
	}

	/**
	 * Take a sample and return whether there was progress since the previous one. The
	 * first sample always counts as progress. Called by one thread at a time.
	 * @return whether there was progress
	 */
	boolean sample() {
		long steps = this.steps.get();
		StackTraceElement[] stack = this.worker.getStackTrace();
		boolean progressed = steps != this.sampledSteps || !Arrays.equals(stack, this.sampledStack);
		this.sampledSteps = steps;
		this.sampledStack = stack;
		return progressed;
	}

	/**
	 * Return the thread that does the work.
	 * @return the thread
	 */
	Thread getWorker() {
		return this.worker;
	}

	/**
	 * Return a {@link BeanPostProcessor} that records a step for every bean initialized.
	 * @return the post-processor
	 */
	BeanPostProcessor beanCreationCounter() {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				step();
				return bean;
			}

		};
	}

}
