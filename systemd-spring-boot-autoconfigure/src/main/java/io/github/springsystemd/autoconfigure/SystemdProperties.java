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
package io.github.springsystemd.autoconfigure;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.core.env.Environment;

import io.github.springsystemd.activation.FileDescriptorStore;
import io.github.springsystemd.logging.JournalFormat;
import io.github.springsystemd.watchdog.ThreadDump;

/**
 * Configuration properties for the systemd integration.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("systemd")
public class SystemdProperties {

	/**
	 * Shortest {@code systemd.watchdog.interval}: 100 milliseconds.
	 */
	public static final Duration MIN_WATCHDOG_INTERVAL = Duration.ofMillis(100);

	/**
	 * Shortest {@code systemd.watchdog.health.timeout}: 10 milliseconds.
	 */
	public static final Duration MIN_HEALTH_TIMEOUT = Duration.ofMillis(10);

	/**
	 * Shortest {@code systemd.watchdog.trigger-after}: 200 milliseconds, so that the
	 * default interval, half of it, is no shorter than {@code systemd.watchdog.interval}
	 * may be.
	 */
	public static final Duration MIN_TRIGGER_AFTER = Duration.ofMillis(200);

	/**
	 * Shortest {@code systemd.startup.stall-timeout} and
	 * {@code systemd.shutdown.stall-timeout}: one second. Extensions are sent every
	 * quarter of it, up to every two seconds.
	 */
	public static final Duration MIN_STALL_TIMEOUT = Duration.ofSeconds(1);

	/**
	 * Longest name of a stored file descriptor systemd takes ({@code FDNAME=}): 255
	 * characters.
	 */
	public static final int MAX_FD_NAME_LENGTH = 255;

	/**
	 * Shortest {@code systemd.socket-activation.warm-up.timeout}.
	 */
	public static final Duration MIN_WARM_UP_TIMEOUT = Duration.ofMillis(100);

	/**
	 * Longest value of every {@code systemd.*} duration: 365 days. A longer one is
	 * replaced by its default, so that no time computed from it can overflow.
	 */
	public static final Duration MAX_DURATION = Duration.ofDays(365);

	/**
	 * Whether to integrate with systemd when the service manager passes NOTIFY_SOCKET.
	 */
	private boolean enabled = true;

	/**
	 * Whether to send MAINPID= with READY=1, so that systemd tracks this JVM as the main
	 * process when it is started by a wrapper that does not exec java. Needs
	 * NotifyAccess=all in the unit.
	 */
	private boolean sendMainPid;

	private final TimeoutExtension startup = new TimeoutExtension();

	private final TimeoutExtension shutdown = new TimeoutExtension();

	private final Watchdog watchdog = new Watchdog();

	private final Reload reload = new Reload();

	private final Logging logging = new Logging();

	private final SocketActivation socketActivation = new SocketActivation();

	private final FdStore fdStore = new FdStore();

	private final Credentials credentials = new Credentials();

	private final DebugInvocation debugInvocation = new DebugInvocation();

	private final MemoryPressure memoryPressure = new MemoryPressure();

	/**
	 * Bind the {@code systemd.*} properties of an environment, for use before the
	 * application context exists, with the conversions, defaults and checks of the
	 * {@code SystemdProperties} bean. A value that cannot be converted, such as
	 * {@code systemd.enabled=sometimes}, or cannot be used, such as a duration below its
	 * minimum, is reported once per environment with a WARN naming the property, the
	 * value and where it was set, and its default applies: a setting of the starter never
	 * stops the application.
	 * @param environment the environment
	 * @return the properties
	 * @since 0.1.0
	 */
	public static SystemdProperties get(Environment environment) {
		return get(environment, LogFactory.getLog(SystemdProperties.class));
	}

	/**
	 * Bind the {@code systemd.*} properties of an environment as
	 * {@link #get(Environment)} does, reporting values that cannot be used to the given
	 * log, such as the deferred log of an {@code EnvironmentPostProcessor}.
	 * @param environment the environment
	 * @param log the log for values that cannot be used
	 * @return the properties
	 * @since 0.1.0
	 */
	public static SystemdProperties get(Environment environment, Log log) {
		return SystemdPropertiesBinding.bind(environment, log).properties();
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public boolean isSendMainPid() {
		return this.sendMainPid;
	}

	public void setSendMainPid(boolean sendMainPid) {
		this.sendMainPid = sendMainPid;
	}

	public TimeoutExtension getStartup() {
		return this.startup;
	}

	public TimeoutExtension getShutdown() {
		return this.shutdown;
	}

	public Watchdog getWatchdog() {
		return this.watchdog;
	}

	public Reload getReload() {
		return this.reload;
	}

	public Logging getLogging() {
		return this.logging;
	}

	public SocketActivation getSocketActivation() {
		return this.socketActivation;
	}

	public FdStore getFdStore() {
		return this.fdStore;
	}

	public Credentials getCredentials() {
		return this.credentials;
	}

	public DebugInvocation getDebugInvocation() {
		return this.debugInvocation;
	}

	public MemoryPressure getMemoryPressure() {
		return this.memoryPressure;
	}

	/**
	 * How the timeout of a lifecycle phase is extended while the phase makes progress:
	 * {@code systemd.startup.*} extends {@code TimeoutStartSec=} until {@code READY=1},
	 * {@code systemd.shutdown.*} extends {@code TimeoutStopSec=} from {@code STOPPING=1}
	 * until the application context is closed, each with {@code EXTEND_TIMEOUT_USEC=}
	 * (see {@code sd_notify(3)}, {@code systemd.service(5)}).
	 */
	public static class TimeoutExtension {

		/**
		 * Whether to extend the phase's timeout (TimeoutStartSec= while starting,
		 * TimeoutStopSec= while stopping) with EXTEND_TIMEOUT_USEC= while the phase makes
		 * progress.
		 */
		private boolean extendTimeout = true;

		/**
		 * Time without progress after which the phase's timeout is no longer extended, so
		 * that systemd stops a phase that hangs. At least 1s.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private Duration stallTimeout = Duration.ofSeconds(60);

		public boolean isExtendTimeout() {
			return this.extendTimeout;
		}

		public void setExtendTimeout(boolean extendTimeout) {
			this.extendTimeout = extendTimeout;
		}

		public Duration getStallTimeout() {
			return this.stallTimeout;
		}

		public void setStallTimeout(Duration stallTimeout) {
			this.stallTimeout = stallTimeout;
		}

	}

	/**
	 * Watchdog properties.
	 */
	public static class Watchdog {

		/**
		 * Whether to send watchdog pings when the unit sets WatchdogSec=.
		 */
		private boolean enabled = true;

		/**
		 * Time between watchdog pings. Defaults to half of WatchdogSec=, or to half of
		 * trigger-after when that is shorter. A value not below WatchdogSec=, or so close
		 * to it that a ping waiting for a health check would come late, is replaced by
		 * that default, with a warning. At least 100ms.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private @Nullable Duration interval;

		/**
		 * Time the health gate may stay closed before WATCHDOG=trigger asks systemd to
		 * restart the service (systemd 243 or later; older versions restart it one
		 * WatchdogSec= later, as pings stop then). Defaults to WatchdogSec=, which is
		 * also the longest allowed. At least 200ms.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private @Nullable Duration triggerAfter;

		private final Health health = new Health();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public @Nullable Duration getInterval() {
			return this.interval;
		}

		public void setInterval(@Nullable Duration interval) {
			this.interval = interval;
		}

		public @Nullable Duration getTriggerAfter() {
			return this.triggerAfter;
		}

		public void setTriggerAfter(@Nullable Duration triggerAfter) {
			this.triggerAfter = triggerAfter;
		}

		public Health getHealth() {
			return this.health;
		}

	}

	/**
	 * Health gate properties.
	 */
	public static class Health {

		/**
		 * Whether to send watchdog pings only while application health is UP (without
		 * actuator, while the liveness state is CORRECT).
		 */
		private boolean enabled = true;

		/**
		 * Health group whose members gate the watchdog: a member that is DOWN or does not
		 * answer within the timeout gets the service restarted. The default 'watchdog'
		 * group holds every contributor except those of remote systems (db, redis,
		 * rabbit, ...), diskSpace and readinessState; configure a group of that name with
		 * management.endpoint.health.group.watchdog.* to change it. A name that is not a
		 * health group is reported and the 'watchdog' group gates instead. Needs
		 * actuator's health endpoint.
		 */
		private String group = "watchdog";

		/**
		 * Whether every health contributor gates the watchdog, as /actuator/health
		 * aggregates them, instead of the members of the health group: an outage of a
		 * database or broker then gets the service restarted.
		 */
		private boolean aggregate;

		/**
		 * Time each health contributor may take to answer before it counts as not
		 * answering. Defaults to half of the watchdog interval, or half of what the
		 * interval leaves of WatchdogSec= when that is shorter. At least 10ms.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private @Nullable Duration timeout;

		/**
		 * Thread stacks to log at WARN when a health evaluation times out, so that the
		 * log says what it was stuck on: the thread that runs it, all threads, or none.
		 */
		private ThreadDump threadDump = ThreadDump.CHECK_THREAD;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getGroup() {
			return this.group;
		}

		public void setGroup(String group) {
			this.group = group;
		}

		public boolean isAggregate() {
			return this.aggregate;
		}

		public void setAggregate(boolean aggregate) {
			this.aggregate = aggregate;
		}

		public @Nullable Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(@Nullable Duration timeout) {
			this.timeout = timeout;
		}

		public ThreadDump getThreadDump() {
			return this.threadDump;
		}

		public void setThreadDump(ThreadDump threadDump) {
			this.threadDump = threadDump;
		}

	}

	/**
	 * Reload properties.
	 */
	public static class Reload {

		/**
		 * Whether to answer SIGHUP (systemctl reload) with a reload under systemd. When
		 * false, SIGHUP is left to the JVM, which shuts down.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * Logging properties.
	 */
	public static class Logging {

		/**
		 * How to log to the journal: 'auto' sends native entries with fields (MESSAGE,
		 * PRIORITY, LOGGER_NAME, THREAD_NAME, STACK_TRACE, MDC entries) when standard
		 * output is the journal (JOURNAL_STREAM), 'native' whenever journald's socket
		 * takes them, 'prefix' writes console lines with a syslog priority prefix and no
		 * time stamp or pid when standard output is the journal, 'always' writes those
		 * lines everywhere, 'never' leaves console lines as they are.
		 */
		private JournalFormat journalFormat = JournalFormat.AUTO;

		/**
		 * Whether native journal entries carry the caller's source file, line and method
		 * (CODE_FILE, CODE_LINE, CODE_FUNC). Finding the caller walks the stack of every
		 * log event, several microseconds each.
		 */
		private boolean journalCallerData;

		public JournalFormat getJournalFormat() {
			return this.journalFormat;
		}

		public void setJournalFormat(JournalFormat journalFormat) {
			this.journalFormat = journalFormat;
		}

		public boolean isJournalCallerData() {
			return this.journalCallerData;
		}

		public void setJournalCallerData(boolean journalCallerData) {
			this.journalCallerData = journalCallerData;
		}

	}

	/**
	 * Socket activation properties.
	 */
	public static class SocketActivation {

		/**
		 * Whether the web server serves on a listening socket passed by systemd
		 * (LISTEN_FDS) instead of binding server.port.
		 */
		private boolean enabled = true;

		/**
		 * Name of the passed socket the web server serves on (FileDescriptorName= of the
		 * socket unit). Needed only when several sockets are passed besides the
		 * management server's and none is the one stored under systemd.fd-store.fd-name.
		 */
		private @Nullable String fdName;

		/**
		 * Name of the passed socket a separate management server (management.server.port)
		 * serves on, and the name its socket is stored under, by which the next start
		 * finds it.
		 */
		private String managementFdName = "management";

		/**
		 * Whether the web server takes connections from a passed socket only once the
		 * application is ready (when READY=1 is sent). Connections that arrive while it
		 * starts wait in the socket's backlog, or are served by another instance on the
		 * same socket.
		 */
		private boolean acceptWhenReady = true;

		private final WarmUp warmUp = new WarmUp();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public @Nullable String getFdName() {
			return this.fdName;
		}

		public void setFdName(@Nullable String fdName) {
			this.fdName = fdName;
		}

		public String getManagementFdName() {
			return this.managementFdName;
		}

		public void setManagementFdName(String managementFdName) {
			this.managementFdName = managementFdName;
		}

		public boolean isAcceptWhenReady() {
			return this.acceptWhenReady;
		}

		public void setAcceptWhenReady(boolean acceptWhenReady) {
			this.acceptWhenReady = acceptWhenReady;
		}

		public WarmUp getWarmUp() {
			return this.warmUp;
		}

		/**
		 * Warm-up properties: requests the application sends to itself, through a
		 * loopback listener of its own web server, before it takes connections from a
		 * passed socket (with accept-when-ready).
		 */
		public static class WarmUp {

			/**
			 * Number of GET requests, each on a connection of its own, to send to each
			 * warm-up path before taking connections from the passed socket, so that the
			 * first requests after a handover do not find a cold JVM. 0 (the default)
			 * sends none. 0 or more.
			 */
			private int requests;

			/**
			 * Paths the warm-up requests go to, with the context path if there is one.
			 * Any answer warms up the server; choose paths without side effects. Each
			 * starts with '/' and is a valid URI path (spaces percent-encoded).
			 */
			private List<String> paths = new ArrayList<>(List.of("/"));

			/**
			 * Longest the warm-up may delay taking connections; what is left is not sent.
			 * At least 100ms.
			 */
			@DurationUnit(ChronoUnit.SECONDS)
			private Duration timeout = Duration.ofSeconds(10);

			public int getRequests() {
				return this.requests;
			}

			public void setRequests(int requests) {
				this.requests = requests;
			}

			public List<String> getPaths() {
				return this.paths;
			}

			public void setPaths(List<String> paths) {
				this.paths = paths;
			}

			public Duration getTimeout() {
				return this.timeout;
			}

			public void setTimeout(Duration timeout) {
				this.timeout = timeout;
			}

		}

	}

	/**
	 * File descriptor store properties.
	 */
	public static class FdStore {

		/**
		 * Whether to keep the web server's listening socket (and a separate management
		 * server's) in systemd's file descriptor store, so restarts do not refuse
		 * connections: 'auto' stores it where the unit has a store
		 * (FileDescriptorStoreMax=, read over D-Bus, or $FDSTORE), 'always' stores it
		 * without asking, 'never' does not store it.
		 */
		private FileDescriptorStore.Mode mode = FileDescriptorStore.Mode.AUTO;

		/**
		 * Name the web server's listening socket is stored under (FDNAME=). The next
		 * start serves on the passed socket of that name, also when other sockets are
		 * passed. A separate management server's socket is stored under
		 * systemd.socket-activation.management-fd-name.
		 */
		private String fdName = "server";

		public FileDescriptorStore.Mode getMode() {
			return this.mode;
		}

		public void setMode(FileDescriptorStore.Mode mode) {
			this.mode = mode;
		}

		public String getFdName() {
			return this.fdName;
		}

		public void setFdName(String fdName) {
			this.fdName = fdName;
		}

	}

	/**
	 * Credentials properties.
	 */
	public static class Credentials {

		/**
		 * Whether the credentials systemd passes in CREDENTIALS_DIRECTORY
		 * (LoadCredential= and the like) become properties named after their files. Read
		 * from the application's configuration files, command line or environment.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * Debug invocation properties.
	 */
	public static class DebugInvocation {

		/**
		 * Whether a start with DEBUG_INVOCATION=1 (RestartMode=debug, systemd 257+) logs
		 * at DEBUG. Read from the application's configuration files, command line or
		 * environment.
		 */
		private boolean enabled = true;

		/**
		 * Whether the root log level goes back to its configured level once the
		 * application is ready. 'false' keeps DEBUG for the life of the process.
		 */
		private boolean untilReady = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public boolean isUntilReady() {
			return this.untilReady;
		}

		public void setUntilReady(boolean untilReady) {
			this.untilReady = untilReady;
		}

	}

	/**
	 * Memory pressure properties.
	 */
	public static class MemoryPressure {

		/**
		 * Whether to watch the memory pressure systemd names in MEMORY_PRESSURE_WATCH
		 * (MemoryPressureWatch=, systemd 254+).
		 */
		private boolean enabled = true;

		/**
		 * Whether to clear every cache of the application's CacheManager beans on each
		 * memory pressure event.
		 */
		private boolean clearCaches;

		/**
		 * Time without a memory pressure event after which an episode of memory pressure
		 * is over. At least 1s.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private Duration quietPeriod = Duration.ofSeconds(10);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public boolean isClearCaches() {
			return this.clearCaches;
		}

		public void setClearCaches(boolean clearCaches) {
			this.clearCaches = clearCaches;
		}

		public Duration getQuietPeriod() {
			return this.quietPeriod;
		}

		public void setQuietPeriod(Duration quietPeriod) {
			this.quietPeriod = quietPeriod;
		}

	}

}
