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
package io.github.springsystemd.test;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandleProxies;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Reads the JVM's handler of {@code SIGHUP} without raising the signal, and sends
 * {@code SIGHUP} to this process the way systemd does, with {@code kill}. The handler is
 * reached through method handles, so that the build compiles against no internal API.
 */
public final class SighupHandlers {

	private static final MethodHandle handle;

	private static final MethodHandle nothing;

	private static final Class<?> handlerType;

	static {
		try {
			MethodHandles.Lookup lookup = MethodHandles.publicLookup();
			Class<?> signalType = Class.forName("sun.misc.Signal");
			handlerType = Class.forName("sun.misc.SignalHandler");
			Object hangup = lookup.findConstructor(signalType, MethodType.methodType(void.class, String.class))
				.invoke("HUP");
			handle = lookup
				.findStatic(signalType, "handle", MethodType.methodType(handlerType, signalType, handlerType))
				.bindTo(hangup);
			nothing = MethodHandles.empty(MethodType.methodType(void.class, signalType));
		}
		catch (Throwable ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private SighupHandlers() {
	}

	/**
	 * Return the handler of {@code SIGHUP}, swapping in a handler that does nothing for
	 * the moment it takes to read it. Not {@code SIG_IGN}: the JVM refuses to handle a
	 * signal that is ignored.
	 * @return the current handler
	 */
	public static Handler current() {
		Object current = install(MethodHandleProxies.asInterfaceInstance(handlerType, nothing));
		install(current);
		return new Handler(current);
	}

	/**
	 * Return a new handler that does nothing.
	 * @return the handler
	 */
	public static Handler doingNothing() {
		return new Handler(MethodHandleProxies.asInterfaceInstance(handlerType, nothing));
	}

	/**
	 * Make the given handler the handler of {@code SIGHUP}.
	 * @param handler a handler returned by {@link #current()} or {@link #doingNothing()}
	 * @return the handler it replaced
	 */
	public static Handler handle(Handler handler) {
		return new Handler(install(handler.handler()));
	}

	private static Object install(Object handler) {
		try {
			return handle.invoke(handler);
		}
		catch (Throwable ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Send {@code SIGHUP} to this process the given number of times, as fast as a shell
	 * loop of {@code kill -HUP} can, and wait until they are sent. Signals that arrive
	 * while one is pending merge into it, as {@code signal(7)} describes.
	 * @param count how many signals to send
	 * @throws Exception if {@code kill} fails
	 */
	public static void kill(int count) throws Exception {
		long pid = ProcessHandle.current().pid();
		Process kill = new ProcessBuilder("/bin/sh", "-c",
				"i=0; while [ $i -lt " + count + " ]; do kill -HUP " + pid + " || exit 1; i=$((i+1)); done")
			.inheritIO()
			.start();
		if (kill.waitFor() != 0) {
			throw new IllegalStateException("kill -HUP " + pid + " failed with exit status " + kill.exitValue());
		}
	}

	/**
	 * A handler of {@code SIGHUP}, a {@code sun.misc.SignalHandler}. Equal to another
	 * read of the same handler: {@code sun.misc.Signal} hands out the JVM's own handlers
	 * in a new wrapper on each read, whose description is the wrapped handler's (its
	 * class and identity), so two reads compare by description.
	 *
	 * @param handler the {@code sun.misc.SignalHandler}
	 */
	public record Handler(Object handler) {

		@Override
		public boolean equals(Object other) {
			return (other instanceof Handler that)
					&& (this.handler == that.handler || this.handler.toString().equals(that.handler.toString()));
		}

		@Override
		public int hashCode() {
			return this.handler.toString().hashCode();
		}

		@Override
		public String toString() {
			return this.handler.toString();
		}

	}

}
