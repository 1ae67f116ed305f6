package dev.netloom.export.bundle;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Bundles are bytes, text and JDK crypto: they do not reach into runtimes, the UI or the rest of export. */
class BundleBordersTest {

    @Test
    void bundlesDependOnlyOnTheJdkJacksonAndModelGraph() {
        var classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.netloom.export.bundle");
        noClasses().that().resideInAPackage("dev.netloom.export.bundle..")
                .should().dependOnClassesThat().resideInAnyPackage("ai.onnxruntime..", "ai.djl..", "javafx..",
                        "ai.onnx..", "com.google.protobuf..", "org.bouncycastle..")
                .because("a bundle is written and checked from bytes with the JDK's own crypto; the ONNX writer and "
                        + "ORT verification live elsewhere in export (docs/architecture.md)")
                .check(classes);
        noClasses().that().resideInAPackage("dev.netloom.export.bundle..")
                .should().dependOnClassesThat().resideInAPackage("dev.netloom.export")
                .because("the exporter calls bundles, not the other way round")
                .check(classes);
    }
}
