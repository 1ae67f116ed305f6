package dev.netloom.export;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The borders docs/architecture.md draws around export, checked (bundles have their own: {@code BundleBordersTest}). */
@AnalyzeClasses(packages = "dev.netloom.export", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleBordersTest {

    @ArchTest
    static final ArchRule noDjl = noClasses().that().resideInAPackage("dev.netloom.export..")
            .should().dependOnClassesThat().resideInAnyPackage("ai.djl..", "dev.netloom.train..")
            .because("export reads the model artifact's files; DJL and the training engine live in training-engine "
                    + "(docs/architecture.md)");

    @ArchTest
    static final ArchRule noUi = noClasses().that().resideInAPackage("dev.netloom.export..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "dev.netloom.designer..", "dev.netloom.app..")
            .because("the CLI and the Export view both call export; it knows neither");

    @ArchTest
    static final ArchRule packagesHaveNoCycles = slices().matching("dev.netloom.export.(*)..").should().beFreeOfCycles()
            .because("writer, quantizer, plan, verification, bundles and host calibration each read on their own");
}
