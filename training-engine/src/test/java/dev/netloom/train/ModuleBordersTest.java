package dev.netloom.train;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The borders docs/architecture.md draws around the training engine, checked. */
@AnalyzeClasses(packages = "dev.netloom.train", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleBordersTest {

    @ArchTest
    static final ArchRule noOnnxAndNoUi = noClasses().that().resideInAPackage("dev.netloom.train..")
            .should().dependOnClassesThat().resideInAnyPackage("ai.onnx..", "ai.onnxruntime..", "javafx..",
                    "dev.netloom.export..", "dev.netloom.designer..", "dev.netloom.app..", "dev.netloom.hpo..")
            .because("the training engine writes the model artifact and never ONNX; export, search and the "
                    + "window build on it (docs/architecture.md)");

    @ArchTest
    static final ArchRule packagesHaveNoCycles = slices().matching("dev.netloom.train.(*)..").should().beFreeOfCycles()
            .because("data readers, the graph compiler and the artifact each read on their own");
}
