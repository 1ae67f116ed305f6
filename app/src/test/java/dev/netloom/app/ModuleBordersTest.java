package dev.netloom.app;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The borders docs/architecture.md draws around the app, checked. */
@AnalyzeClasses(packages = "dev.netloom.app", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleBordersTest {

    @ArchTest
    static final ArchRule noDjlInTheApp = noClasses().that().resideInAPackage("dev.netloom.app..")
            .should().dependOnClassesThat().resideInAnyPackage("ai.djl..")
            .because("DJL lives only in training-engine; the app talks to training through its API (docs/architecture.md)");
}
