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
package io.github.springsystemd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that every public type is public on purpose, as the README's "Public API" says:
 * either an application uses, configures or extends it, or it is internal to the starter,
 * public only because another of the starter's packages uses it, and its javadoc says so.
 * A new public type fails here until it is put in one of the two lists.
 */
class PublicTypesTests {

	private static final String ROOT = "io.github.springsystemd";

	static final String INTERNAL_MARK = "Internal to the starter: not a public API.";

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages(ROOT);

	/**
	 * What an application uses, configures or extends: the auto-configurations and their
	 * properties, the beans they define, the protocol, and the types those expose.
	 */
	static final Set<String> API = Set.of("activation.FileDescriptorStore", "activation.ListenSocket",
			"activation.SocketActivation", "activation.tomcat.PassedSocketHttp11NioProtocol", "actuate.SystemdEndpoint",
			"actuate.SystemdInfoContributor", "dbus.SystemdBus", "autoconfigure.ConditionalOnSystemd",
			"autoconfigure.SystemdActuatorAutoConfiguration", "autoconfigure.SystemdAutoConfiguration",
			"autoconfigure.SystemdCredentialsAutoConfiguration",
			"autoconfigure.SystemdFileDescriptorStoreAutoConfiguration",
			"autoconfigure.SystemdMemoryPressureAutoConfiguration", "autoconfigure.SystemdMetricsAutoConfiguration",
			"autoconfigure.SystemdProperties", "autoconfigure.SystemdReloadAutoConfiguration",
			"autoconfigure.SystemdSocketActivationAutoConfiguration", "lifecycle.SystemdLifecycleNotifier",
			"logging.JournalAppender", "logging.JournalFormat", "logging.JournalLogFormatter",
			"memory.MemoryPressureEvent", "memory.MemoryPressureMetrics", "memory.MemoryPressureWatch",
			"memory.MemoryPressureWatcher", "memory.PressureStallInformation", "metrics.JournalMetrics",
			"metrics.SystemdMetrics", "notify.SystemdNotifier", "protocol.FileDescriptorStoreMax",
			"protocol.InvalidEnvironmentException", "protocol.JournalEntry", "protocol.ListenFd", "protocol.ListenFds",
			"protocol.Notification", "protocol.NotifySocketAddress", "protocol.WatchdogTimeout",
			"reload.ContextRefresherReloadHandler", "reload.SystemdReloadHandler", "reload.SystemdReloader",
			"unit.SystemdUnit", "unit.UnitFacts", "unit.UnitFactsSource", "watchdog.ComponentHealth",
			"watchdog.GateDecision", "watchdog.HealthContributorWatchdogGate", "watchdog.LivenessStateWatchdogGate",
			"watchdog.SystemdWatchdog", "watchdog.ThreadDump", "watchdog.WatchdogGate");

	/**
	 * Public only because another of the starter's packages uses it: the native layer,
	 * the web server adapters, the helpers of several packages, and the two listeners
	 * that {@code spring.factories} registers through a subclass in
	 * {@code autoconfigure}.
	 */
	static final Set<String> INTERNAL = Set.of("activation.LoopbackConnector", "activation.PausableServerSocketChannel",
			"activation.WarmUp", "activation.jetty.JettyAdapter", "activation.netty.NettyAdapter",
			"activation.tomcat.TomcatAdapter", "libc.ConnectedDatagramSocket", "libc.Libc", "libc.LibcException",
			"libc.NativeAccessException", "libc.NativeLibc", "lifecycle.SystemdStartupNotifier",
			"reload.ReloadSignalListener", "support.ChildApplicationStart", "support.DurationText",
			"support.StatusText");

	@Test
	void everyPublicTypeIsApiOrInternal() {
		Set<String> listed = new HashSet<>(API);
		listed.addAll(INTERNAL);
		assertThat(API).doesNotContainAnyElementsOf(INTERNAL);
		assertThat(publicTopLevelTypes()).containsExactlyInAnyOrderElementsOf(listed);
	}

	@Test
	void internalTypesSaySoInTheirJavadocAndApiTypesDoNot() throws IOException {
		List<String> unmarked = new ArrayList<>();
		List<String> marked = new ArrayList<>();
		for (String type : INTERNAL) {
			if (!javadoc(type).contains(INTERNAL_MARK)) {
				unmarked.add(type);
			}
		}
		for (String type : API) {
			if (javadoc(type).contains(INTERNAL_MARK)) {
				marked.add(type);
			}
		}
		assertThat(unmarked).as("internal types whose javadoc does not say '%s'", INTERNAL_MARK).isEmpty();
		assertThat(marked).as("API types whose javadoc says '%s'", INTERNAL_MARK).isEmpty();
	}

	@Test
	void apiTypesShowNoInternalTypeToApplications() {
		List<String> leaks = new ArrayList<>();
		for (JavaClass type : CLASSES) {
			if (!isVisible(type) || !API.contains(topLevelName(type))) {
				continue;
			}
			Set<JavaClass> shown = new HashSet<>();
			type.getRawSuperclass().ifPresent(shown::add);
			shown.addAll(type.getRawInterfaces());
			type.getTypeParameters().forEach((parameter) -> shown.addAll(parameter.getAllInvolvedRawTypes()));
			addInternal(leaks, type.getName(), shown);
			for (JavaMember member : type.getMembers()) {
				if (member.getModifiers().contains(JavaModifier.PUBLIC)
						|| member.getModifiers().contains(JavaModifier.PROTECTED)) {
					addInternal(leaks, member.getFullName(), involvedTypes(member));
				}
			}
		}
		assertThat(leaks).as("API types and their public members that show internal types").isEmpty();
	}

	private static void addInternal(List<String> leaks, String where, Set<JavaClass> shown) {
		for (JavaClass involved : shown) {
			if (involved.getName().startsWith(ROOT + ".")
					&& INTERNAL.contains(topLevelName(involved.getBaseComponentType()))) {
				leaks.add(where + " shows " + involved.getName());
			}
		}
	}

	private static boolean isVisible(JavaClass type) {
		for (JavaClass current = type; current != null; current = current.getEnclosingClass().orElse(null)) {
			if (!current.getModifiers().contains(JavaModifier.PUBLIC)
					&& !current.getModifiers().contains(JavaModifier.PROTECTED)) {
				return false;
			}
		}
		return true;
	}

	private static Set<JavaClass> involvedTypes(JavaMember member) {
		Set<JavaClass> types = new HashSet<>();
		if (member instanceof JavaCodeUnit codeUnit) {
			types.addAll(codeUnit.getReturnType().getAllInvolvedRawTypes());
			codeUnit.getParameterTypes().forEach((parameter) -> types.addAll(parameter.getAllInvolvedRawTypes()));
			codeUnit.getTypeParameters().forEach((parameter) -> types.addAll(parameter.getAllInvolvedRawTypes()));
			codeUnit.getThrowsClause().getTypes().forEach(types::add);
		}
		else if (member instanceof JavaField field) {
			types.addAll(field.getType().getAllInvolvedRawTypes());
		}
		return types;
	}

	private static String topLevelName(JavaClass type) {
		JavaClass topLevel = type;
		while (topLevel.getEnclosingClass().isPresent()) {
			topLevel = topLevel.getEnclosingClass().get();
		}
		return topLevel.getName().substring(ROOT.length() + 1);
	}

	private static Set<String> publicTopLevelTypes() {
		return CLASSES.stream()
			.filter(JavaClass::isTopLevelClass)
			.filter((type) -> type.getModifiers().contains(JavaModifier.PUBLIC))
			.map((type) -> type.getName().substring(ROOT.length() + 1))
			.collect(Collectors.toSet());
	}

	/**
	 * Return the javadoc of a type: its last comment before the type's declaration.
	 */
	private static String javadoc(String type) throws IOException {
		Path source = Path.of("src/main/java", (ROOT + "." + type).replace('.', '/') + ".java");
		String text = Files.readString(source);
		String simpleName = type.substring(type.lastIndexOf('.') + 1);
		Matcher declaration = Pattern
			.compile("(?m)^public (?:[a-z-]+ )*(class|interface|record|enum|@interface) " + simpleName + "\\b")
			.matcher(text);
		assertThat(declaration.find()).as("declaration of %s in %s", simpleName, source).isTrue();
		int start = text.lastIndexOf("/**", declaration.start());
		assertThat(start).as("javadoc of %s in %s", simpleName, source).isNotNegative();
		int end = text.indexOf("*/", start);
		return text.substring(start, end).replaceAll("\\s*\\n\\s*\\*\\s?", " ");
	}

}
