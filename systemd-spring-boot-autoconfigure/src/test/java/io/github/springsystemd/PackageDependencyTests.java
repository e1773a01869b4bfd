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

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Tests that the packages depend on each other one way, as the README's layout says:
 * {@code protocol}, {@code libc} and {@code support} on no other package, the feature
 * packages never on {@code autoconfigure}, and no cycle among them.
 */
class PackageDependencyTests {

	private static final String ROOT = "io.github.springsystemd";

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages(ROOT);

	@Test
	void packagesFormNoCycle() {
		slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(CLASSES);
	}

	@Test
	void nothingButTheAutoConfigurationDependsOnIt() {
		noClasses().that()
			.resideOutsideOfPackage(ROOT + ".autoconfigure..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage(ROOT + ".autoconfigure..")
			.check(CLASSES);
	}

	@Test
	void protocolLibcAndSupportDependOnNoOtherPackage() {
		for (String base : new String[] { "protocol", "libc", "support" }) {
			String own = ROOT + "." + base + "..";
			noClasses().that()
				.resideInAPackage(own)
				.should()
				.dependOnClassesThat(resideInAPackage(ROOT + "..").and(not(resideInAPackage(own))))
				.check(CLASSES);
		}
	}

}
