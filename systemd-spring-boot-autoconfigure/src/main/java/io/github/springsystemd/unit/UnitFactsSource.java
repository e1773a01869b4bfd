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
package io.github.springsystemd.unit;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Reads facts about the unit of a process from the service manager.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface UnitFactsSource {

	/**
	 * Start reading the facts about the unit of a process. Must return at once and never
	 * throw; the read must end within a bounded time.
	 * @param pid the process
	 * @return the facts once read, or empty when the service manager could not be asked;
	 * never completed exceptionally
	 */
	CompletableFuture<Optional<UnitFacts>> read(long pid);

}
