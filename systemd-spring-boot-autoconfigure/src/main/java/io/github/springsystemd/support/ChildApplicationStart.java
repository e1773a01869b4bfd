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

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.ApplicationContext;

/**
 * Tells whether the application that gets ready on this thread is the parent of a child
 * application that starts next, as {@code SpringApplicationBuilder.child(...)} runs them:
 * the parent's whole run, its {@code ApplicationReadyEvent} included, happens inside the
 * child's run, before the child's context is created. {@code READY=1} and {@code SIGHUP}
 * wait for the child.
 * <p>
 * Internal to the starter: not a public API. Public for {@code lifecycle} and
 * {@code reload}.
 *
 * @since 0.1.0
 */
public final class ChildApplicationStart {

	private static final Log logger = LogFactory.getLog(ChildApplicationStart.class);

	private static final String BUILDER = "org.springframework.boot.builder.SpringApplicationBuilder";

	private static final String RUN_PARENT = "configureAsChildIfNecessary";

	private ChildApplicationStart() {
	}

	/**
	 * Return whether this thread runs an application as the parent of a child that
	 * {@code SpringApplicationBuilder} starts once it has returned.
	 * @return whether a child application starts next
	 */
	public static boolean follows() {
		try {
			return StackWalker.getInstance()
				.walk((frames) -> frames.anyMatch(
						(frame) -> BUILDER.equals(frame.getClassName()) && RUN_PARENT.equals(frame.getMethodName())));
		}
		catch (RuntimeException ex) {
			// never fail a startup over this: READY=1 is then sent when this one is ready
			logger.debug("Could not tell whether a child application starts next", ex);
			return false;
		}
	}

	/**
	 * Return whether a context is a descendant of another: the events of a child's
	 * context reach its ancestors' listeners too.
	 * @param context the context
	 * @param ancestor the context that may be its parent, or its parent's, and so on
	 * @return whether {@code ancestor} is among the parents of {@code context}
	 */
	public static boolean isDescendant(ApplicationContext context, ApplicationContext ancestor) {
		for (ApplicationContext parent = context.getParent(); parent != null; parent = parent.getParent()) {
			if (parent == ancestor) {
				return true;
			}
		}
		return false;
	}

}
