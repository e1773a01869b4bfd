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
package io.github.springsystemd.reload;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandleProxies;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The process's handler of {@code SIGHUP}. The JDK's only way to handle a signal is
 * {@code sun.misc.Signal} in the {@code jdk.unsupported} module; it is reached here
 * through method handles, so that this is the one place that depends on it and the build
 * compiles against no internal API.
 *
 * @see <a href="https://man7.org/linux/man-pages/man7/signal.7.html">signal(7)</a>
 */
final class HangupSignal {

	private static final String SIGNAL_CLASS_NAME = "sun.misc.Signal";

	private static final String HANDLER_CLASS_NAME = "sun.misc.SignalHandler";

	private static final Class<?> handlerType;

	private static final Object signal;

	private static final MethodHandle handle;

	private static final Object ignore;

	static {
		try {
			MethodHandles.Lookup lookup = MethodHandles.publicLookup();
			Class<?> signalType = Class.forName(SIGNAL_CLASS_NAME);
			handlerType = Class.forName(HANDLER_CLASS_NAME);
			signal = lookup.findConstructor(signalType, MethodType.methodType(void.class, String.class)).invoke("HUP");
			handle = lookup
				.findStatic(signalType, "handle", MethodType.methodType(handlerType, signalType, handlerType))
				.bindTo(signal);
			ignore = lookup.findStaticGetter(handlerType, "SIG_IGN", handlerType).invoke();
		}
		catch (Throwable ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private HangupSignal() {
	}

	/**
	 * Return a handler that runs the given action for each {@code SIGHUP}, on a thread of
	 * its own that the JVM starts for each signal.
	 * @param action the action
	 * @return the handler, a {@code sun.misc.SignalHandler}
	 */
	static Object handler(Runnable action) {
		try {
			MethodHandle run = MethodHandles.publicLookup()
				.findVirtual(Runnable.class, "run", MethodType.methodType(void.class))
				.bindTo(action);
			return MethodHandleProxies.asInterfaceInstance(handlerType,
					MethodHandles.dropArguments(run, 0, signal.getClass()));
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("Cannot implement " + HANDLER_CLASS_NAME, ex);
		}
	}

	/**
	 * Make the given handler the process's handler of {@code SIGHUP}.
	 * @param handler a handler from {@link #handler(Runnable)} or one returned by this
	 * method
	 * @return the handler it replaced
	 * @throws IllegalArgumentException if the JVM does not let the application handle
	 * {@code SIGHUP} (started with {@code -Xrs}, or the signal is ignored)
	 */
	static Object handle(Object handler) {
		try {
			return handle.invoke(handler);
		}
		catch (RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Return whether the given handler ignores the signal ({@code SIG_IGN}).
	 * @param handler a handler returned by {@link #handle(Object)}
	 * @return whether it is {@code SIG_IGN}
	 */
	static boolean isIgnore(Object handler) {
		return handler == ignore;
	}

}
