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
import java.net.BindException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalysisReporter;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link StartupFailureAnalysisReporter}.
 */
class StartupFailureAnalysisReporterTests {

	private final List<String> described = new ArrayList<>();

	@Test
	void analysisOfACauseOfTheFailureIsHandedOver() {
		PortInUseException portInUse = new PortInUseException(8080, new BindException("Address already in use"));
		Throwable failure = new IllegalStateException("Unable to start web server", portInUse);
		StartupFailureAnalysisReporter.expect(failure, this.described::add);
		new StartupFailureAnalysisReporter().report(
				new FailureAnalysis("Web server failed to start. Port 8080 was already in use.", "Stop it", portInUse));
		assertThat(this.described).containsExactly("Web server failed to start. Port 8080 was already in use.");
	}

	@Test
	void analysisOfAnotherFailureIsNotHandedOver() {
		StartupFailureAnalysisReporter.expect(new IllegalStateException("mine"), this.described::add);
		new StartupFailureAnalysisReporter()
			.report(new FailureAnalysis("Something else", null, new IllegalStateException("another application's")));
		assertThat(this.described).isEmpty();
	}

	@Test
	void analysisWithoutDescriptionIsNotHandedOver() {
		Throwable failure = new IllegalStateException("boom");
		StartupFailureAnalysisReporter.expect(failure, this.described::add);
		new StartupFailureAnalysisReporter().report(new FailureAnalysis(" ", null, failure));
		assertThat(this.described).isEmpty();
	}

	@Test
	void analysisIsHandedOverOnce() {
		Throwable failure = new IllegalStateException("boom");
		StartupFailureAnalysisReporter.expect(failure, this.described::add);
		StartupFailureAnalysisReporter reporter = new StartupFailureAnalysisReporter();
		reporter.report(new FailureAnalysis("first", null, failure));
		reporter.report(new FailureAnalysis("again", null, failure));
		assertThat(this.described).containsExactly("first");
	}

	@Test
	void analysisOfAnEqualButOtherThrowableIsNotHandedOver() {
		StartupFailureAnalysisReporter.expect(new EqualToAll("mine"), this.described::add);
		new StartupFailureAnalysisReporter()
			.report(new FailureAnalysis("Something else", null, new EqualToAll("other")));
		assertThat(this.described).isEmpty();
	}

	@Test
	void failureThatIsNeverAnalyzedIsNotKept() {
		WeakReference<Throwable> failure = expectAndForget();
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			System.gc();
			return failure.get() == null;
		});
	}

	private WeakReference<Throwable> expectAndForget() {
		Throwable failure = new IllegalStateException("never analyzed", new RuntimeException("cause"));
		StartupFailureAnalysisReporter.expect(failure, this.described::add);
		return new WeakReference<>(failure);
	}

	@Test
	void isRegisteredForSpringBoot() {
		assertThat(SpringFactoriesLoader.forDefaultResourceLocation().load(FailureAnalysisReporter.class))
			.hasAtLeastOneElementOfType(StartupFailureAnalysisReporter.class);
	}

	/**
	 * An exception equal to every other of its kind.
	 */
	static class EqualToAll extends RuntimeException {

		EqualToAll(String message) {
			super(message);
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof EqualToAll;
		}

		@Override
		public int hashCode() {
			return 1;
		}

	}

}
