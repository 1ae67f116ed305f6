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

    /**
     * DJL's arithmetic with a Java number leaves autograd a constant in memory the garbage collector
     * frees before backward reads it (model.Scalars explains); Scalars is the one way to do it.
     */
    @ArchTest
    static final ArchRule constantsGoThroughScalars = noClasses().that()
            .doNotHaveFullyQualifiedName("dev.netloom.train.model.Scalars")
            .should().callMethod(ai.djl.ndarray.NDArray.class, "mul", Number.class)
            .orShould().callMethod(ai.djl.ndarray.NDArray.class, "div", Number.class)
            .orShould().callMethod(ai.djl.ndarray.NDArray.class, "pow", Number.class)
            .orShould().callMethod(ai.djl.ndarray.NDArray.class, "maximum", Number.class)
            .orShould().callMethod(ai.djl.ndarray.NDArray.class, "minimum", Number.class)
            .orShould().callMethod(ai.djl.ndarray.NDArrays.class, "maximum", Number.class, ai.djl.ndarray.NDArray.class)
            .orShould().callMethod(ai.djl.ndarray.NDArrays.class, "minimum", Number.class, ai.djl.ndarray.NDArray.class)
            .orShould().callMethod(ai.djl.nn.Activation.class, "relu6", ai.djl.ndarray.NDArray.class)
            .orShould().callMethod(ai.djl.nn.Activation.class, "swish", ai.djl.ndarray.NDArray.class, float.class)
            .because("a garbage collection between forward and backward changed gradients (issue 26; docs/recipes.md)");

    @ArchTest
    static final ArchRule packagesHaveNoCycles = slices().matching("dev.netloom.train.(*)..").should().beFreeOfCycles()
            .because("data readers, the graph compiler and the artifact each read on their own");
}
