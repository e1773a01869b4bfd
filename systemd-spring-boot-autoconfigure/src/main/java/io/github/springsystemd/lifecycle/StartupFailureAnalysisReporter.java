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

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Consumer;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalysisReporter;

/**
 * Hands Spring Boot's analysis of a startup failure (the text it logs under
 * {@code APPLICATION FAILED TO START}, such as
 * {@code Web server failed to start. Port 8080
 * was already in use.}) to the status line. Spring Boot reports the analysis after it has
 * published the {@code ApplicationFailedEvent}, on which {@link StartupStatusListener}
 * has already sent the root cause: the listener {@linkplain #expect says} what to do with
 * an analysis of that failure, and this reporter, registered in
 * {@code META-INF/spring.factories}, does it. Failures are told apart by identity, so
 * several applications in one JVM do not see each other's analyses.
 */
final class StartupFailureAnalysisReporter implements FailureAnalysisReporter {

	/**
	 * What to do with the analysis of a failure, by each throwable of the failure's cause
	 * chain (an analysis names the cause it analyzed). Weak, so that a failure that is
	 * never analyzed is not kept.
	 */
	private static final Map<Throwable, Consumer<String>> expected = Collections.synchronizedMap(new WeakHashMap<>());

	/**
	 * Say what to do with Spring Boot's analysis of a failure, if one comes.
	 * @param failure the failure
	 * @param onAnalysis what to do with the analysis' description
	 */
	static void expect(Throwable failure, Consumer<String> onAnalysis) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			expected.put(cause, onAnalysis);
		}
	}

	@Override
	public void report(FailureAnalysis analysis) {
		Throwable cause = analysis.getCause();
		String description = analysis.getDescription();
		Consumer<String> onAnalysis = (cause != null) ? expected.remove(cause) : null;
		if (onAnalysis != null && description != null && !description.isBlank()) {
			onAnalysis.accept(description);
		}
	}

}
