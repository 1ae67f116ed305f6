package dev.netloom.devices;

import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.graph.analysis.GraphAnalyzer;
import dev.netloom.graph.catalog.LayerCatalog;
import dev.netloom.graph.project.ProjectFile;
import dev.netloom.graph.project.Templates;

/** The shipped templates, analysed once for the tests. */
final class MobileNet {

    private static final LayerCatalog CATALOG = LayerCatalog.standard();

    private MobileNet() {
    }

    static GraphAnalysis template(String name) {
        Templates templates = new Templates(new ProjectFile(CATALOG));
        return new GraphAnalyzer(CATALOG).analyze(templates.find(name).orElseThrow().project().graph());
    }

    /** MobileNetV2 1.0 at 224×224: 3.50M parameters, 300.8M multiply-adds. */
    static GraphAnalysis v2() {
        return template("mobilenet-v2");
    }
}
