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
package io.github.springsystemd.protocol;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ListenFds}, with the vectors of {@code sd_listen_fds(3)}.
 */
class ListenFdsTests {

	private static final long OWN_PID = 4242;

	@Test
	void threeFdsForThisProcess() {
		assertThat(ListenFds.parse("3", "4242", null, OWN_PID)).containsExactly(new ListenFd(3, "unknown"),
				new ListenFd(4, "unknown"), new ListenFd(5, "unknown"));
	}

	@Test
	void otherPidGetsNone() {
		assertThat(ListenFds.parse("3", "4243", null, OWN_PID)).isEmpty();
	}

	@Test
	void zeroFdsGivesNone() {
		assertThat(ListenFds.parse("0", "4242", null, OWN_PID)).isEmpty();
	}

	@Test
	void unsetGivesNone() {
		assertThat(ListenFds.parse(null, null, null, OWN_PID)).isEmpty();
		assertThat(ListenFds.parse("2", null, "a:b", OWN_PID)).isEmpty();
	}

	@Test
	void namesAreMatchedInOrder() {
		assertThat(ListenFds.parse("2", "4242", "a:b", OWN_PID)).containsExactly(new ListenFd(3, "a"),
				new ListenFd(4, "b"));
	}

	@Test
	void emptyNameIsUnknown() {
		assertThat(ListenFds.parse("2", "4242", "web.socket:", OWN_PID)).extracting(ListenFd::name)
			.isEqualTo(List.of("web.socket", "unknown"));
	}

	@Test
	void nameCountMustMatch() {
		assertThatExceptionOfType(InvalidEnvironmentException.class)
			.isThrownBy(() -> ListenFds.parse("2", "4242", "a:b:c", OWN_PID))
			.withMessage("LISTEN_FDNAMES 'a:b:c' has 3 names for 2 descriptors");
	}

	@Test
	void pidMustBeANumber() {
		assertThatExceptionOfType(InvalidEnvironmentException.class)
			.isThrownBy(() -> ListenFds.parse("1", "no way", null, OWN_PID))
			.withMessage("LISTEN_PID 'no way' is not a number");
	}

	@Test
	void countMustBeANumber() {
		assertThatExceptionOfType(InvalidEnvironmentException.class)
			.isThrownBy(() -> ListenFds.parse("x", "4242", null, OWN_PID))
			.withMessage("LISTEN_FDS 'x' is not a number");
		assertThatExceptionOfType(InvalidEnvironmentException.class)
			.isThrownBy(() -> ListenFds.parse("-1", "4242", null, OWN_PID))
			.withMessage("LISTEN_FDS '-1' is not a valid descriptor count");
	}

	@Test
	void countAboveTheMaximumIsRejectedWithoutListingIt() {
		assertThatExceptionOfType(InvalidEnvironmentException.class)
			.isThrownBy(() -> ListenFds.parse("2147483644", "4242", null, OWN_PID))
			.withMessage("LISTEN_FDS '2147483644' is more descriptors than are passed to one process (at most 65536 "
					+ "are read)");
		assertThat(ListenFds.parse(Integer.toString(ListenFds.MAX_COUNT), "4242", null, OWN_PID))
			.hasSize(ListenFds.MAX_COUNT);
	}

}
