package dev.netloom.app;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The borders docs/architecture.md draws around the app, checked. */
@AnalyzeClasses(packages = "dev.netloom.app", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleBordersTest {

    @ArchTest
    static final ArchRule noDjlInTheApp = noClasses().that().resideInAPackage("dev.netloom.app..")
            .should().dependOnClassesThat().resideInAnyPackage("ai.djl..")
            .because("DJL lives only in training-engine; the app talks to training through its API (docs/architecture.md)");

    @ArchTest
    static final ArchRule packagesHaveNoCycles = slices().matching("dev.netloom.app.(*)..").should().beFreeOfCycles()
            .because("each view's package is readable on its own: the window (studio) wires the views, and what "
                    + "they share (the open project, the redraw pace) sits below them in session");

    @ArchTest
    static final ArchRule viewModelsKnowNoScene = noClasses().that().resideInAPackage("dev.netloom.app..")
            .and().haveSimpleNameEndingWith("ViewModel")
            .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..")
            .because("view models are tested without a window (docs/style.md): properties and collections only");

    @ArchTest
    static final ArchRule commandLineKnowsNoJavaFx = noClasses().that().resideInAPackage("dev.netloom.app.cli..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "dev.netloom.designer..")
            .because("every command runs without a display; it calls the same services the window does "
                    + "(docs/architecture.md)");
}
