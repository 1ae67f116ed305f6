package dev.netloom.graph;

import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.graph.analysis.GraphAnalyzer;
import dev.netloom.graph.catalog.LayerCatalog;
import dev.netloom.graph.project.ProjectFile;
import dev.netloom.graph.project.Templates;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Every shipped template loads and is valid; MobileNetV2 matches its published cost. */
class TemplatesTest {

    private final LayerCatalog catalog = LayerCatalog.standard();
    private final Templates templates = new Templates(new ProjectFile(catalog));
    private final GraphAnalyzer analyzer = new GraphAnalyzer(catalog);

    @Test
    void everyTemplateIsValid() {
        assertThat(templates.names()).containsExactly(
                "small-cnn", "mobilenet-v2", "text-classifier", "image-text-qa", "moe-transformer", "image-text-moe",
                "ds-cnn-s", "mobilenet-v3-small", "efficientnet-b0", "resnet-18", "unet-segmentation");
        for (Templates.Template t : templates.all()) {
            GraphAnalysis a = analyzer.analyze(t.project().graph());
            assertThat(a.problems()).as(t.name()).isEmpty();
            assertThat(a.reports()).as(t.name()).hasSameSizeAs(t.project().graph().nodes());
            assertThat(t.project().name()).isNotBlank();
            assertThat(t.project().description()).isNotBlank();
        }
    }

    /**
     * docs/figures.md: MobileNetV2 1.0 at 224x224 and 1000 classes has 3.4M
     * parameters (torchvision counts 3,504,872) and 300M multiply-adds (Sandler et al. 2018).
     * The issue asks for each within 2%.
     */
    @Test
    void mobileNetV2MatchesPublishedCost() {
        GraphAnalysis a = analyzer.analyze(templates.find("mobilenet-v2").orElseThrow().project().graph());
        assertThat(a.isValid()).isTrue();
        assertThat((double) a.total().parameters()).isCloseTo(3_504_872, within(3_504_872 * 0.02));
        assertThat((double) a.total().multiplyAdds()).isCloseTo(300e6, within(300e6 * 0.02));
        // Our counting follows torchvision's exactly: conv weights, BatchNorm scale and shift, the classifier.
        assertThat(a.total().parameters()).isEqualTo(3_504_872L);
    }

    /**
     * Hello Edge (Zhang et al. 2017, Table 5): DS-CNN-S has about 24K parameters (38.6 KB of 8-bit weights
     * with its activations) and 5.4M operations on 49x10 MFCC. Ours reads 40x49 log-mel with a square 4x4
     * first kernel (the paper's is 10x4: 1,536 more weights), so it has fewer weights and, with 4x the
     * input positions, more multiply-adds. Printed side by side; the parameters within 10% of the paper.
     */
    @Test
    void dsCnnSmallIsHelloEdgesSizeOnALogMelSpectrogram() {
        GraphAnalysis a = analyzer.analyze(templates.find("ds-cnn-s").orElseThrow().project().graph());
        System.out.printf("DS-CNN-S: ours %,d parameters, %,d multiply-adds on [1, 40, 49] log-mel; "
                + "Hello Edge ~24K parameters, 5.4M operations on 49x10 MFCC%n", a.total().parameters(), a.total().multiplyAdds());
        assertThat(a.total().parameters()).isEqualTo(
                4 * 4 * 64 + 2 * 64                       // first conv 4x4 -> 64, no bias; its BatchNorm
                        + 4 * (3 * 3 * 64 + 2 * 64        // each block: depthwise 3x3 and BatchNorm
                        + 64 * 64 + 2 * 64)               // pointwise 64 -> 64 and BatchNorm
                        + 64 * 12 + 12);                  // 12 classes
        assertThat((double) a.total().parameters()).isCloseTo(24_000, within(2_400.0));
        // conv1 20x24x64 outputs * 16; per block 20*24*64 * 9 (depthwise) + 20*24*64 * 64 (pointwise); 64*12
        assertThat(a.total().multiplyAdds()).isEqualTo(20L * 24 * 64 * 16 + 4L * (20 * 24 * 64 * 9 + 20 * 24 * 64 * 64)
                + 64 * 12);
        assertThat(a.report("keywords").orElseThrow().out()).isEqualTo(TensorType.floats(12));
    }

    /**
     * The U-Net's weights counted by hand as PyTorch counts its modules (3x3 convolutions without bias,
     * BatchNorm scale and shift, the transposed convolution's [64, 32, 2, 2] + 32, the 1x1 head):
     * encoder 464 + 2,336 + 4,672 + 9,280, middle 18,560 + 36,992, up 8,224, decoder 18,496 + 9,280
     * + 4,640 + 4,640 + 2,336, head 34.
     */
    @Test
    void unetLabelsEveryPixelWithTheWeightsCountedByHand() {
        GraphAnalysis a = analyzer.analyze(templates.find("unet-segmentation").orElseThrow().project().graph());
        assertThat(a.report("mask").orElseThrow().out()).isEqualTo(TensorType.floats(2, 64, 64));
        assertThat(a.report("skip2").orElseThrow().out()).isEqualTo(TensorType.floats(64, 32, 32));
        assertThat(a.total().parameters()).isEqualTo(119_954L);
    }

    @Test
    void smallCnnFitsUnderOneHundredThousandParameters() {
        GraphAnalysis a = analyzer.analyze(templates.find("small-cnn").orElseThrow().project().graph());
        assertThat(a.total().parameters()).isLessThan(100_000L);
        assertThat(a.report("classes").orElseThrow().out()).isEqualTo(TensorType.floats(10));
    }

    @Test
    void moeTemplateUsesFewerWeightsPerTokenThanItStores() {
        GraphAnalysis a = analyzer.analyze(templates.find("moe-transformer").orElseThrow().project().graph());
        assertThat(a.total().activeParameters()).isLessThan(a.total().parameters());
        assertThat(a.total().activeMultiplyAdds()).isLessThan(a.total().multiplyAdds());
    }
}
