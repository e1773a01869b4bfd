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
package io.github.springsystemd.logging;

import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.spi.AppenderAttachable;
import ch.qos.logback.core.spi.AppenderAttachableImpl;
import org.jspecify.annotations.Nullable;

import io.github.springsystemd.libc.Libc;
import io.github.springsystemd.libc.LibcException;
import io.github.springsystemd.libc.NativeAccessException;
import io.github.springsystemd.libc.NativeLibc;
import io.github.springsystemd.protocol.JournalEntry;

/**
 * Logback appender that writes each event to the journal as one entry of journald's
 * native protocol, with fields (see {@code systemd.journal-fields(7)}):
 * <ul>
 * <li>{@code MESSAGE}: the formatted message; with an exception, followed by {@code ": "}
 * and the exception's first line (its class and the first line of its message), and by
 * {@code "; root cause: "} and the first line of its deepest cause when it has one;</li>
 * <li>{@code PRIORITY}: 3 for ERROR, 4 WARN, 6 INFO, 7 DEBUG and TRACE;</li>
 * <li>{@code SYSLOG_IDENTIFIER}, {@code LOGGER_NAME}, {@code THREAD_NAME};</li>
 * <li>{@code STACK_TRACE}: the exception's stack, as Logback prints it;</li>
 * <li>{@code ERRNO}: the {@code errno} of a {@link LibcException} in the exception's
 * causes;</li>
 * <li>{@code CODE_FILE}, {@code CODE_LINE}, {@code CODE_FUNC}: the caller, when
 * {@link #setIncludeCallerData(boolean) caller data} is on or the event already has
 * it;</li>
 * <li>every MDC entry, named as {@link JournalEntry#fieldName(String, Set)} maps it:
 * {@code traceId} and {@code spanId} of Micrometer Tracing become {@code TRACE_ID} and
 * {@code SPAN_ID}.</li>
 * </ul>
 * Events are sent to the journal only when {@link #setJournalFormat(String) the journal
 * format} says so for {@link #setJournalStream(String) the journal stream}, as
 * {@code systemd.logging.journal-format} does: with {@code auto}, the default, only when
 * standard output is the journal. Otherwise every event goes to the appenders attached to
 * this one ({@code <appender-ref>}, usually Spring Boot's {@code CONSOLE}), as it would
 * without this appender, and is not counted.
 * <p>
 * An event that cannot be sent (no journal socket, {@code EAGAIN} when journald's queue
 * is full, a native layer that fails with an {@link Error} other than a
 * {@link VirtualMachineError}) goes to the attached appenders instead, and is counted;
 * the first such event is announced there at WARN. After such an {@code Error}, no
 * further event is sent to the journal. A send never waits.
 *
 * @since 0.1.0
 */
public class JournalAppender extends UnsynchronizedAppenderBase<ILoggingEvent>
		implements AppenderAttachable<ILoggingEvent> {

	/**
	 * Field names the appender sets itself: MDC keys that map to one of them get the
	 * prefix {@code MDC_}.
	 */
	static final Set<String> OWN_FIELDS = Set.of("MESSAGE", "PRIORITY", "SYSLOG_IDENTIFIER", "LOGGER_NAME",
			"THREAD_NAME", "STACK_TRACE", "ERRNO", "CODE_FILE", "CODE_LINE", "CODE_FUNC", "MESSAGE_ID");

	private static final int MAX_MAPPED_NAMES = 1024;

	private final AppenderAttachableImpl<ILoggingEvent> fallback = new AppenderAttachableImpl<>();

	private final Map<String, String> fieldNames = new ConcurrentHashMap<>();

	private final AtomicLong sent = new AtomicLong();

	private final AtomicLong fellBack = new AtomicLong();

	private final AtomicBoolean fallbackAnnounced = new AtomicBoolean();

	private final AtomicBoolean nativeLayerFailed = new AtomicBoolean();

	private final @Nullable Libc libc;

	private String socketPath = JournalSocket.PATH;

	private JournalFormat journalFormat = JournalFormat.AUTO;

	private @Nullable String journalStream = System.getenv(JournalEntry.STREAM_VARIABLE);

	private boolean systemdEnabled = true;

	private volatile boolean nativeEntries;

	private String syslogIdentifier = "java";

	private boolean includeCallerData;

	private volatile @Nullable JournalSocket socket;

	/**
	 * Create a new {@link JournalAppender} that sends through the JVM's native access.
	 */
	public JournalAppender() {
		this(null);
	}

	/**
	 * Create a new {@link JournalAppender} that sends through the given C library.
	 * @param libc the C library, or {@code null} for the JVM's native access
	 */
	JournalAppender(@Nullable Libc libc) {
		this.libc = libc;
	}

	/**
	 * Set the path of journald's socket.
	 * @param socketPath the path, {@code /run/systemd/journal/socket} by default
	 */
	public void setSocketPath(String socketPath) {
		this.socketPath = socketPath;
	}

	/**
	 * Set {@code SYSLOG_IDENTIFIER}, which {@code journalctl} shows before each message
	 * and {@code journalctl -t} selects by.
	 * @param syslogIdentifier the identifier, {@code java} by default
	 */
	public void setSyslogIdentifier(String syslogIdentifier) {
		this.syslogIdentifier = syslogIdentifier;
	}

	/**
	 * Set how to log to the journal, as {@code systemd.logging.journal-format} does: only
	 * {@code native}, and {@code auto} when standard output is {@link #setJournalStream
	 * the journal stream}, send events to the journal; with any other format every event
	 * goes to the attached appenders.
	 * @param journalFormat {@code auto} (the default), {@code native}, {@code prefix},
	 * {@code always} or {@code never}, in any case; another value is reported as a
	 * warning of Logback's status and taken as {@code auto}
	 */
	public void setJournalFormat(String journalFormat) {
		String value = (journalFormat != null) ? journalFormat.trim() : "";
		if (value.isEmpty()) {
			this.journalFormat = JournalFormat.AUTO;
			return;
		}
		try {
			this.journalFormat = JournalFormat.valueOf(value.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			addWarn("systemd.logging.journal-format '" + journalFormat
					+ "' is not one of auto, native, prefix, always, never: the journal appender uses auto");
			this.journalFormat = JournalFormat.AUTO;
		}
	}

	/**
	 * Set the value of {@code JOURNAL_STREAM} ({@code <device>:<inode>} of the stream
	 * that systemd connects to the journal), which tells whether standard output is the
	 * journal.
	 * @param journalStream the value, the process's {@code JOURNAL_STREAM} environment
	 * variable by default; empty or {@code null} when standard output is not the journal
	 */
	public void setJournalStream(@Nullable String journalStream) {
		this.journalStream = journalStream;
	}

	/**
	 * Set whether the systemd integration is on, as {@code systemd.enabled} does: when it
	 * is off, every event goes to the attached appenders.
	 * @param systemdEnabled whether the systemd integration is on, {@code true} by
	 * default
	 */
	public void setSystemdEnabled(boolean systemdEnabled) {
		this.systemdEnabled = systemdEnabled;
	}

	/**
	 * Set whether to find the caller of every event for {@code CODE_FILE},
	 * {@code CODE_LINE} and {@code CODE_FUNC}. Off by default: it walks the stack of
	 * every event, which costs several microseconds each.
	 * @param includeCallerData whether to include caller data
	 */
	public void setIncludeCallerData(boolean includeCallerData) {
		this.includeCallerData = includeCallerData;
	}

	/**
	 * Return whether the caller of every event is found for {@code CODE_FILE},
	 * {@code CODE_LINE} and {@code CODE_FUNC}.
	 * @return whether caller data is included
	 */
	public boolean isIncludeCallerData() {
		return this.includeCallerData;
	}

	/**
	 * Return how many events were sent to the journal.
	 * @return the number of events
	 */
	public long getSentCount() {
		return this.sent.get();
	}

	/**
	 * Return how many events went to the attached appenders because the journal did not
	 * take them.
	 * @return the number of events
	 */
	public long getFallbackCount() {
		return this.fellBack.get();
	}

	@Override
	public void start() {
		if (!this.fallback.iteratorForAppenders().hasNext()) {
			addWarn("No appender attached to " + getName()
					+ ": events the journal does not take are lost; add <appender-ref ref=\"CONSOLE\"/>");
		}
		boolean standardOutputIsJournal = JournalStream.isStandardOutput(this.journalStream);
		this.nativeEntries = this.systemdEnabled && this.journalFormat.isNative(standardOutputIsJournal);
		if (!this.nativeEntries) {
			addInfo("Events go to the attached appenders, not to the journal: systemd.enabled is " + this.systemdEnabled
					+ ", the journal format is " + this.journalFormat.name().toLowerCase(Locale.ROOT)
					+ " and standard output is " + (standardOutputIsJournal ? "" : "not ")
					+ "the journal (JOURNAL_STREAM '" + this.journalStream + "')");
			super.start();
			return;
		}
		try {
			Libc libc = (this.libc != null) ? this.libc : NativeLibc.get();
			this.socket = new JournalSocket(libc, this.socketPath);
		}
		catch (NativeAccessException ex) {
			addWarn("No native access for the journal's socket: events go to the attached appenders", ex);
		}
		super.start();
	}

	/**
	 * Return whether events are sent to the journal as native entries, as the
	 * {@link #setJournalFormat(String) journal format} says for the
	 * {@link #setJournalStream(String) journal stream}, once started.
	 * @return whether events are sent to the journal
	 */
	public boolean isNativeEntries() {
		return this.nativeEntries;
	}

	@Override
	public void stop() {
		super.stop();
		JournalSocket socket = this.socket;
		if (socket != null) {
			socket.close();
		}
	}

	@Override
	protected void append(ILoggingEvent event) {
		if (!this.nativeEntries) {
			this.fallback.appendLoopOnAppenders(event);
			return;
		}
		JournalSocket socket = this.socket;
		if (socket != null) {
			try {
				socket.send(entry(event).toByteArray());
				this.sent.incrementAndGet();
				return;
			}
			catch (LibcException ex) {
				fallBack(event, String.valueOf(ex.getMessage()));
				return;
			}
			catch (RuntimeException ex) {
				fallBack(event, ex.toString());
				return;
			}
			catch (VirtualMachineError ex) {
				throw ex;
			}
			catch (Error ex) {
				nativeLayerFailed(socket, ex);
				fallBack(event, ex.toString());
				return;
			}
		}
		fallBack(event, "no native access");
	}

	private void nativeLayerFailed(JournalSocket socket, Error error) {
		this.socket = null;
		if (this.nativeLayerFailed.compareAndSet(false, true)) {
			addError("The native layer failed while sending to the journal: no further event is sent to it", error);
			try {
				socket.close();
			}
			catch (RuntimeException | LinkageError ex) {
				addWarn("The journal's socket could not be closed", ex);
			}
		}
	}

	/**
	 * Return the journal entry for an event.
	 * @param event the event
	 * @return the entry
	 */
	JournalEntry entry(ILoggingEvent event) {
		String message = event.getFormattedMessage();
		if (message == null) {
			message = "";
		}
		IThrowableProxy throwable = event.getThrowableProxy();
		JournalEntry entry = new JournalEntry(message.length() + 256);
		entry.add("PRIORITY", Integer.toString(JournalLogFormatter.priority(event.getLevel())));
		entry.add("SYSLOG_IDENTIFIER", this.syslogIdentifier);
		if (throwable != null) {
			entry.add("MESSAGE", message + ": " + summary(throwable));
		}
		else {
			entry.add("MESSAGE", message);
		}
		entry.add("LOGGER_NAME", event.getLoggerName());
		entry.add("THREAD_NAME", event.getThreadName());
		if (throwable != null) {
			entry.add("STACK_TRACE", ThrowableProxyUtil.asString(throwable));
			Integer errno = errno(throwable);
			if (errno != null) {
				entry.add("ERRNO", errno.toString());
			}
		}
		addCaller(entry, event);
		Map<String, String> mdc = event.getMDCPropertyMap();
		if (mdc != null) {
			mdc.forEach((key, value) -> {
				if (key != null && value != null) {
					entry.add(fieldName(key), value);
				}
			});
		}
		return entry;
	}

	private void addCaller(JournalEntry entry, ILoggingEvent event) {
		if (!this.includeCallerData && !(event instanceof LoggingEvent loggingEvent && loggingEvent.hasCallerData())) {
			return;
		}
		StackTraceElement[] callerData = event.getCallerData();
		if (callerData == null || callerData.length == 0) {
			return;
		}
		StackTraceElement caller = callerData[0];
		if (caller.getFileName() != null) {
			entry.add("CODE_FILE", caller.getFileName());
		}
		if (caller.getLineNumber() > 0) {
			entry.add("CODE_LINE", Integer.toString(caller.getLineNumber()));
		}
		entry.add("CODE_FUNC", caller.getClassName() + "." + caller.getMethodName());
	}

	private String fieldName(String key) {
		String name = this.fieldNames.get(key);
		if (name == null) {
			name = JournalEntry.fieldName(key, OWN_FIELDS);
			if (this.fieldNames.size() < MAX_MAPPED_NAMES) {
				this.fieldNames.put(key, name);
			}
		}
		return name;
	}

	private static String summary(IThrowableProxy throwable) {
		IThrowableProxy root = throwable;
		for (int depth = 0; root.getCause() != null && depth < 16; depth++) {
			root = root.getCause();
		}
		String first = firstLine(throwable);
		return (root != throwable) ? first + "; root cause: " + firstLine(root) : first;
	}

	private static String firstLine(IThrowableProxy throwable) {
		String message = throwable.getMessage();
		String first = (message != null) ? throwable.getClassName() + ": " + message : throwable.getClassName();
		int newline = first.indexOf('\n');
		return (newline >= 0) ? first.substring(0, newline) : first;
	}

	private static @Nullable Integer errno(IThrowableProxy proxy) {
		if (proxy instanceof ThrowableProxy throwableProxy) {
			Throwable throwable = throwableProxy.getThrowable();
			for (int depth = 0; throwable != null && depth < 16; depth++) {
				if (throwable instanceof LibcException libcException) {
					return libcException.getErrno();
				}
				throwable = throwable.getCause();
			}
		}
		return null;
	}

	private void fallBack(ILoggingEvent event, String reason) {
		long count = this.fellBack.incrementAndGet();
		if (this.fallbackAnnounced.compareAndSet(false, true)) {
			String notice = "The journal did not take a log event (" + reason
					+ "): events it does not take are written to the console instead, and counted";
			if (getContext() instanceof LoggerContext loggerContext) {
				// said once, as a log line: a WARN status would be printed beside it
				addInfo(notice);
				LoggingEvent announcement = new LoggingEvent(JournalAppender.class.getName(),
						loggerContext.getLogger(JournalAppender.class), Level.WARN, notice + " (" + count + " so far)",
						null, null);
				this.fallback.appendLoopOnAppenders(announcement);
			}
			else {
				addWarn(notice);
			}
		}
		this.fallback.appendLoopOnAppenders(event);
	}

	@Override
	public void addAppender(Appender<ILoggingEvent> appender) {
		this.fallback.addAppender(appender);
	}

	@Override
	public Iterator<Appender<ILoggingEvent>> iteratorForAppenders() {
		return this.fallback.iteratorForAppenders();
	}

	@Override
	public Appender<ILoggingEvent> getAppender(String name) {
		return this.fallback.getAppender(name);
	}

	@Override
	public boolean isAttached(Appender<ILoggingEvent> appender) {
		return this.fallback.isAttached(appender);
	}

	@Override
	public void detachAndStopAllAppenders() {
		this.fallback.detachAndStopAllAppenders();
	}

	@Override
	public boolean detachAppender(Appender<ILoggingEvent> appender) {
		return this.fallback.detachAppender(appender);
	}

	@Override
	public boolean detachAppender(String name) {
		return this.fallback.detachAppender(name);
	}

}
