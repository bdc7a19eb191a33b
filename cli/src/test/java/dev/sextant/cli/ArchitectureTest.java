package dev.sextant.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module boundaries of ARCHITECTURE.md, checked on the compiled classes: the plugin contract
 * ({@code api}) depends on nothing, plugins depend only on the contract, and neither reaches into
 * the engine or the fronts. This is our import-confinement check.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.sextant");
    }

    @Test
    void apiDependsOnNothingButTheJdk() {
        classes().that().resideInAPackage("dev.sextant.api..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.sextant.api..", "java..")
                .check(classes);
    }

    @Test
    void pluginsDependOnlyOnTheApi() {
        noClasses().that().resideInAPackage("dev.sextant.plugins..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.sextant.core..", "dev.sextant.gateway..", "dev.sextant.cli..", "dev.sextant.simulator..",
                        "dev.sextant.sidecar..", "dev.sextant.bench..")
                .check(classes);
    }

    @Test
    void apiAndPluginsNeverReachTheEngineOrTheFronts() {
        noClasses().that().resideInAnyPackage("dev.sextant.api..", "dev.sextant.plugins..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.sextant.core..", "dev.sextant.gateway..")
                .check(classes);
    }

    @Test
    void coreNeverDependsOnAFront() {
        noClasses().that().resideInAPackage("dev.sextant.core..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.sextant.gateway..", "dev.sextant.cli..", "dev.sextant.sidecar..", "dev.sextant.bench..")
                .check(classes);
    }

    @Test
    void theSimulatorKnowsOnlyTheApi() {
        noClasses().that().resideInAPackage("dev.sextant.simulator..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.sextant.core..", "dev.sextant.plugins..",
                        "dev.sextant.gateway..", "dev.sextant.cli..", "dev.sextant.bench..")
                .check(classes);
    }

    @Test
    void theSidecarKnowsNothingOfSextant() {
        noClasses().that().resideInAPackage("dev.sextant.sidecar..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.sextant.api..", "dev.sextant.core..",
                        "dev.sextant.plugins..", "dev.sextant.gateway..", "dev.sextant.simulator..",
                        "dev.sextant.cli..", "dev.sextant.bench..")
                .check(classes);
    }

    @Test
    void theGatewayNeverDependsOnTheCommandLine() {
        noClasses().that().resideInAPackage("dev.sextant.gateway..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.sextant.cli..", "dev.sextant.bench..",
                        "dev.sextant.simulator..")
                .check(classes);
    }

    @Test
    void kubernetesStaysInItsPackage() {
        noClasses().that().resideOutsideOfPackages("dev.sextant.gateway.kubernetes..", "dev.sextant.cli..")
                .should().dependOnClassesThat().resideInAPackage("io.fabric8..")
                .check(classes);
    }

    @Test
    void theDatasetToolStandsAlone() {
        noClasses().that().resideInAPackage("dev.sextant.dataset..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.sextant.api..", "dev.sextant.core..",
                        "dev.sextant.plugins..", "dev.sextant.gateway..", "dev.sextant.simulator..", "dev.sextant.cli..")
                .check(classes);
    }

    @Test
    void theBenchHarnessRunsTheEngineWithoutAFront() {
        noClasses().that().resideInAnyPackage("dev.sextant.bench.cluster..", "dev.sextant.bench.workload..",
                        "dev.sextant.bench.load..", "dev.sextant.bench.metrics..", "dev.sextant.bench.report..",
                        "dev.sextant.bench.extproc..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.sextant.gateway..", "dev.sextant.cli..",
                        "dev.sextant.simulator.server..")
                .check(classes);
    }
}
