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

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalysisReporter;

/**
 * Hands Spring Boot's analysis of a startup failure (the text it logs under
 * {@code APPLICATION FAILED TO START}, such as
 * {@code Web server failed to start. Port 8080
 * was already in use.}) to the status line. Spring Boot reports the analysis after it has
 * published the {@code ApplicationFailedEvent}, on which {@link SystemdStartupNotifier}
 * has already sent the root cause: the listener {@linkplain #expect says} what to do with
 * an analysis of that failure, and this reporter, registered in
 * {@code META-INF/spring.factories}, does it. An analysis belongs to the failure whose
 * cause chain holds the very throwable it analyzed (compared by identity), so several
 * applications in one JVM do not see each other's analyses. A failure is held weakly and
 * what is done with its analysis holds no throwable, so a failure that is never analyzed
 * is not kept.
 */
final class StartupFailureAnalysisReporter implements FailureAnalysisReporter {

	private static final List<Expected> expected = new ArrayList<>();

	/**
	 * Say what to do with Spring Boot's analysis of a failure, if one comes.
	 * @param failure the failure
	 * @param onAnalysis what to do with the analysis' description; it must not hold the
	 * failure
	 */
	static void expect(Throwable failure, Consumer<String> onAnalysis) {
		synchronized (expected) {
			expected.removeIf((entry) -> entry.failure.get() == null);
			expected.add(new Expected(new WeakReference<>(failure), onAnalysis));
		}
	}

	@Override
	public void report(FailureAnalysis analysis) {
		String description = analysis.getDescription();
		Consumer<String> onAnalysis = claim(analysis.getCause());
		if (onAnalysis != null && description != null && !description.isBlank()) {
			onAnalysis.accept(description);
		}
	}

	/**
	 * Return what to do with the analysis of a cause, and forget it: the latest failure
	 * whose cause chain holds the cause.
	 */
	private static @Nullable Consumer<String> claim(@Nullable Throwable cause) {
		if (cause == null) {
			return null;
		}
		synchronized (expected) {
			for (int i = expected.size() - 1; i >= 0; i--) {
				Throwable failure = expected.get(i).failure.get();
				if (failure != null && holds(failure, cause)) {
					return expected.remove(i).onAnalysis;
				}
			}
			return null;
		}
	}

	private static boolean holds(Throwable failure, Throwable cause) {
		for (Throwable each = failure; each != null; each = (each.getCause() != each) ? each.getCause() : null) {
			if (each == cause) {
				return true;
			}
		}
		return false;
	}

	private record Expected(WeakReference<Throwable> failure, Consumer<String> onAnalysis) {

	}

}
