package dev.netloom.graph;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import dev.netloom.graph.catalog.LayerCatalog;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The borders docs/architecture.md draws around model-graph, checked. */
@AnalyzeClasses(packages = "dev.netloom.graph", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleBordersTest {

    @ArchTest
    static final ArchRule modelGraphDependsOnJacksonOnly = classes()
            .that().resideInAPackage("dev.netloom.graph..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "com.fasterxml.jackson..", "dev.netloom.graph..")
            .because("model-graph is the centre every module reads; it depends on nothing heavy (docs/architecture.md)");

    @ArchTest
    static final ArchRule valuesKnowNoAnalysisOrEdits = classes()
            .that().resideInAPackage("dev.netloom.graph")
            .should().onlyDependOnClassesThat().resideOutsideOfPackages(
                    "dev.netloom.graph.analysis..", "dev.netloom.graph.edit..", "dev.netloom.graph.project..",
                    "dev.netloom.graph.catalog..", "dev.netloom.graph.layers..")
            .because("graph values are plain data; analysis, edits and files are built on them, not the other way");

    /**
     * One written exception: {@code LayerCatalog.standard()} lists the built-in layer classes,
     * which extend the catalog's {@code LayerSpec}. The registry of built-ins has to name them.
     */
    @ArchTest
    static final ArchRule packagesHaveNoCycles = slices().matching("dev.netloom.graph.(*)..").should().beFreeOfCycles()
            .ignoreDependency(JavaClass.Predicates.equivalentTo(LayerCatalog.class),
                    JavaClass.Predicates.resideInAPackage("dev.netloom.graph.layers"))
            .because("each package is readable on its own");
}
