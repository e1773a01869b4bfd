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

package io.github.springsystemd.support;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DurationTextTests {

	@Test
	void wholeSecondsAndMilliseconds() {
		assertThat(DurationText.of(Duration.ofSeconds(90))).isEqualTo("90s");
		assertThat(DurationText.of(Duration.ofMillis(1500))).isEqualTo("1500ms");
		assertThat(DurationText.of(Duration.ofMillis(-250))).isEqualTo("-250ms");
		assertThat(DurationText.of(null)).isNull();
	}

	@Test
	void durationsWithMoreMillisecondsThanALongHoldsAreWrittenInSeconds() {
		assertThat(DurationText.of(Duration.ofSeconds(10_000_000_000_000_000L))).isEqualTo("10000000000000000s");
		assertThat(DurationText.of(Duration.ofSeconds(-10_000_000_000_000_000L))).isEqualTo("-10000000000000000s");
	}

}
