package dev.netloom.designer;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The borders docs/architecture.md draws around ui-designer, checked. */
@AnalyzeClasses(packages = "dev.netloom.designer", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleBordersTest {

    @ArchTest
    static final ArchRule designerDependsOnModelGraphAndUiLibrariesOnly = classes()
            .that().resideInAPackage("dev.netloom.designer..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javafx..", "dev.netloom.designer..",
                    "dev.netloom.graph..", "org.controlsfx..", "atlantafx..", "org.kordamp.ikonli..",
                    "org.eclipse.elk..")
            .because("ui-designer is a reusable editor on model-graph; the app wires it (docs/architecture.md)");

    @ArchTest
    static final ArchRule viewModelsKnowNoViews = noClasses()
            .that().resideInAPackage("dev.netloom.designer.model..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "dev.netloom.designer.view..")
            .because("view-models are tested without a window (docs/style.md); only javafx.beans and collections");

    @ArchTest
    static final ArchRule packagesHaveNoCycles = slices().matching("dev.netloom.designer.(*)..").should().beFreeOfCycles()
            .because("view-models, views and layout each read on their own; views sit on view-models, not the other way");

    @ArchTest
    static final ArchRule layoutIsPure = noClasses()
            .that().resideInAPackage("dev.netloom.designer.layout..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..")
            .because("a layout is computed off the FX thread and applied as one MoveNodes edit");
}
