package dev.netloom.devices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/** The borders docs/architecture.md draws around device-profiles, checked. */
@AnalyzeClasses(packages = "dev.netloom.devices", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleBordersTest {

    @ArchTest
    static final ArchRule modelGraphAndJacksonOnly = classes().that().resideInAPackage("dev.netloom.devices..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "com.fasterxml.jackson..",
                    "dev.netloom.devices..", "dev.netloom.graph..")
            .because("the device catalog and estimator are plain data and arithmetic on model-graph; export and the "
                    + "window read them (docs/architecture.md)");
}
