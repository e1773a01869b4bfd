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
package io.github.springsystemd.sample.web;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.github.springsystemd.memory.MemoryPressureEvent;

/**
 * Shows what an application may do on memory pressure ({@code MemoryPressureWatch=},
 * systemd 254 and later): here it only logs each {@link MemoryPressureEvent}; a real one
 * drops what it can rebuild cheaply.
 */
@Component
class MemoryPressureListener {

	private static final Log logger = LogFactory.getLog(MemoryPressureListener.class);

	@EventListener
	void onMemoryPressure(MemoryPressureEvent event) {
		logger.info("MemoryPressureEvent " + event.getEventInEpisode() + " of this episode from '" + event.getWatch()
				+ "'" + ((event.getStall() != null) ? ": " + event.getStall() : ""));
	}

}
