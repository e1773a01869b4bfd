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
import org.slf4j.MDC;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Logs what an order service would, with the order's id in the MDC and, when the request
 * names one, a trace id the way Micrometer Tracing puts it there ({@code traceId},
 * {@code spanId}): under systemd each becomes a journal field ({@code ORDER_ID},
 * {@code TRACE_ID}, {@code SPAN_ID}).
 */
@RestController
public class OrderController {

	private static final Log logger = LogFactory.getLog(OrderController.class);

	@PostMapping("/orders/{id}")
	String place(@PathVariable String id, @RequestParam(required = false) String traceId) {
		MDC.put("orderId", id);
		if (traceId != null) {
			MDC.put("traceId", traceId);
			MDC.put("spanId", traceId.substring(0, Math.min(16, traceId.length())));
		}
		try {
			logger.info("Order " + id + " placed");
		}
		finally {
			MDC.clear();
		}
		return "order " + id + " placed\n";
	}

	@PostMapping("/orders/{id}/fail")
	String fail(@PathVariable String id) {
		MDC.put("orderId", id);
		try {
			logger.warn("Order " + id + " failed",
					new IllegalStateException("Payment refused\nby the bank", new ArithmeticException("no funds")));
		}
		finally {
			MDC.clear();
		}
		return "order " + id + " failed\n";
	}

}
