package dev.netloom.graph;

import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.graph.analysis.Problem;
import dev.netloom.graph.catalog.LayerCatalog;
import dev.netloom.graph.catalog.LayerContext;
import dev.netloom.graph.catalog.LayerSpec;
import dev.netloom.graph.catalog.ShapeException;
import org.junit.jupiter.api.Test;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static dev.netloom.graph.GraphSketch.onlyProblemAt;
import static dev.netloom.graph.GraphSketch.sketch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The shape, parameter, multiply-add and activation-memory rules of every layer type in the
 * standard catalog, against numbers worked out by hand from first principles (PyTorch
 * conventions; the formula is in a comment next to each number), and the problems a layer
 * reports when its inputs or parameters cannot work together.
 *
 * <p>Conventions: shapes exclude the batch; multiply-adds count only matrix products and
 * convolutions; activation bytes are the outputs (4 bytes per float, 8 per token id) plus the
 * layer's transient workspace.
 *
 * <p>Every method that checks a layer's numbers names the type in {@link Covers};
 * {@link #everyCatalogLayerTypeHasAHandComputedTest()} fails when a catalog type has none.
 */
class LayerRulesTest {

    private static final LayerCatalog CATALOG = LayerCatalog.standard();

    /** The layer types whose shape and cost a test method checks against hand-computed values. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(java.lang.annotation.ElementType.METHOD)
    @interface Covers {
        String[] value();
    }

    /** What a layer gives for one example: the type at its {@code out} port and its cost. */
    private record Outcome(TensorType out, Cost cost) {
    }

    // ---------------------------------------------------------------------------------------
    // Coverage
    // ---------------------------------------------------------------------------------------

    @Test
    void everyCatalogLayerTypeHasAHandComputedTest() {
        Set<String> covered = new TreeSet<>();
        for (Method m : LayerRulesTest.class.getDeclaredMethods()) {
            if (m.isAnnotationPresent(Test.class) && m.isAnnotationPresent(Covers.class)) {
                covered.addAll(Arrays.asList(m.getAnnotation(Covers.class).value()));
            }
        }
        Set<String> catalogTypes = CATALOG.all().stream().map(LayerSpec::type)
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(covered).as("catalog layer types with a hand-computed shape-and-cost test in LayerRulesTest")
                .containsAll(catalogTypes);
        assertThat(catalogTypes).as("@Covers names that are not layer types of the standard catalog")
                .containsAll(covered);
    }

    // ---------------------------------------------------------------------------------------
    // Inputs
    // ---------------------------------------------------------------------------------------

    @Test
    @Covers("Image")
    void imageInputGivesChannelsFirstPicture() {
        Outcome o = apply("Image", params("channels", 3, "height", 32, "width", 24), Map.of());

        assertThat(o.out()).isEqualTo(TensorType.floats(3, 32, 24)); // [C, H, W]
        assertThat(o.out().kind()).isEqualTo(TensorKind.IMAGE);
        assertCost(o.cost(),
                0,      // an input has no weights
                0,      // and does no products
                9216);  // 3*32*24 floats * 4 bytes
    }

    @Test
    @Covers("Tokens")
    void tokensInputGivesTokenIdsWithTheirVocabulary() {
        Outcome o = apply("Tokens", params("length", 16, "vocabulary", 500), Map.of());

        assertThat(o.out()).isEqualTo(TensorType.tokens(16, 500));
        assertThat(o.out().kind()).isEqualTo(TensorKind.TOKENS);
        assertThat(o.out().elementType()).isEqualTo(ElementType.INT64);
        assertCost(o.cost(),
                0,
                0,
                128);   // 16 ids * 8 bytes (int64)
    }

    @Test
    @Covers("Tabular")
    void tabularInputGivesAVector() {
        Outcome o = apply("Tabular", params("features", 12), Map.of());

        assertThat(o.out()).isEqualTo(TensorType.floats(12));
        assertCost(o.cost(),
                0,
                0,
                48);    // 12 floats * 4
    }

    // ---------------------------------------------------------------------------------------
    // Core
    // ---------------------------------------------------------------------------------------

    @Test
    @Covers("Dense")
    void denseOnAVector() {
        Outcome o = apply("Dense", params("units", 10), TensorType.floats(20));

        assertThat(o.out()).isEqualTo(TensorType.floats(10));
        assertCost(o.cost(),
                210,    // weight 20*10 + bias 10
                200,    // one 20x10 matrix-vector product: 20*10
                40);    // 10 floats * 4
    }

    @Test
    void denseWithoutBiasHasOnlyTheWeightMatrix() {
        Outcome o = apply("Dense", params("units", 10, "bias", false), TensorType.floats(20));

        assertThat(o.cost().parameters()).isEqualTo(200); // weight 20*10, no bias
        assertThat(o.cost().multiplyAdds()).isEqualTo(200); // 20*10, the bias is an addition only
    }

    @Test
    @Covers("Dense")
    void denseOnASequenceMixesTheLastDimensionAtEveryPosition() {
        Outcome o = apply("Dense", params("units", 3), TensorType.floats(5, 8));

        assertThat(o.out()).isEqualTo(TensorType.floats(5, 3)); // [L, units]
        assertCost(o.cost(),
                27,     // weight 8*3 + bias 3, shared by every position
                120,    // 5 positions * 8*3
                60);    // 5*3 floats * 4
    }

    @Test
    @Covers("Dropout")
    void dropoutKeepsTheShapeAndHasNoWeights() {
        Outcome o = apply("Dropout", params("rate", 0.5), TensorType.floats(4, 6));

        assertThat(o.out()).isEqualTo(TensorType.floats(4, 6));
        assertCost(o.cost(),
                0,
                0,      // masking is element-wise, not a product
                96);    // 4*6 floats * 4
    }

    @Test
    @Covers("Activation")
    void activationKeepsTheShapeAndHasNoWeights() {
        Outcome o = apply("Activation", params("function", "Softmax"), TensorType.floats(2, 3, 3));

        assertThat(o.out()).isEqualTo(TensorType.floats(2, 3, 3));
        assertCost(o.cost(),
                0,
                0,      // element-wise work is not counted
                72);    // 2*3*3 floats * 4
    }

    @Test
    void activationRefusesAnUnknownFunctionNamingTheChoices() {
        GraphAnalysis a = sketch().vector("in", 4).layer("act", "Activation", "function", "Swish")
                .chain("in", "act").endWithHead("act").analyze();

        Problem p = onlyProblemAt(a, "act");
        assertThat(p.port()).isNull();
        assertThat(p.message()).isEqualTo(
                "parameter function must be one of ReLU, ReLU6, LeakyReLU, GELU, SiLU, Hardswish, Sigmoid, Hardsigmoid, Tanh, "
                        + "Softmax, got \"Swish\"");
    }

    @Test
    @Covers("Flatten")
    void flattenLaysAPictureOutAsOneVector() {
        Outcome o = apply("Flatten", params(), TensorType.floats(3, 4, 5));

        assertThat(o.out()).isEqualTo(TensorType.floats(60)); // 3*4*5
        assertCost(o.cost(),
                0,
                0,
                240);   // 60 floats * 4
    }

    @Test
    void flattenOfASequenceMultipliesItsDimensions() {
        assertThat(apply("Flatten", params(), TensorType.floats(7, 2)).out()).isEqualTo(TensorType.floats(14));
    }

    @Test
    void flattenRefusesMoreValuesThanOneDimensionHolds() {
        // 64 channels * 16 * 16 (two depthwise multipliers) = 16384 channels of 4096x4096: 2^38 values
        GraphAnalysis a = sketch().image("img", 64, 4096, 4096)
                .layer("dw1", "DepthwiseConv2d", "multiplier", 16, "kernel", 1, "padding", 0)
                .layer("dw2", "DepthwiseConv2d", "multiplier", 16, "kernel", 1, "padding", 0)
                .layer("flat", "Flatten")
                .layer("head", "Classification")
                .chain("img", "dw1", "dw2", "flat", "head").analyze();

        assertThat(a.report("dw2").orElseThrow().out()).isEqualTo(TensorType.floats(16384, 4096, 4096));
        Problem p = onlyProblemAt(a, "flat");
        assertThat(p.port()).isNull();
        assertThat(p.message()).contains("274877906944"); // 2^38, far above the 2^31-1 a dimension holds
    }

    @Test
    @Covers("Reshape")
    void reshapeRearrangesValuesIntoTheGivenShape() {
        Outcome o = apply("Reshape", params("shape", List.of(6, 4)), TensorType.floats(2, 3, 4));

        assertThat(o.out()).isEqualTo(TensorType.floats(6, 4)); // 2*3*4 = 24 = 6*4
        assertThat(o.out().kind()).isEqualTo(TensorKind.SEQUENCE);
        assertCost(o.cost(),
                0,
                0,
                96);    // 24 floats * 4
    }

    @Test
    void reshapeFillsInTheOneWildcardDimension() {
        // 24 values into [4, -1, 3]: -1 = 24 / (4*3) = 2
        assertThat(apply("Reshape", params("shape", List.of(4, -1, 3)), TensorType.floats(24)).out())
                .isEqualTo(TensorType.floats(4, 2, 3));
        // [-1] flattens
        assertThat(apply("Reshape", params("shape", List.of(-1)), TensorType.floats(2, 3, 4)).out())
                .isEqualTo(TensorType.floats(24));
    }

    @Test
    void reshapeToARankFourShapeGivesAnOtherTensor() {
        Outcome o = apply("Reshape", params("shape", List.of(2, 3, 2, 2)), TensorType.floats(24));

        assertThat(o.out().kind()).isEqualTo(TensorKind.OTHER);
        assertThat(o.out()).isEqualTo(TensorType.floats(2, 3, 2, 2));
    }

    @Test
    void reshapeReportsAProductMismatchWithBothCounts() {
        GraphAnalysis a = sketch().sequence("seq", 4, 6).layer("rs", "Reshape", "shape", List.of(5, 5))
                .chain("seq", "rs").endWithHead("rs").analyze();

        Problem p = onlyProblemAt(a, "rs");
        assertThat(p.port()).isEqualTo("in");
        assertThat(p.message()).isEqualTo("cannot reshape [N, 4, 6] (24 values) to [5, 5] (25 values)");
    }

    @Test
    void reshapeRefusesTwoWildcards() {
        GraphAnalysis a = sketch().vector("in", 24).layer("rs", "Reshape", "shape", List.of(-1, -1))
                .chain("in", "rs").endWithHead("rs").analyze();

        Problem p = onlyProblemAt(a, "rs");
        assertThat(p.port()).isNull();
        assertThat(p.message()).isEqualTo("shape [-1, -1] has more than one -1");
    }

    @Test
    void reshapeReportsAWildcardThatDoesNotDivideTheValues() {
        GraphAnalysis a = sketch().vector("in", 24).layer("rs", "Reshape", "shape", List.of(-1, 5))
                .chain("in", "rs").endWithHead("rs").analyze();

        Problem p = onlyProblemAt(a, "rs");
        assertThat(p.port()).isEqualTo("in");
        assertThat(p.message()).isEqualTo("cannot reshape 24 values to [-1, 5]: 24 is not a multiple of 5");
    }

    @Test
    void reshapeRefusesAZeroDimension() {
        GraphAnalysis a = sketch().vector("in", 24).layer("rs", "Reshape", "shape", List.of(0, 24))
                .chain("in", "rs").endWithHead("rs").analyze();

        assertThat(onlyProblemAt(a, "rs").message())
                .isEqualTo("shape [0, 24] has a 0; every dimension must be positive");
    }

    @Test
    @Covers("Add")
    void addOfTwoEqualShapesKeepsTheShape() {
        Outcome o = apply("Add", params(),
                Map.of("a", TensorType.floats(4, 5, 5), "b", TensorType.floats(4, 5, 5)));

        assertThat(o.out()).isEqualTo(TensorType.floats(4, 5, 5));
        assertCost(o.cost(),
                0,
                0,      // element-wise sum
                400);   // 4*5*5 floats * 4
    }

    @Test
    void addOfDifferentShapesIsReportedAtTheSecondInputWithBothShapes() {
        GraphAnalysis a = sketch().image("x", 4, 5, 5).image("y", 4, 6, 6).layer("add", "Add")
                .connect("x", "add.a").connect("y", "add.b").endWithHead("add").analyze();

        Problem p = onlyProblemAt(a, "add");
        assertThat(p.port()).isEqualTo("b");
        assertThat(p.message()).isEqualTo("expected the same shape as input a, [N, 4, 5, 5], got [N, 4, 6, 6]");
    }

    @Test
    @Covers("Concat")
    void concatOfPicturesJoinsChannels() {
        Outcome o = apply("Concat", params(),
                Map.of("a", TensorType.floats(3, 8, 8), "b", TensorType.floats(5, 8, 8)));

        assertThat(o.out()).isEqualTo(TensorType.floats(8, 8, 8)); // channels 3 + 5
        assertCost(o.cost(),
                0,
                0,
                2048);  // 8*8*8 floats * 4
    }

    @Test
    @Covers("Concat")
    void concatOfSequencesJoinsTheLastDimensionOverThreeInputs() {
        Outcome o = apply("Concat", params(), Map.of(
                "a", TensorType.floats(6, 4), "b", TensorType.floats(6, 2), "c", TensorType.floats(6, 3)));

        assertThat(o.out()).isEqualTo(TensorType.floats(6, 9)); // widths 4 + 2 + 3
        assertCost(o.cost(), 0, 0, 216); // 6*9 floats * 4
    }

    @Test
    void concatOfFourVectorsJoinsAllOfThem() {
        Outcome o = apply("Concat", params(), Map.of("a", TensorType.floats(3), "b", TensorType.floats(4),
                "c", TensorType.floats(5), "d", TensorType.floats(6)));

        assertThat(o.out()).isEqualTo(TensorType.floats(18)); // 3 + 4 + 5 + 6
    }

    @Test
    void concatOfPicturesOfDifferentSizesNamesBothShapes() {
        GraphAnalysis a = sketch().image("x", 3, 8, 8).image("y", 3, 4, 4).layer("cat", "Concat")
                .connect("x", "cat.a").connect("y", "cat.b").endWithHead("cat").analyze();

        Problem p = onlyProblemAt(a, "cat");
        assertThat(p.port()).isEqualTo("b");
        assertThat(p.message()).isEqualTo(
                "expected every dimension but the feature axis to match input a [N, 3, 8, 8], got [N, 3, 4, 4]");
    }

    @Test
    void concatOfSequencesOfDifferentLengthsIsReportedAtTheOptionalPortThatDiffers() {
        GraphAnalysis a = sketch().sequence("x", 6, 4).sequence("y", 6, 2).sequence("z", 5, 4).layer("cat", "Concat")
                .connect("x", "cat.a").connect("y", "cat.b").connect("z", "cat.c").endWithHead("cat").analyze();

        Problem p = onlyProblemAt(a, "cat");
        assertThat(p.port()).isEqualTo("c");
        assertThat(p.message()).contains("[N, 6, 4]").contains("[N, 5, 4]");
    }

    @Test
    void concatOfAPictureAndASequenceNamesBothKinds() {
        GraphAnalysis a = sketch().image("x", 3, 8, 8).sequence("y", 4, 8).layer("cat", "Concat")
                .connect("x", "cat.a").connect("y", "cat.b").endWithHead("cat").analyze();

        Problem p = onlyProblemAt(a, "cat");
        assertThat(p.port()).isEqualTo("b");
        assertThat(p.message()).isEqualTo("expected an image like input a, got sequence [N, 4, 8]");
    }

    @Test
    @Covers("Multiply")
    void multiplyByAChannelGateRepeatsItOverEveryPixel() {
        Outcome o = apply("Multiply", params(),
                Map.of("a", TensorType.floats(4, 5, 5), "b", TensorType.floats(4, 1, 1)));

        assertThat(o.out()).isEqualTo(TensorType.floats(4, 5, 5)); // [4,5,5] x [4,1,1]: the 1s repeat
        assertCost(o.cost(),
                0,
                0,      // element-wise product, not a matrix product
                400);   // 4*5*5 floats * 4
    }

    @Test
    @Covers("Multiply")
    void multiplyBroadcastsEitherSideAndVectorsOfTheSameSize() {
        assertThat(apply("Multiply", params(), Map.of("a", TensorType.floats(1, 6), "b", TensorType.floats(3, 1)))
                .out()).isEqualTo(TensorType.floats(3, 6)); // [1,6] x [3,1] -> [3,6]
        assertCost(apply("Multiply", params(), Map.of("a", TensorType.floats(8), "b", TensorType.floats(8))).cost(),
                0, 0, 32); // 8 floats * 4
    }

    @Test
    void multiplyOfSizesThatNeitherMatchNorRepeatNamesBoth() {
        GraphAnalysis a = sketch().image("x", 4, 5, 5).image("y", 3, 1, 1).layer("mul", "Multiply")
                .connect("x", "mul.a").connect("y", "mul.b").endWithHead("mul").analyze();

        Problem p = onlyProblemAt(a, "mul");
        assertThat(p.port()).isEqualTo("b");
        assertThat(p.message()).isEqualTo("cannot multiply [N, 4, 5, 5] by [N, 3, 1, 1]: sizes 4 and 3 differ and neither is 1");
    }

    @Test
    void multiplyOfAPictureByAVectorAsksForAReshape() {
        GraphAnalysis a = sketch().image("x", 4, 5, 5).vector("g", 4).layer("mul", "Multiply")
                .connect("x", "mul.a").connect("g", "mul.b").endWithHead("mul").analyze();

        Problem p = onlyProblemAt(a, "mul");
        assertThat(p.port()).isEqualTo("b");
        assertThat(p.message()).isEqualTo("expected 3 dimensions like input a [N, 4, 5, 5], got [N, 4]; reshape one "
                + "(a [C] gate on a picture becomes [C, 1, 1])");
    }

    // ---------------------------------------------------------------------------------------
    // Convolution
    // ---------------------------------------------------------------------------------------

    @Test
    @Covers("Conv2d")
    void conv2dSamePaddingKeepsTheSize() {
        Outcome o = apply("Conv2d", params("filters", 16, "kernel", 3, "padding", 1), TensorType.floats(1, 28, 28));

        // H' = floor((28 + 2*1 - 1*(3-1) - 1) / 1) + 1 = 28
        assertThat(o.out()).isEqualTo(TensorType.floats(16, 28, 28));
        assertCost(o.cost(),
                160,        // 16 filters * 1 channel * 3*3 + 16 biases
                112896,     // each of 16*28*28 outputs takes 1*3*3 products: 12544 * 9
                50176);     // 16*28*28 floats * 4
    }

    @Test
    @Covers("Conv2d")
    void conv2dWithStrideTwoAndNoPadding() {
        Outcome o = apply("Conv2d", params("filters", 8, "kernel", 3, "stride", 2, "padding", 0),
                TensorType.floats(3, 32, 32));

        // H' = floor((32 + 0 - 2 - 1) / 2) + 1 = floor(29/2) + 1 = 15
        assertThat(o.out()).isEqualTo(TensorType.floats(8, 15, 15));
        assertCost(o.cost(),
                224,        // 8*3*3*3 + 8
                48600,      // 8*15*15 outputs * 3*3*3
                7200);      // 8*15*15 * 4
    }

    @Test
    void conv2dWithDilationSpansAWiderWindow() {
        Outcome o = apply("Conv2d", params("filters", 4, "kernel", 3, "padding", 2, "dilation", 2, "bias", false),
                TensorType.floats(2, 10, 10));

        // H' = floor((10 + 2*2 - 2*(3-1) - 1) / 1) + 1 = 10
        assertThat(o.out()).isEqualTo(TensorType.floats(4, 10, 10));
        assertThat(o.cost().parameters()).isEqualTo(72);      // 4*2*3*3, no bias; dilation adds no weights
        assertThat(o.cost().multiplyAdds()).isEqualTo(7200);  // 4*10*10 outputs * 2*3*3
    }

    @Test
    @Covers("Conv2d")
    void conv2dWithARectangularKernelAndPadding() {
        Outcome o = apply("Conv2d", params("filters", 16, "kernel", List.of(1, 7), "padding", List.of(0, 3)),
                TensorType.floats(8, 10, 12));

        // H' = (10 + 0 - 1)/1 + 1 = 10, W' = (12 + 2*3 - 7)/1 + 1 = 12
        assertThat(o.out()).isEqualTo(TensorType.floats(16, 10, 12));
        assertCost(o.cost(),
                912,        // 16 filters * 8 channels * 1*7 + 16 biases = 896 + 16
                107520,     // 16*10*12 outputs * 8*1*7 = 1920 * 56
                7680);      // 1920 floats * 4
    }

    @Test
    void conv2dWithARectangularStrideHalvesOneSideOnly() {
        Outcome o = apply("Conv2d", params("filters", 4, "kernel", List.of(3, 1), "stride", List.of(2, 1),
                "padding", List.of(1, 0), "bias", false), TensorType.floats(3, 9, 9));

        // H' = floor((9 + 2 - 3) / 2) + 1 = 5, W' = (9 + 0 - 1)/1 + 1 = 9
        assertThat(o.out()).isEqualTo(TensorType.floats(4, 5, 9));
        assertCost(o.cost(),
                36,         // 4*3*3*1, no bias
                1620,       // 4*5*9 outputs * 3*3*1
                720);       // 180 floats * 4
    }

    @Test
    void aSquarePairIsStoredAsOneNumberAndOtherListsAreRefused() {
        var kernel = CATALOG.require("Conv2d").param("kernel").orElseThrow();

        assertThat(kernel.check(List.of(3, 3))).isEqualTo(3); // files written before rectangles read the same
        assertThat(kernel.check(5)).isEqualTo(5);
        assertThat(kernel.check(List.of(1, 7))).isEqualTo(List.of(1, 7));
        assertThatThrownBy(() -> kernel.check(List.of(1, 2, 3))).hasMessage(
                "must be an integer from 1 to 31, or [height, width] of two such integers, got [1, 2, 3]");
        assertThatThrownBy(() -> kernel.check(List.of(0, 3))).hasMessageStartingWith("must be an integer from 1 to 31");
    }

    @Test
    void aRectangularKernelTooTallForThePictureNamesBothSides() {
        GraphAnalysis a = sketch().image("img", 2, 3, 9).layer("c", "Conv2d", "kernel", List.of(5, 1), "padding", 0)
                .chain("img", "c").endWithHead("c").analyze();

        Problem p = onlyProblemAt(a, "c");
        assertThat(p.port()).isEqualTo("in");
        assertThat(p.message()).startsWith("kernel 5x1 is larger than the input 3x9");
    }

    @Test
    void conv2dOnANonSquarePictureComputesHeightAndWidthApart() {
        Outcome o = apply("Conv2d", params("filters", 2, "kernel", 5, "padding", 0), TensorType.floats(1, 10, 6));

        // H' = 10 - 5 + 1 = 6, W' = 6 - 5 + 1 = 2
        assertThat(o.out()).isEqualTo(TensorType.floats(2, 6, 2));
    }

    @Test
    void conv2dWithGroupsConvolvesEachGroupOfChannelsOnItsOwn() {
        Outcome o = apply("Conv2d", params("filters", 6, "kernel", 3, "padding", 1, "groups", 2),
                TensorType.floats(4, 5, 5));

        assertThat(o.out()).isEqualTo(TensorType.floats(6, 5, 5));
        assertCost(o.cost(),
                114,        // 6 filters * (4/2 channels per group) * 3*3 + 6 biases
                2700,       // 6*5*5 outputs * 2*3*3
                600);       // 6*5*5 * 4
    }

    @Test
    void conv2dKernelLargerThanThePaddedPictureIsReportedAtItsInput() {
        GraphAnalysis a = sketch().image("img", 1, 4, 4).layer("conv", "Conv2d", "kernel", 7, "padding", 1)
                .chain("img", "conv").endWithHead("conv").analyze();

        Problem p = onlyProblemAt(a, "conv");
        assertThat(p.port()).isEqualTo("in");
        assertThat(p.message()).isEqualTo(
                "kernel 7x7 is larger than the input 4x4 plus padding 1; use a smaller kernel or more padding");
    }

    @Test
    void conv2dKernelThatExactlyCoversThePaddedPictureGivesOnePixel() {
        // 3x3 picture + padding 1 = 5, kernel 5: H' = floor((3 + 2 - 4 - 1) / 1) + 1 = 1
        Outcome o = apply("Conv2d", params("filters", 1, "kernel", 5, "padding", 1), TensorType.floats(1, 3, 3));

        assertThat(o.out()).isEqualTo(TensorType.floats(1, 1, 1));
    }

    @Test
    void conv2dDilatedKernelTooWideNamesItsSpan() {
        // span = 2*(3-1) + 1 = 5 > 4 + 0
        GraphAnalysis a = sketch().image("img", 1, 4, 4)
                .layer("conv", "Conv2d", "kernel", 3, "padding", 0, "dilation", 2)
                .chain("img", "conv").endWithHead("conv").analyze();

        Problem p = onlyProblemAt(a, "conv");
        assertThat(p.port()).isEqualTo("in");
        assertThat(p.message()).startsWith("kernel 3x3 (spanning 5 with dilation 2) is larger than the input 4x4");
    }

    @Test
    void conv2dGroupsThatDoNotDivideTheInputChannelsAreReportedAtItsInput() {
        GraphAnalysis a = sketch().image("img", 3, 8, 8).layer("conv", "Conv2d", "filters", 4, "groups", 2)
                .chain("img", "conv").endWithHead("conv").analyze();

        Problem p = onlyProblemAt(a, "conv");
        assertThat(p.port()).isEqualTo("in");
        assertThat(p.message()).isEqualTo("groups 2 must divide the input channels, got 3 channels");
    }

    @Test
    void conv2dGroupsThatDoNotDivideTheFiltersAreReportedEvenUnconnected() {
        GraphAnalysis a = sketch().layer("conv", "Conv2d", "filters", 5, "groups", 2).analyze();

        assertThat(a.problemsAt("conv")).anySatisfy(p -> {
            assertThat(p.port()).isNull();
            assertThat(p.message()).isEqualTo("groups 2 must divide filters, got 5 filters");
        });
    }

    @Test
    void conv2dOutputWiderThanADimensionHoldsIsReportedWithItsRealWidth() {
        // a picture one pixel high and 64*4096*4096 + 63*4096*4096 + 4095*4096 + 4095 = 2^31 - 1 wide;
        // a 1x1 kernel with padding 1 makes it W' = floor((2147483647 + 2 - 0 - 1) / 1) + 1 = 2147483649 wide
        GraphAnalysis a = sketch().image("x", 64, 4096, 4096).image("y", 63, 4096, 4096).image("z", 1, 4095, 4096)
                .vector("v", 1).layer("fv", "Dense", "units", 4095)
                .layer("fx", "Flatten").layer("fy", "Flatten").layer("fz", "Flatten").layer("cat", "Concat")
                .chain("x", "fx").chain("y", "fy").chain("z", "fz").chain("v", "fv")
                .connect("fx", "cat.a").connect("fy", "cat.b").connect("fz", "cat.c").connect("fv", "cat.d")
                .layer("wide", "Reshape", "shape", List.of(1, 1, -1))
                .layer("conv", "Conv2d", "filters", 1, "kernel", 1, "padding", 1)
                .chain("cat", "wide", "conv").endWithHead("conv").analyze();

        assertThat(a.report("wide").orElseThrow().out()).isEqualTo(TensorType.floats(1, 1, Integer.MAX_VALUE));
        assertThat(a.report("conv")).isEmpty();
        Problem p = onlyProblemAt(a, "conv");
        assertThat(p.port()).isEqualTo("in");
        assertThat(p.message()).isEqualTo("the output would be 3x2147483649, larger than a dimension holds "
                + "(2147483647); use a smaller input or less padding"); // H' = 1 + 2 - 1 + 1 = 3

    }

    @Test
    @Covers("ConvTranspose2d")
    void convTransposeWithStrideTwoDoublesThePicture() {
        Outcome o = apply("ConvTranspose2d", params("filters", 8, "kernel", 2, "stride", 2), TensorType.floats(16, 4, 4));

        // H' = (4 - 1)*2 - 2*0 + 2 + 0 = 8
        assertThat(o.out()).isEqualTo(TensorType.floats(8, 8, 8));
        assertCost(o.cost(),
                520,        // weight [16, 8, 2, 2] = 512 + 8 biases (PyTorch's nn.ConvTranspose2d(16, 8, 2, 2))
                8192,       // each of 16*4*4 input values times 8*2*2 weights: 256 * 32
                2048);      // 8*8*8 floats * 4
    }

    @Test
    @Covers("ConvTranspose2d")
    void convTransposeWithPaddingAndOutputPaddingReachesAnExactSize() {
        Outcome o = apply("ConvTranspose2d", params("filters", 4, "kernel", 3, "stride", 2, "padding", 1,
                "outputPadding", 1, "bias", false), TensorType.floats(2, 5, 5));

        // H' = (5 - 1)*2 - 2*1 + 3 + 1 = 10
        assertThat(o.out()).isEqualTo(TensorType.floats(4, 10, 10));
        assertCost(o.cost(),
                72,         // 2*4*3*3, no bias
                1800,       // 2*5*5 input values * 4*3*3
                1600);      // 4*10*10 * 4
    }

    @Test
    void convTransposeOutputPaddingNotBelowTheStrideIsReportedEvenUnconnected() {
        GraphAnalysis a = sketch().layer("up", "ConvTranspose2d", "stride", 2, "outputPadding", 2).analyze();

        assertThat(a.problemsAt("up")).anySatisfy(p -> {
            assertThat(p.port()).isNull();
            assertThat(p.message()).isEqualTo("outputPadding 2 must be less than the stride 2");
        });
    }

    @Test
    void convTransposePaddingThatTrimsEverythingIsReportedAtItsInput() {
        // H' = (1 - 1)*1 - 2*1 + 1 + 0 = -1
        GraphAnalysis a = sketch().image("img", 1, 1, 1)
                .layer("up", "ConvTranspose2d", "kernel", 1, "stride", 1, "padding", 1)
                .chain("img", "up").endWithHead("up").analyze();

        Problem p = onlyProblemAt(a, "up");
        assertThat(p.port()).isEqualTo("in");
        assertThat(p.message()).isEqualTo("padding 1 trims away the whole 1-pixel input; use less padding or a larger kernel");
    }

    @Test
    @Covers("Upsample")
    void upsampleNearestEnlargesHeightAndWidthByTheScale() {
        Outcome o = apply("Upsample", params("scale", 2, "mode", "nearest"), TensorType.floats(3, 4, 5));

        assertThat(o.out()).isEqualTo(TensorType.floats(3, 8, 10)); // [C, H*2, W*2]
        assertCost(o.cost(),
                0,      // no weights
                0,      // copies, not products
                960);   // 3*8*10 floats * 4
    }

    @Test
    @Covers("Upsample")
    void upsampleBilinearHasNoWeightsEither() {
        Outcome o = apply("Upsample", params("scale", 3, "mode", "bilinear"), TensorType.floats(1, 2, 2));

        assertThat(o.out()).isEqualTo(TensorType.floats(1, 6, 6));
        assertCost(o.cost(),
                0,
                0,      // interpolation weights are fixed, not products counted by the convention
                144);   // 1*6*6 * 4
    }

    @Test
    @Covers("DepthwiseConv2d")
    void depthwiseConvFiltersEachChannelOnItsOwn() {
        Outcome o = apply("DepthwiseConv2d", params("kernel", 3, "stride", 2, "padding", 1),
                TensorType.floats(8, 16, 16));

        // H' = floor((16 + 2 - 2 - 1) / 2) + 1 = floor(15/2) + 1 = 8
        assertThat(o.out()).isEqualTo(TensorType.floats(8, 8, 8));
        assertCost(o.cost(),
                80,         // one 3x3 filter per channel + one bias: 8*9 + 8
                4608,       // 8*8*8 outputs * 3*3 (each sees one channel)
                2048);      // 8*8*8 * 4
    }

    @Test
    @Covers("DepthwiseConv2d")
    void depthwiseConvMultiplierGivesSeveralChannelsPerInputChannel() {
        Outcome o = apply("DepthwiseConv2d", params("kernel", 3, "padding", 1, "multiplier", 2, "bias", false),
                TensorType.floats(3, 5, 5));

        assertThat(o.out()).isEqualTo(TensorType.floats(6, 5, 5)); // 3 channels * 2
        assertCost(o.cost(),
                54,         // 6 output channels * 3*3, no bias
                1350,       // 6*5*5 outputs * 3*3
                600);       // 6*5*5 * 4
    }

    @Test
    void depthwiseConvKernelLargerThanThePictureIsReportedAtItsInput() {
        GraphAnalysis a = sketch().image("img", 2, 3, 3).layer("dw", "DepthwiseConv2d", "kernel", 5, "padding", 0)
                .chain("img", "dw").endWithHead("dw").analyze();

        Problem p = onlyProblemAt(a, "dw");
        assertThat(p.port()).isEqualTo("in");
        assertThat(p.message()).startsWith("kernel 5x5 is larger than the input 3x3");
    }

    @Test
    @Covers("Conv1d")
    void conv1dSamePaddingKeepsTheLength() {
        Outcome o = apply("Conv1d", params("filters", 8, "kernel", 3, "padding", 1), TensorType.floats(4, 50));

        // L' = floor((50 + 2*1 - 1*(3-1) - 1) / 1) + 1 = 50
        assertThat(o.out()).isEqualTo(TensorType.floats(8, 50));
        assertCost(o.cost(),
                104,        // 8 filters * 4 channels * 3 + 8 biases (PyTorch Conv1d(4, 8, 3))
                4800,       // 8*50 outputs * 4*3
                1600);      // 8*50 floats * 4
    }

    @Test
    @Covers("Conv1d")
    void conv1dWithStrideDilationAndGroups() {
        Outcome o = apply("Conv1d", params("filters", 6, "kernel", 5, "stride", 2, "padding", 0, "dilation", 2,
                "groups", 3, "bias", false), TensorType.floats(3, 40));

        // span = 2*(5-1) + 1 = 9; L' = floor((40 - 9) / 2) + 1 = 16
        assertThat(o.out()).isEqualTo(TensorType.floats(6, 16));
        assertCost(o.cost(),
                30,         // 6 filters * (3/3 channels per group) * 5, no bias
                480,        // 6*16 outputs * 1*5
                384);       // 6*16 * 4
    }

    @Test
    void conv1dKernelLongerThanTheSignalIsReportedAtItsInput() {
        GraphAnalysis a = sketch().sequence("sig", 1, 4).layer("conv", "Conv1d", "kernel", 7, "padding", 1)
                .chain("sig", "conv").endWithHead("conv").analyze();

        Problem p = onlyProblemAt(a, "conv");
        assertThat(p.port()).isEqualTo("in");
        assertThat(p.message()).isEqualTo(
                "kernel 7 is longer than the input length 4 plus padding 1; use a smaller kernel or more padding");
    }

    @Test
    @Covers({"MaxPool1d", "AvgPool1d"})
    void pool1dShortensTheSignalAndKeepsTheChannels() {
        // L' = floor((9 + 2*1 - 3) / 2) + 1 = 5
        Outcome max = apply("MaxPool1d", params("kernel", 3, "stride", 2, "padding", 1), TensorType.floats(4, 9));
        assertThat(max.out()).isEqualTo(TensorType.floats(4, 5));
        assertCost(max.cost(), 0, 0, 80); // 4*5 floats * 4; comparisons, not products

        // L' = floor((9 - 3) / 3) + 1 = 3
        Outcome avg = apply("AvgPool1d", params("kernel", 3, "stride", 3), TensorType.floats(2, 9));
        assertThat(avg.out()).isEqualTo(TensorType.floats(2, 3));
        assertCost(avg.cost(), 0, 0, 24); // 2*3 floats * 4
    }

    @Test
    @Covers({"MaxPool1d", "AvgPool1d"})
    void globalPool1dGivesOneValuePerChannel() {
        for (String type : List.of("MaxPool1d", "AvgPool1d")) {
            Outcome o = apply(type, params("global", true), TensorType.floats(16, 25));
            assertThat(o.out()).as(type).isEqualTo(TensorType.floats(16)); // over the 25 steps, per channel
            assertCost(o.cost(), 0, 0, 64); // 16 floats * 4
        }
    }

    @Test
    void pool1dPaddingOverHalfTheKernelIsReportedEvenUnconnected() {
        GraphAnalysis a = sketch().layer("pool", "AvgPool1d", "kernel", 2, "padding", 2).analyze();

        assertThat(a.problemsAt("pool")).anySatisfy(p -> {
            assertThat(p.port()).isNull();
            assertThat(p.message()).isEqualTo("padding 2 must be at most half the kernel 2");
        });
    }

    @Test
    @Covers("DepthwiseConv2d")
    void depthwiseConvWithARectangularKernel() {
        Outcome o = apply("DepthwiseConv2d", params("kernel", List.of(1, 5), "padding", List.of(0, 2)),
                TensorType.floats(6, 8, 8));

        assertThat(o.out()).isEqualTo(TensorType.floats(6, 8, 8)); // W' = 8 + 2*2 - 5 + 1 = 8
        assertCost(o.cost(),
                36,     // 6 channels * 1*5 + 6 biases
                1920,   // 6*8*8 outputs * 1*5
                1536);  // 384 floats * 4
    }

    @Test
    @Covers("MaxPool2d")
    void maxPoolHalvesThePicture() {
        Outcome o = apply("MaxPool2d", params("kernel", 2, "stride", 2), TensorType.floats(4, 8, 8));

        // H' = floor((8 - 2) / 2) + 1 = 4
        assertThat(o.out()).isEqualTo(TensorType.floats(4, 4, 4));
        assertCost(o.cost(),
                0,
                0,      // comparisons, not products
                256);   // 4*4*4 * 4
    }

    @Test
    void maxPoolWithPaddingFollowsTheFloorRule() {
        Outcome o = apply("MaxPool2d", params("kernel", 3, "stride", 2, "padding", 1), TensorType.floats(4, 7, 7));

        // H' = floor((7 + 2 - 3) / 2) + 1 = 4
        assertThat(o.out()).isEqualTo(TensorType.floats(4, 4, 4));
    }

    @Test
    @Covers("MaxPool2d")
    void maxPoolWithARectangularWindowShrinksTheWidthOnly() {
        Outcome o = apply("MaxPool2d", params("kernel", List.of(1, 2), "stride", List.of(1, 2)), TensorType.floats(3, 4, 8));

        assertThat(o.out()).isEqualTo(TensorType.floats(3, 4, 4)); // H' = 4, W' = (8 - 2)/2 + 1 = 4
        assertCost(o.cost(), 0, 0, 192); // 48 floats * 4
    }

    @Test
    void poolPaddingOverHalfTheKernelOnOneSideSaysWhichSide() {
        GraphAnalysis a = sketch().layer("pool", "MaxPool2d", "kernel", List.of(1, 2), "padding", List.of(1, 0)).analyze();

        assertThat(a.problemsAt("pool")).anySatisfy(p ->
                assertThat(p.message()).isEqualTo("padding 1 must be at most half the kernel 1 in height"));
    }

    @Test
    void poolPaddingOverHalfTheKernelIsReportedEvenUnconnected() {
        GraphAnalysis a = sketch().layer("pool", "MaxPool2d", "kernel", 2, "padding", 2).analyze();

        assertThat(a.problemsAt("pool")).anySatisfy(p -> {
            assertThat(p.port()).isNull();
            assertThat(p.message()).isEqualTo("padding 2 must be at most half the kernel 2");
        });
    }

    @Test
    void poolWindowLargerThanThePictureIsReportedAtItsInput() {
        GraphAnalysis a = sketch().image("img", 1, 2, 2).layer("pool", "AvgPool2d", "kernel", 3, "stride", 1)
                .chain("img", "pool").endWithHead("pool").analyze();

        Problem p = onlyProblemAt(a, "pool");
        assertThat(p.port()).isEqualTo("in");
        assertThat(p.message()).startsWith("kernel 3x3 is larger than the input 2x2");
    }

    @Test
    @Covers("AvgPool2d")
    void avgPoolWithKernelThreeAndStrideThreeDividesByThree() {
        Outcome o = apply("AvgPool2d", params("kernel", 3, "stride", 3), TensorType.floats(2, 9, 9));

        // H' = floor((9 - 3) / 3) + 1 = 3
        assertThat(o.out()).isEqualTo(TensorType.floats(2, 3, 3));
        assertCost(o.cost(),
                0,
                0,      // sums, not products
                72);    // 2*3*3 * 4
    }

    @Test
    void avgPoolWithSamePaddingKeepsTheSize() {
        // H' = floor((5 + 2 - 3) / 1) + 1 = 5
        assertThat(apply("AvgPool2d", params("kernel", 3, "stride", 1, "padding", 1), TensorType.floats(1, 5, 5))
                .out()).isEqualTo(TensorType.floats(1, 5, 5));
    }

    @Test
    @Covers("GlobalAvgPool")
    void globalAvgPoolOfAPictureKeepsTheChannels() {
        Outcome o = apply("GlobalAvgPool", params(), TensorType.floats(16, 7, 7));

        assertThat(o.out()).isEqualTo(TensorType.floats(16));
        assertCost(o.cost(), 0, 0, 64); // 16 floats * 4
    }

    @Test
    @Covers("GlobalAvgPool")
    void globalAvgPoolOfASequenceKeepsTheWidth() {
        Outcome o = apply("GlobalAvgPool", params(), TensorType.floats(10, 32));

        assertThat(o.out()).isEqualTo(TensorType.floats(32)); // mean over the 10 positions
        assertCost(o.cost(), 0, 0, 128); // 32 floats * 4
    }

    @Test
    @Covers("GlobalMaxPool")
    void globalMaxPoolOfAPictureKeepsTheChannels() {
        Outcome o = apply("GlobalMaxPool", params(), TensorType.floats(16, 7, 7));

        assertThat(o.out()).isEqualTo(TensorType.floats(16));
        assertCost(o.cost(), 0, 0, 64); // 16 floats * 4; comparisons are not products
    }

    @Test
    @Covers("GlobalMaxPool")
    void globalMaxPoolOfASequenceKeepsTheWidth() {
        Outcome o = apply("GlobalMaxPool", params(), TensorType.floats(10, 32));

        assertThat(o.out()).isEqualTo(TensorType.floats(32)); // largest over the 10 positions
        assertCost(o.cost(), 0, 0, 128);
    }

    @Test
    @Covers("SqueezeExcite")
    void squeezeExciteCountsItsTwoOneByOneConvolutionsAsTorchvisionDoes() {
        // MobileNetV3-Small's 4th block: 96 expanded channels squeezed to _make_divisible(96 / 4, 8) = 24.
        Outcome o = apply("SqueezeExcite", params("squeeze", 24, "gate", "Hardsigmoid"), TensorType.floats(96, 14, 14));

        assertThat(o.out()).isEqualTo(TensorType.floats(96, 14, 14));
        assertCost(o.cost(),
                4728,   // fc1 96*24 + 24, fc2 24*96 + 96: 2328 + 2400
                4608,   // 96*24 + 24*96 on the 1x1 summary; the gate's product is element-wise
                76128); // out 96*14*14*4 = 75264, plus summary 96, squeezed 24 and gate 96 floats: 216*4 = 864
    }

    // ---------------------------------------------------------------------------------------
    // Normalization
    // ---------------------------------------------------------------------------------------

    @Test
    @Covers("BatchNorm")
    void batchNormOnAPictureLearnsScaleAndShiftPerChannel() {
        Outcome o = apply("BatchNorm", params(), TensorType.floats(16, 8, 8));

        assertThat(o.out()).isEqualTo(TensorType.floats(16, 8, 8));
        assertCost(o.cost(),
                32,     // gamma and beta per channel: 2*16 (running statistics are not trained)
                0,
                4096);  // 16*8*8 * 4
    }

    @Test
    @Covers("GroupNorm")
    void groupNormLearnsScaleAndShiftPerChannel() {
        Outcome o = apply("GroupNorm", params("groups", 8), TensorType.floats(32, 8, 8));

        assertThat(o.out()).isEqualTo(TensorType.floats(32, 8, 8));
        assertCost(o.cost(),
                64,     // gamma and beta per channel: 2*32, whatever the groups
                0,
                8192);  // 32*8*8 * 4
    }

    @Test
    void groupNormGroupsThatDoNotDivideTheChannelsAreReportedAtItsInput() {
        GraphAnalysis a = sketch().image("img", 32, 4, 4).layer("gn", "GroupNorm", "groups", 5)
                .chain("img", "gn").endWithHead("gn").analyze();

        Problem p = onlyProblemAt(a, "gn");
        assertThat(p.port()).isEqualTo("in");
        assertThat(p.message()).isEqualTo("groups 5 must divide the channels, got 32 channels");
    }

    @Test
    @Covers("BatchNorm")
    void batchNormOnAVectorLearnsScaleAndShiftPerFeature() {
        Outcome o = apply("BatchNorm", params(), TensorType.floats(20));

        assertCost(o.cost(), 40, 0, 80); // 2*20 weights; 20 floats * 4
    }

    @Test
    @Covers("LayerNorm")
    void layerNormLearnsScaleAndShiftPerFeatureOfTheLastDimension() {
        Outcome o = apply("LayerNorm", params(), TensorType.floats(10, 32));

        assertThat(o.out()).isEqualTo(TensorType.floats(10, 32));
        assertCost(o.cost(),
                64,     // 2*32, shared by the 10 positions
                0,
                1280);  // 10*32 * 4
    }

    @Test
    @Covers("LayerNorm")
    void layerNormOnAVector() {
        assertCost(apply("LayerNorm", params(), TensorType.floats(7)).cost(), 14, 0, 28); // 2*7; 7*4
    }

    // ---------------------------------------------------------------------------------------
    // Attention & Fusion
    // ---------------------------------------------------------------------------------------

    @Test
    @Covers("ClassToken")
    void classTokenPutsOneLearnedTokenInFront() {
        Outcome o = apply("ClassToken", params(), TensorType.floats(196, 192));

        assertThat(o.out()).isEqualTo(TensorType.floats(197, 192)); // ViT-Tiny: 14*14 patches + the class token
        assertCost(o.cost(),
                192,        // one token of width 192 (timm's cls_token [1, 1, 192])
                0,          // joined, not multiplied
                151296);    // 197*192 floats * 4
    }

    @Test
    @Covers("TakeToken")
    void takeTokenKeepsOneTokenCountingNegativeIndicesFromTheEnd() {
        Outcome first = apply("TakeToken", params("index", 0), TensorType.floats(197, 192));
        assertThat(first.out()).isEqualTo(TensorType.floats(192));
        assertCost(first.cost(), 0, 0, 768); // 192 floats * 4

        assertThat(apply("TakeToken", params("index", -1), TensorType.floats(5, 8)).out()).isEqualTo(TensorType.floats(8));
        assertThat(apply("TakeToken", params("index", -5), TensorType.floats(5, 8)).out()).isEqualTo(TensorType.floats(8));
        assertThat(apply("TakeToken", params("index", 4), TensorType.floats(5, 8)).out()).isEqualTo(TensorType.floats(8));
    }

    @Test
    void takeTokenOutsideTheSequenceNamesTheIndicesThatFit() {
        for (int index : new int[] {5, -6}) {
            GraphAnalysis a = sketch().sequence("seq", 5, 8).layer("take", "TakeToken", "index", index)
                    .layer("head", "Classification", "classes", 2).chain("seq", "take", "head").analyze();

            Problem p = onlyProblemAt(a, "take");
            assertThat(p.port()).isEqualTo("in");
            assertThat(p.message()).isEqualTo("token " + index
                    + " is outside a sequence of 5 tokens; use 0..4, or -5..-1 to count from the end");
        }
    }

    @Test
    void causalAttentionCostsWhatFullAttentionCosts() {
        // The mask is added to the scores; the products are the same (the convention counts them all).
        for (String type : List.of("MultiHeadSelfAttention", "TransformerEncoderBlock")) {
            Outcome full = apply(type, params("heads", 2), TensorType.floats(6, 8));
            Outcome causal = apply(type, params("heads", 2, "causal", true), TensorType.floats(6, 8));
            assertThat(causal).as(type).isEqualTo(full);
        }
    }

    @Test
    @Covers("Embedding")
    void embeddingLooksUpOneVectorPerToken() {
        Outcome o = apply("Embedding", params("dim", 32), TensorType.tokens(16, 500));

        assertThat(o.out()).isEqualTo(TensorType.floats(16, 32)); // [L, dim]
        assertCost(o.cost(),
                16000,  // a table of vocabulary*dim = 500*32
                0,      // a lookup, not a product
                2048);  // 16*32 * 4
    }

    @Test
    @Covers("PositionalEmbedding")
    void learnedPositionalEmbeddingHasOneVectorPerPosition() {
        Outcome o = apply("PositionalEmbedding", params("mode", "learned"), TensorType.floats(16, 32));

        assertThat(o.out()).isEqualTo(TensorType.floats(16, 32));
        assertCost(o.cost(),
                512,    // 16 positions * 32
                0,      // an addition
                2048);  // 16*32 * 4
    }

    @Test
    @Covers("PositionalEmbedding")
    void sinusoidalPositionalEmbeddingHasNoWeights() {
        Outcome o = apply("PositionalEmbedding", params("mode", "sinusoidal"), TensorType.floats(16, 32));

        assertCost(o.cost(), 0, 0, 2048); // fixed sines; 16*32 * 4
    }

    @Test
    @Covers("PatchEmbedding")
    void patchEmbeddingCutsThePictureIntoPatchTokens() {
        Outcome o = apply("PatchEmbedding", params("patchSize", 4, "dim", 64), TensorType.floats(3, 32, 32));

        assertThat(o.out()).isEqualTo(TensorType.floats(64, 64)); // (32/4)*(32/4) = 64 patches of 64
        assertCost(o.cost(),
                3136,       // a 4x4 stride-4 conv, 3 -> 64 channels: 64*3*4*4 + 64
                196608,     // 64 patches * (3*4*4) * 64
                16384);     // 64*64 * 4
    }

    @Test
    void patchEmbeddingOnANonSquarePicture() {
        Outcome o = apply("PatchEmbedding", params("patchSize", 7, "dim", 10), TensorType.floats(1, 28, 14));

        assertThat(o.out()).isEqualTo(TensorType.floats(8, 10)); // (28/7)*(14/7) = 4*2 = 8 patches
        assertThat(o.cost().parameters()).isEqualTo(500);     // 10*1*7*7 + 10
        assertThat(o.cost().multiplyAdds()).isEqualTo(3920);  // 8 * 49 * 10
    }

    @Test
    void patchSizeThatDoesNotDivideThePictureIsReportedAtItsInput() {
        GraphAnalysis a = sketch().image("img", 3, 30, 32).layer("patch", "PatchEmbedding", "patchSize", 4)
                .chain("img", "patch").endWithHead("patch").analyze();

        Problem p = onlyProblemAt(a, "patch");
        assertThat(p.port()).isEqualTo("in");
        assertThat(p.message()).isEqualTo("patch size 4 must divide the picture's height and width, got 30x32");
    }

    @Test
    void patchEmbeddingWithMorePatchesThanADimensionHoldsIsAProblemNotAWrappedCount() {
        // [1024, 4098, 4098] (a 1x1 depthwise conv with padding 1, 16 channels per channel) reshaped to
        // [1, 131136, 131136]; 1x1 patches: 131136 * 131136 = 17196650496 patches, more than 2^31 - 1
        GraphAnalysis a = sketch().image("img", 64, 4096, 4096)
                .layer("dw", "DepthwiseConv2d", "multiplier", 16, "kernel", 1, "padding", 1)
                .layer("tall", "Reshape", "shape", List.of(1, 131136, 131136))
                .layer("patch", "PatchEmbedding", "patchSize", 1, "dim", 8)
                .chain("img", "dw", "tall", "patch").endWithHead("patch").analyze();

        assertThat(a.report("tall").orElseThrow().out()).isEqualTo(TensorType.floats(1, 131136, 131136));
        assertThat(a.report("patch")).isEmpty();
        Problem p = onlyProblemAt(a, "patch");
        assertThat(p.message()).contains("17196650496");
    }

    @Test
    @Covers("MultiHeadSelfAttention")
    void multiHeadSelfAttentionCountsFourProjectionsAndTheScores() {
        Outcome o = apply("MultiHeadSelfAttention", params("heads", 4), TensorType.floats(10, 16));

        assertThat(o.out()).isEqualTo(TensorType.floats(10, 16));
        assertCost(o.cost(),
                1088,       // Q, K, V, O projections: 4*16*16 + 4*16 biases
                13440,      // projections 4*L*D*D = 4*10*256 = 10240; Q·Kᵀ L*L*D = 1600; weights·V L*L*D = 1600
                4160);      // output 10*16*4 = 640 + projected Q, K, V 3*10*16*4 = 1920 + scores heads*L*L*4 = 4*100*4 = 1600
    }

    @Test
    void multiHeadSelfAttentionWithoutBiasHasOnlyTheFourMatrices() {
        Outcome o = apply("MultiHeadSelfAttention", params("heads", 4, "bias", false), TensorType.floats(10, 16));

        assertThat(o.cost().parameters()).isEqualTo(1024); // 4*16*16
    }

    @Test
    void headsThatDoNotDivideTheWidthAreReportedWithTheHeadCountsThatFit() {
        GraphAnalysis a = sketch().sequence("seq", 10, 16).layer("attn", "MultiHeadSelfAttention", "heads", 3)
                .chain("seq", "attn").endWithHead("attn").analyze();

        Problem p = onlyProblemAt(a, "attn");
        assertThat(p.port()).isEqualTo("in");
        assertThat(p.message()).isEqualTo("3 heads must divide the model width 16; 1, 2, 4, 8, 16 heads would fit");
    }

    @Test
    void headCountsThatFitAreListedUpToTheLargestAllowedHeadCount() {
        // heads may be 1..64; of those, 1, 2, 4, 8, 16, 32 and 64 divide 128
        GraphAnalysis a = sketch().sequence("seq", 2, 128).layer("attn", "MultiHeadSelfAttention", "heads", 3)
                .chain("seq", "attn").endWithHead("attn").analyze();

        assertThat(onlyProblemAt(a, "attn").message())
                .isEqualTo("3 heads must divide the model width 128; 1, 2, 4, 8, 16, 32, 64 heads would fit");
    }

    @Test
    @Covers("TransformerEncoderBlock")
    void transformerEncoderBlockCountsAttentionMlpAndTwoNorms() {
        Outcome o = apply("TransformerEncoderBlock", params("heads", 2, "mlpRatio", 4), TensorType.floats(6, 8));

        // D = 8, L = 6, hidden = 4*8 = 32
        assertThat(o.out()).isEqualTo(TensorType.floats(6, 8));
        assertCost(o.cost(),
                872,    // 2 LayerNorms 2*2*8 = 32 + attention 4*8*8 + 4*8 = 288 + MLP 8*32 + 32 + 32*8 + 8 = 552
                5184,   // projections 4*6*8*8 = 1536 + scores and weighted sum 2*6*6*8 = 576 + MLP 2*6*8*32 = 3072
                1824);  // output 6*8*4 = 192 + Q, K, V 3*6*8*4 = 576 + scores 2 heads*6*6*4 = 288 + MLP hidden 6*32*4 = 768
    }

    @Test
    void transformerEncoderBlockHeadsThatDoNotDivideTheWidthAreReported() {
        GraphAnalysis a = sketch().sequence("seq", 3, 10).layer("block", "TransformerEncoderBlock", "heads", 4)
                .chain("seq", "block").endWithHead("block").analyze();

        Problem p = onlyProblemAt(a, "block");
        assertThat(p.port()).isEqualTo("in");
        assertThat(p.message()).isEqualTo("4 heads must divide the model width 10; 1, 2, 5, 10 heads would fit");
    }

    @Test
    @Covers("CrossAttention")
    void softmaxCrossAttentionFromASequenceOverASequence() {
        Outcome o = apply("CrossAttention", params("heads", 2, "variant", "softmax"),
                Map.of("query", TensorType.floats(4, 8), "context", TensorType.floats(6, 12)));

        // Lq = 4, Dq = 8, Lk = 6, Dk = 12
        assertThat(o.out()).isEqualTo(TensorType.floats(4, 8));
        assertCost(o.cost(),
                352,    // Q 8*8+8 = 72, K 12*8+8 = 104, V 104, O 8*8+8 = 72
                2048,   // Q 4*8*8 = 256, K 6*12*8 = 576, V 576, O 256; Q·Kᵀ 4*6*8 = 192, weights·V 192
                832);   // output 4*8*4 = 128 + projected Q 4*8*4 = 128, K and V 2*6*8*4 = 384 + scores 2*4*6*4 = 192
    }

    @Test
    @Covers("CrossAttention")
    void softmaxCrossAttentionOverAFeatureMapReadsEachPixelAsAPosition() {
        Outcome o = apply("CrossAttention", params("heads", 2),
                Map.of("query", TensorType.floats(4, 8), "context", TensorType.floats(12, 2, 3)));

        // a [12, 2, 3] map is Lk = 2*3 = 6 positions of Dk = 12 features: the numbers of the sequence case
        assertThat(o.out()).isEqualTo(TensorType.floats(4, 8));
        assertCost(o.cost(), 352, 2048, 832);
    }

    @Test
    @Covers("CrossAttention")
    void softmaxCrossAttentionWithAVectorQueryIsOneQuery() {
        Outcome o = apply("CrossAttention", params("heads", 2),
                Map.of("query", TensorType.floats(8), "context", TensorType.floats(6, 12)));

        // Lq = 1
        assertThat(o.out()).isEqualTo(TensorType.floats(8));
        assertCost(o.cost(),
                352,    // the projections do not depend on lengths
                1376,   // Q 1*8*8 = 64, K 576, V 576, O 64; Q·Kᵀ 1*6*8 = 48, weights·V 48
                496);   // output 8*4 = 32 + Q 1*8*4 = 32, K and V 2*6*8*4 = 384 + scores 2*1*6*4 = 48
    }

    @Test
    @Covers("CrossAttention")
    void linearCrossAttentionIsLinearInBothLengths() {
        Outcome o = apply("CrossAttention", params("heads", 2, "variant", "linear"),
                Map.of("query", TensorType.floats(4, 8), "context", TensorType.floats(6, 12)));

        // head width h = 8/2 = 4. Per head, with V widened by a column of ones for the normaliser:
        // Kᵀ·[V 1] takes Lk*h*(h+1) = 6*4*5 = 120, Q·(that) takes Lq*h*(h+1) = 4*4*5 = 80: 200; 2 heads: 400
        assertThat(o.out()).isEqualTo(TensorType.floats(4, 8));
        assertCost(o.cost(),
                352,    // same projections as softmax
                2064,   // projections 1664 + 400
                800);   // output 128 + Q 128, K and V 384 + per-head Kᵀ·[V 1] state 2 heads*4*5*4 = 160
    }

    @Test
    @Covers("CrossAttention")
    void linearCrossAttentionOverAFeatureMapWithAVectorQuery() {
        Outcome o = apply("CrossAttention", params("heads", 4, "variant", "linear"),
                Map.of("query", TensorType.floats(8), "context", TensorType.floats(4, 3, 3)));

        // Lq = 1, Dq = 8, Lk = 3*3 = 9, Dk = 4, h = 8/4 = 2
        assertThat(o.out()).isEqualTo(TensorType.floats(8));
        assertCost(o.cost(),
                224,    // Q 8*8+8 = 72, K 4*8+8 = 40, V 40, O 72
                944,    // Q 1*8*8 = 64, K 9*4*8 = 288, V 288, O 64; per head 9*2*3 + 1*2*3 = 60, 4 heads: 240
                736);   // output 8*4 = 32 + Q 32, K and V 2*9*8*4 = 576 + state 4 heads*2*3*4 = 96
    }

    @Test
    void crossAttentionHeadsThatDoNotDivideTheQueryWidthAreReportedAtTheQuery() {
        GraphAnalysis a = sketch().sequence("q", 4, 6).sequence("ctx", 5, 6)
                .layer("xattn", "CrossAttention", "heads", 4)
                .connect("q", "xattn.query").connect("ctx", "xattn.context").endWithHead("xattn").analyze();

        Problem p = onlyProblemAt(a, "xattn");
        assertThat(p.port()).isEqualTo("query");
        assertThat(p.message()).isEqualTo("4 heads must divide the model width 6; 1, 2, 3, 6 heads would fit");
    }

    @Test
    @Covers("GatedFusion")
    void gatedFusionOfTwoInputs() {
        Outcome o = apply("GatedFusion", params("dim", 6),
                Map.of("a", TensorType.floats(8), "b", TensorType.floats(4)));

        assertThat(o.out()).isEqualTo(TensorType.floats(6));
        assertCost(o.cost(),
                110,    // project a: 8*6+6 = 54, b: 4*6+6 = 30; gate over both (8+4) -> 2 weights: 12*2+2 = 26
                108,    // projections (8+4)*6 = 72 + gate 12*2 = 24 + weighted sum of 2 vectors of 6: 12
                24);    // 6 floats * 4
    }

    @Test
    @Covers("GatedFusion")
    void gatedFusionOfThreeInputs() {
        Outcome o = apply("GatedFusion", params("dim", 6),
                Map.of("a", TensorType.floats(8), "b", TensorType.floats(4), "c", TensorType.floats(2)));

        assertThat(o.out()).isEqualTo(TensorType.floats(6));
        assertCost(o.cost(),
                147,    // projections 54 + 30 + (2*6+6 = 18) = 102; gate (8+4+2) -> 3: 14*3 + 3 = 45
                144,    // projections 14*6 = 84 + gate 14*3 = 42 + weighted sum 3*6 = 18
                24);
    }

    // ---------------------------------------------------------------------------------------
    // Recurrent
    // ---------------------------------------------------------------------------------------

    @Test
    @Covers("LSTM")
    void lstmCountsFourGatesAndBothBiasesAsPyTorchDoes() {
        Outcome o = apply("LSTM", params("hidden", 20), TensorType.floats(7, 10));

        assertThat(o.out()).isEqualTo(TensorType.floats(20)); // the final state
        assertCost(o.cost(),
                2560,       // 4 gates * (20*10 + 20*20 + 20 + 20): sum(p.numel()) of torch.nn.LSTM(10, 20)
                16800,      // 7 steps * 4*20 * (10 + 20)
                2320);      // out 20*4 + input projections of every step 7*4*20*4
    }

    @Test
    @Covers("GRU")
    void bidirectionalGruReturningTheSequenceDoublesWeightsAndWidth() {
        Outcome o = apply("GRU", params("hidden", 20, "bidirectional", true, "returns", "sequence"),
                TensorType.floats(7, 10));

        assertThat(o.out()).isEqualTo(TensorType.floats(7, 40)); // forward and backward side by side
        assertCost(o.cost(),
                3840,       // 2 directions * 3 gates * (20*10 + 20*20 + 20 + 20): torch.nn.GRU(10, 20, bidirectional=True)
                25200,      // 2 * 7 steps * 3*20 * (10 + 20)
                4480);      // out 7*40*4 + 2*7*3*20*4
    }

    @Test
    void gruFinalStateAndLstmSequence() {
        assertThat(apply("GRU", params("hidden", 8), TensorType.floats(5, 3)).cost().parameters())
                .isEqualTo(312);   // 3 * (8*3 + 8*8 + 8 + 8) = 3 * 104: torch.nn.GRU(3, 8)
        assertThat(apply("LSTM", params("hidden", 8, "returns", "sequence"), TensorType.floats(5, 3)).out())
                .isEqualTo(TensorType.floats(5, 8));
    }

    // ---------------------------------------------------------------------------------------
    // Mixture of Experts
    // ---------------------------------------------------------------------------------------

    @Test
    @Covers("MoE")
    void mixtureOfExpertsOnASequenceCountsAllExpertsAndTheActiveOnes() {
        Outcome o = apply("MoE", params("experts", 4, "topK", 2, "hidden", 16), TensorType.floats(5, 8));

        // L = 5, D = 8, H = 16; router D*E without bias = 32; one expert D*H + H + H*D + D = 128+16+128+8 = 280
        assertThat(o.out()).isEqualTo(TensorType.floats(5, 8));
        assertThat(o.cost()).isEqualTo(new Cost(
                1152,   // parameters: router 32 + 4 experts * 280
                592,    // active parameters: router 32 + top-2 experts * 280
                5280,   // multiply-adds: 5 tokens * (router 8*4 = 32 + 4 experts * 2*8*16 = 1024)
                2720,   // active: 5 tokens * (32 + 2 experts * 256)
                880));  // output 5*8*4 = 160 + router scores 5*4*4 = 80 + hidden of the used experts 5*2*16*4 = 640
    }

    @Test
    @Covers("MoE")
    void mixtureOfExpertsOnAVectorIsOneToken() {
        Outcome o = apply("MoE", params("experts", 4, "topK", 1, "hidden", 16), TensorType.floats(8));

        assertThat(o.out()).isEqualTo(TensorType.floats(8));
        assertThat(o.cost()).isEqualTo(new Cost(
                1152,   // router 32 + 4 * 280
                312,    // router 32 + 1 * 280
                1056,   // 1 token * (32 + 4 * 256)
                288,    // 1 token * (32 + 1 * 256)
                112));  // output 8*4 = 32 + router scores 1*4*4 = 16 + hidden of 1 expert 1*1*16*4 = 64
    }

    @Test
    void topKLargerThanTheExpertsIsReportedEvenWhenTheLayerIsUnconnected() {
        GraphAnalysis a = sketch().layer("moe", "MoE", "experts", 2, "topK", 3).analyze();

        assertThat(a.problemsAt("moe")).anySatisfy(p -> {
            assertThat(p.port()).isNull();
            assertThat(p.message()).isEqualTo("topK 3 is larger than the number of experts 2; choose topK from 1 to 2");
        });
    }

    @Test
    void topKLargerThanTheExpertsIsTheOnlyProblemOfAConnectedLayer() {
        GraphAnalysis a = sketch().vector("in", 8).layer("moe", "MoE", "experts", 2, "topK", 3)
                .chain("in", "moe").endWithHead("moe").analyze();

        Problem p = onlyProblemAt(a, "moe");
        assertThat(p.message()).startsWith("topK 3 is larger than the number of experts 2");
        assertThat(a.report("moe")).isEmpty();
    }

    // ---------------------------------------------------------------------------------------
    // Heads
    // ---------------------------------------------------------------------------------------

    @Test
    @Covers("Classification")
    void classificationHeadIsALinearLayerToClassScores() {
        Outcome o = apply("Classification", params("classes", 10), TensorType.floats(32));

        assertThat(o.out()).isEqualTo(TensorType.floats(10));
        assertCost(o.cost(),
                330,    // 32*10 + 10
                320,    // 32*10
                40);    // 10 * 4
    }

    @Test
    @Covers("PerPositionClassification")
    void perPixelClassificationGivesClassScoresAtEveryPixel() {
        Outcome o = apply("PerPositionClassification", params("classes", 3), TensorType.floats(8, 16, 16));

        assertThat(o.out()).isEqualTo(TensorType.floats(3, 16, 16)); // [K, H, W]
        assertCost(o.cost(),
                27,     // one 8 -> 3 matrix + 3 biases, shared by every pixel (a 1x1 convolution)
                6144,   // 16*16 pixels * 8*3
                3072);  // 3*16*16 floats * 4
    }

    @Test
    @Covers("PerPositionClassification")
    void perTokenClassificationTagsEveryToken() {
        Outcome o = apply("PerPositionClassification", params("classes", 4), TensorType.floats(5, 12));

        assertThat(o.out()).isEqualTo(TensorType.floats(5, 4)); // [T, K]
        assertCost(o.cost(),
                52,     // 12*4 + 4
                240,    // 5 tokens * 12*4
                80);    // 5*4 * 4
    }

    @Test
    @Covers("PerPositionRegression")
    void perPixelRegressionGivesNumbersAtEveryPixel() {
        Outcome o = apply("PerPositionRegression", params("outputs", 1), TensorType.floats(4, 6, 6));

        assertThat(o.out()).isEqualTo(TensorType.floats(1, 6, 6));
        assertCost(o.cost(),
                5,      // 4*1 + 1
                144,    // 36 pixels * 4*1
                144);   // 1*6*6 * 4
    }

    @Test
    void aPerPositionHeadRefusesAVector() {
        GraphAnalysis a = sketch().vector("v", 8).layer("seg", "PerPositionClassification").connect("v", "seg.in")
                .analyze();

        assertThat(a.problemsAt("seg")).isNotEmpty();
        assertThat(a.report("seg")).isEmpty();
    }

    @Test
    @Covers("Regression")
    void regressionHeadIsALinearLayerToNumbers() {
        Outcome o = apply("Regression", params("outputs", 3), TensorType.floats(32));

        assertThat(o.out()).isEqualTo(TensorType.floats(3));
        assertCost(o.cost(),
                99,     // 32*3 + 3
                96,     // 32*3
                12);    // 3 * 4
    }

    @Test
    void classificationNeedsAtLeastTwoClasses() {
        GraphAnalysis a = sketch().vector("in", 4).layer("head", "Classification", "classes", 1)
                .chain("in", "head").analyze();

        Problem p = onlyProblemAt(a, "head");
        assertThat(p.port()).isNull();
        assertThat(p.message()).isEqualTo("parameter classes must be an integer from 2 to 100000, got 1");
    }

    // ---------------------------------------------------------------------------------------
    // The same rules through a whole graph
    // ---------------------------------------------------------------------------------------

    @Test
    void theAnalyserReportsTheSameNumbersAsTheLayerRules() {
        GraphAnalysis a = sketch().image("img", 1, 28, 28)
                .layer("conv", "Conv2d", "filters", 16, "kernel", 3, "padding", 1)
                .layer("gap", "GlobalAvgPool")
                .layer("head", "Classification", "classes", 10)
                .chain("img", "conv", "gap", "head").analyze();

        assertThat(a.problems()).isEmpty();
        assertThat(a.report("conv").orElseThrow().cost())
                .isEqualTo(apply("Conv2d", params("filters", 16, "kernel", 3, "padding", 1),
                        TensorType.floats(1, 28, 28)).cost());
        assertThat(a.report("head").orElseThrow().cost()).isEqualTo(Cost.dense(
                170,    // 16*10 + 10
                160,    // 16*10
                40));   // 10 * 4
    }

    @Test
    void aRuleThatCannotBeMetThrowsAShapeExceptionNamingThePort() {
        LayerSpec add = CATALOG.require("Add");
        LayerContext ctx = context(add, params(), Map.of("a", TensorType.floats(3), "b", TensorType.floats(4)));

        assertThatThrownBy(() -> add.inferOutputs(ctx))
                .isInstanceOfSatisfying(ShapeException.class, e -> assertThat(e.port()).isEqualTo("b"));
    }

    // ---------------------------------------------------------------------------------------
    // Helpers
    // ---------------------------------------------------------------------------------------

    /** Name, value pairs as a map. */
    private static Map<String, Object> params(Object... nameValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            map.put((String) nameValues[i], nameValues[i + 1]);
        }
        return map;
    }

    /** Runs a layer's rules on one input port {@code in}. */
    private static Outcome apply(String type, Map<String, Object> params, TensorType in) {
        return apply(type, params, Map.of("in", in));
    }

    /** Runs a layer's parameter rules, shape rule and cost rules as the analyser does. */
    private static Outcome apply(String type, Map<String, Object> params, Map<String, TensorType> inputs) {
        LayerSpec spec = CATALOG.require(type);
        LayerContext ctx = context(spec, params, inputs);
        spec.checkParameters(new LayerContext(ctx.node(), ctx.params(), Map.of(), Map.of()));
        Map<String, TensorType> outputs = spec.inferOutputs(ctx);
        assertThat(outputs.keySet()).containsExactly("out");
        Cost cost = spec.cost(new LayerContext(ctx.node(), ctx.params(), inputs, outputs));
        return new Outcome(outputs.get("out"), cost);
    }

    /** A context with the spec's defaults overlaid by {@code params}, each checked by its ParamSpec. */
    private static LayerContext context(LayerSpec spec, Map<String, Object> params, Map<String, TensorType> inputs) {
        Map<String, Object> effective = new LinkedHashMap<>(spec.defaults());
        params.forEach((name, value) -> effective.put(name, spec.param(name)
                .orElseThrow(() -> new AssertionError(spec.type() + " has no parameter " + name)).check(value)));
        Node node = new Node("x", spec.type(), params, Position.ORIGIN, "");
        return new LayerContext(node, effective, inputs, Map.of());
    }

    /** A cost where every weight is used (everything but MoE). */
    private static void assertCost(Cost cost, long parameters, long multiplyAdds, long activationBytes) {
        assertThat(cost).isEqualTo(new Cost(parameters, parameters, multiplyAdds, multiplyAdds, activationBytes));
    }
}
