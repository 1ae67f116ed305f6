package dev.netloom.hpo;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private final JavaClasses hpo = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.netloom.hpo");

    @Test
    void hpoDependsOnCommonsMathAndJdbcDriversOnly() {
        classes().that().resideInAPackage("dev.netloom.hpo..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.netloom.hpo..",
                        "org.apache.commons.math3..", "org.sqlite..", "org.postgresql..")
                .because("hpo is a general library that knows nothing about neural networks (docs/architecture.md)")
                .check(hpo);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("dev.netloom.hpo.(*)..").should().beFreeOfCycles()
                .because("each package reads on its own: samplers and analyses both build on the search space "
                        + "helpers (space), and analyses never call a sampler")
                .check(hpo);
    }

    @Test
    void theMathsNeverSeeAStudy() {
        classes().that().haveSimpleNameStartingWith("ParzenEstimator").or().haveSimpleName("CmaEs")
                .or().haveSimpleName("NormalMath").or().haveSimpleName("RegressionTree")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.apache.commons.math3..",
                        "dev.netloom.hpo.sampler..", "dev.netloom.hpo.analysis..")
                .andShould().onlyDependOnClassesThat().doNotHaveSimpleName("Study")
                .because("maths apart from glue (docs/style.md): estimators and updates are tested alone")
                .check(hpo);
    }
}
