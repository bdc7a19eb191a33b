package dev.sextant.dataset;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The module's boundary (README.md): the JDK and Jackson's streaming writer, no other Sextant module. */
class DependencyTest {

    @Test
    void dependsOnlyOnTheJdkAndJacksonCore() {
        classes().that().resideInAPackage("dev.sextant.dataset..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("dev.sextant.dataset..", "java..", "com.fasterxml.jackson.core..")
                .check(new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("dev.sextant.dataset"));
    }
}
