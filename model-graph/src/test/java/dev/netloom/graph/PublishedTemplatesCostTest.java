package dev.netloom.graph;

import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.graph.analysis.GraphAnalyzer;
import dev.netloom.graph.catalog.LayerCatalog;
import dev.netloom.graph.project.ProjectFile;
import dev.netloom.graph.project.Templates;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The templates of published models cost what their publishers say (docs/figures.md): parameters
 * to the last digit as torchvision counts them (convolution and dense weights and biases,
 * BatchNorm's scale and shift, not its running statistics), multiply-adds within 2% of the
 * published figure (convolutions and matrix products only; torchvision's table gives GFLOPS, which
 * for these models are multiply-adds).
 */
class PublishedTemplatesCostTest {

    private final LayerCatalog catalog = LayerCatalog.standard();

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // template,         torchvision parameters, published multiply-adds
            "mobilenet-v3-small, 2542856,  56e6",   // Howard et al. 2019: 56M MAdds; torchvision 0.06 GFLOPS
            "efficientnet-b0,    5288548,  0.39e9", // Tan and Le 2019: 0.39B FLOPs; torchvision 0.39 GFLOPS
            "resnet-18,          11689512, 1.81e9", // torchvision 1.81 GFLOPS
    })
    void parametersAreTorchvisionsAndMultiplyAddsWithinTwoPercentOfThePublishedFigure(String name, long parameters,
                                                                                       double multiplyAdds) {
        GraphAnalysis a = new GraphAnalyzer(catalog).analyze(
                new Templates(new ProjectFile(catalog)).find(name).orElseThrow().project().graph());

        assertThat(a.problems()).isEmpty();
        assertThat(a.report("classes").orElseThrow().out()).isEqualTo(TensorType.floats(1000));
        assertThat(a.total().parameters()).isEqualTo(parameters);
        assertThat((double) a.total().multiplyAdds()).isCloseTo(multiplyAdds, within(multiplyAdds * 0.02));
    }
}
