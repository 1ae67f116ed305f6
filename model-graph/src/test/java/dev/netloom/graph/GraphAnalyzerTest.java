package dev.netloom.graph;

import dev.netloom.graph.analysis.Fix;
import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.graph.analysis.NodeReport;
import dev.netloom.graph.analysis.Problem;
import dev.netloom.graph.analysis.Severity;
import dev.netloom.graph.edit.InsertOnEdge;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.netloom.graph.GraphSketch.ANALYZER;
import static dev.netloom.graph.GraphSketch.onlyProblemAt;
import static dev.netloom.graph.GraphSketch.sketch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * Validation across a whole graph: structure (cycles, unconnected ports, heads and inputs),
 * parameters, ports, tensor kinds with their suggested fixes, totals and peak activation memory,
 * and graphs so large that counting their costs would overflow.
 */
class GraphAnalyzerTest {

    // ---------------------------------------------------------------------------------------
    // Structure
    // ---------------------------------------------------------------------------------------

    @Test
    void aValidGraphHasNoProblemsAndAReportForEveryNode() {
        GraphAnalysis a = smallCnn().analyze();

        assertThat(a.problems()).isEmpty();
        assertThat(a.isValid()).isTrue();
        assertThat(a.order()).containsExactly("img", "conv", "pool", "flat", "head");
        assertThat(a.reports()).containsOnlyKeys("img", "conv", "pool", "flat", "head");
    }

    @Test
    void aCycleIsReportedWithItsPath() {
        // in -> add.a; add -> d1 -> d2 -> add.b closes a loop; d2 also feeds the head
        GraphAnalysis a = sketch().vector("in", 8)
                .layer("add", "Add").layer("d1", "Dense", "units", 8).layer("d2", "Dense", "units", 8)
                .layer("head", "Classification")
                .connect("in", "add.a").chain("add", "d1", "d2").connect("d2", "add.b").connect("d2", "head")
                .analyze();

        Problem cycle = a.problems().stream().filter(p -> p.message().contains("cycle")).findFirst().orElseThrow();
        List<String> path = cyclePath(cycle.message());
        assertThat(path).as("a closed path through the three nodes of the loop").hasSize(4);
        assertThat(path.get(0)).isEqualTo(path.get(3)).isEqualTo(cycle.nodeId());
        assertThat(path.subList(0, 3)).containsExactlyInAnyOrder("add", "d1", "d2");
        for (int i = 0; i < 3; i++) {
            assertThat(hasEdgeBetween(a.graph(), path.get(i), path.get(i + 1)))
                    .as("edge %s -> %s of path %s", path.get(i), path.get(i + 1), path).isTrue();
        }
        assertThat(cycle.message()).endsWith("; a model must flow one way from inputs to heads");
        assertThat(a.isValid()).isFalse();
    }

    @Test
    void aCyclePathHoldsOnlyTheNodesOnTheLoopEvenWhenANodeAfterItComesFirst() {
        // the head, fed by the loop, is drawn first; the path must still be just add -> d1 -> add
        GraphAnalysis a = sketch().layer("head", "Classification").vector("in", 8)
                .layer("add", "Add").layer("d1", "Dense", "units", 8)
                .connect("in", "add.a").chain("add", "d1").connect("d1", "add.b").connect("d1", "head")
                .analyze();

        Problem cycle = a.problems().stream().filter(p -> p.message().contains("cycle")).findFirst().orElseThrow();
        List<String> path = cyclePath(cycle.message());
        assertThat(path).hasSize(3);
        assertThat(path.get(0)).isEqualTo(path.get(2)).isEqualTo(cycle.nodeId());
        assertThat(path.subList(0, 2)).containsExactlyInAnyOrder("add", "d1");
    }

    @Test
    void nodesInACycleAreLeftOutOfTheOrderButTheNodesBeforeItAreInferred() {
        GraphAnalysis a = sketch().vector("in", 8)
                .layer("add", "Add").layer("d1", "Dense", "units", 8).layer("d2", "Dense", "units", 8)
                .layer("head", "Classification")
                .connect("in", "add.a").chain("add", "d1", "d2").connect("d2", "add.b").connect("d2", "head")
                .analyze();

        assertThat(a.order()).containsExactly("in");
        assertThat(a.report("in").orElseThrow().out()).isEqualTo(TensorType.floats(8));
        assertThat(a.problems()).as("only the cycle, no follow-on complaints").hasSize(1);
    }

    @Test
    void aNodeFedByItsOwnOutputIsReported() {
        GraphAnalysis a = sketch().image("img", 1, 8, 8).layer("add", "Add")
                .connect("img", "add.a").connect("add", "add.b").endWithHead("add").analyze();

        assertThat(a.problemsAt("add")).anySatisfy(p -> {
            assertThat(p.port()).isEqualTo("b");
            assertThat(p.message()).isEqualTo("is connected to its own output");
        });
    }

    @Test
    void anUnconnectedRequiredInputIsReportedAtItsPort() {
        GraphAnalysis a = sketch().vector("x", 8).layer("add", "Add").layer("head", "Classification")
                .connect("x", "add.a").chain("add", "head").analyze();

        Problem p = onlyProblemAt(a, "add");
        assertThat(p.port()).isEqualTo("b");
        assertThat(p.message()).isEqualTo("required input is not connected");
        assertThat(p.severity()).isEqualTo(Severity.ERROR);
    }

    @Test
    void concatMayLeaveItsThirdAndFourthInputsUnconnected() {
        GraphAnalysis a = sketch().vector("x", 3).vector("y", 5).layer("cat", "Concat")
                .layer("head", "Classification")
                .connect("x", "cat.a").connect("y", "cat.b").chain("cat", "head").analyze();

        assertThat(a.problems()).isEmpty();
        assertThat(a.report("cat").orElseThrow().out()).isEqualTo(TensorType.floats(8)); // 3 + 5
    }

    @Test
    void gatedFusionMayLeaveItsThirdInputUnconnected() {
        GraphAnalysis a = sketch().vector("x", 3).vector("y", 5).layer("fuse", "GatedFusion", "dim", 4)
                .layer("head", "Classification")
                .connect("x", "fuse.a").connect("y", "fuse.b").chain("fuse", "head").analyze();

        assertThat(a.problems()).isEmpty();
        assertThat(a.report("fuse").orElseThrow().out()).isEqualTo(TensorType.floats(4));
    }

    @Test
    void aBranchThatReachesNoHeadIsReportedAtItsOutput() {
        GraphAnalysis a = sketch().vector("in", 8).layer("used", "Dense", "units", 4)
                .layer("dangling", "Dense", "units", 4).layer("head", "Classification")
                .chain("in", "used", "head").connect("in", "dangling").analyze();

        Problem p = onlyProblemAt(a, "dangling");
        assertThat(p.port()).isEqualTo("out");
        assertThat(p.message()).isEqualTo("output reaches no head; connect it onward or delete the node");
        assertThat(a.problems()).hasSize(1);
    }

    @Test
    void aModelWithoutAHeadIsReported() {
        GraphAnalysis a = sketch().vector("in", 8).layer("fc", "Dense").chain("in", "fc").analyze();

        assertThat(a.problems()).singleElement().satisfies(p -> {
            assertThat(p.nodeId()).isNull();
            assertThat(p.message()).isEqualTo("the model has no head; end it with a Classification or Regression head");
        });
    }

    @Test
    void aModelWithoutAnInputIsReported() {
        GraphAnalysis a = sketch().layer("fc", "Dense").layer("head", "Classification").chain("fc", "head").analyze();

        assertThat(a.problems()).anySatisfy(p -> {
            assertThat(p.nodeId()).isNull();
            assertThat(p.message()).isEqualTo("the model has no input; add an Image, Tokens or Tabular input");
        });
        assertThat(onlyProblemAt(a, "fc").message()).isEqualTo("required input is not connected");
    }

    @Test
    void anEmptyGraphIsOneProblemAndCostsNothing() {
        GraphAnalysis a = ANALYZER.analyze(Graph.EMPTY);

        assertThat(a.problems()).singleElement().satisfies(p -> {
            assertThat(p.nodeId()).isNull();
            assertThat(p.location()).isEqualTo("graph");
            assertThat(p.message()).isEqualTo("the graph is empty; start from a template or add an input");
        });
        assertThat(a.isValid()).isFalse();
        assertThat(a.total()).isEqualTo(Cost.ZERO);
        assertThat(a.peakActivationBytes()).isZero();
        assertThat(a.reports()).isEmpty();
    }

    // ---------------------------------------------------------------------------------------
    // Types, parameters and ports
    // ---------------------------------------------------------------------------------------

    @Test
    void anUnknownLayerTypeSuggestsTheClosestKnownOne() {
        GraphAnalysis a = sketch().vector("in", 8).layer("fc", "Dens").layer("head", "Classification")
                .chain("in", "fc", "head").analyze();

        Problem p = onlyProblemAt(a, "fc");
        assertThat(p.port()).isNull();
        assertThat(p.message()).isEqualTo("unknown layer type \"Dens\"; did you mean Dense?");
    }

    @Test
    void anUnknownLayerTypeWrittenInTheWrongCaseSuggestsTheRightSpelling() {
        GraphAnalysis a = sketch().image("img", 1, 8, 8).layer("conv", "conv2D").endWithHead("conv")
                .connect("img", "conv").analyze();

        assertThat(onlyProblemAt(a, "conv").message()).isEqualTo("unknown layer type \"conv2D\"; did you mean Conv2d?");
    }

    @Test
    void anUnknownLayerTypeFarFromAnyKnownOnePointsToTheList() {
        GraphAnalysis a = sketch().vector("in", 8).layer("x", "Xylophone").layer("head", "Classification")
                .chain("in", "x", "head").analyze();

        assertThat(onlyProblemAt(a, "x").message())
                .isEqualTo("unknown layer type \"Xylophone\"; see `netloom layers` for the list");
    }

    @Test
    void anUnknownParameterIsReportedWithTheParametersTheLayerHas() {
        GraphAnalysis a = sketch().vector("in", 8).layer("fc", "Dense", "unit", 4).layer("head", "Classification")
                .chain("in", "fc", "head").analyze();

        Problem p = onlyProblemAt(a, "fc");
        assertThat(p.port()).isNull();
        assertThat(p.message()).isEqualTo("Dense has no parameter \"unit\" (it has units, bias)");
    }

    @Test
    void anOutOfRangeIntegerParameterNamesTheRangeAndTheValue() {
        GraphAnalysis a = sketch().vector("in", 8).layer("fc", "Dense", "units", 0).layer("head", "Classification")
                .chain("in", "fc", "head").analyze();

        assertThat(onlyProblemAt(a, "fc").message())
                .isEqualTo("parameter units must be an integer from 1 to 65536, got 0");
    }

    @Test
    void anOutOfRangeRealParameterNamesTheRangeAndTheValue() {
        GraphAnalysis a = sketch().vector("in", 8).layer("drop", "Dropout", "rate", 1.5)
                .layer("head", "Classification").chain("in", "drop", "head").analyze();

        assertThat(onlyProblemAt(a, "drop").message())
                .isEqualTo("parameter rate must be a number from 0 to 0.95, got 1.5");
    }

    @Test
    void aParameterOfTheWrongTypeIsRefused() {
        GraphAnalysis a = sketch().vector("in", 8).layer("fc", "Dense", "units", "many")
                .layer("head", "Classification").chain("in", "fc", "head").analyze();

        assertThat(onlyProblemAt(a, "fc").message())
                .isEqualTo("parameter units must be an integer from 1 to 65536, got \"many\"");
    }

    @Test
    void anEdgeIntoAMissingInputPortNamesThePortsThatExist() {
        GraphAnalysis a = sketch().vector("in", 8).layer("fc", "Dense").layer("head", "Classification")
                .connect("in", "fc.input").chain("fc", "head").analyze();

        assertThat(a.problemsAt("fc")).anySatisfy(p -> {
            assertThat(p.port()).isEqualTo("input");
            assertThat(p.message()).isEqualTo("Dense has no input port \"input\" (it has in)");
        });
        assertThat(a.problemsAt("fc")).anySatisfy(p -> {
            assertThat(p.port()).isEqualTo("in");
            assertThat(p.message()).isEqualTo("required input is not connected");
        });
    }

    @Test
    void anEdgeFromAMissingOutputPortNamesThePortsThatExist() {
        GraphAnalysis a = sketch().vector("in", 8).layer("head", "Classification")
                .connect("in.output", "head").analyze();

        assertThat(a.problemsAt("in")).anySatisfy(p -> {
            assertThat(p.port()).isEqualTo("output");
            assertThat(p.message()).isEqualTo("Tabular has no output port \"output\" (it has out)");
        });
    }

    @Test
    void anEdgeIntoAnInputLayerSaysItHasNoInputs() {
        GraphAnalysis a = sketch().vector("a", 8).vector("b", 8).layer("head", "Classification")
                .connect("a", "b").chain("b", "head").analyze();

        assertThat(onlyProblemAt(a, "b").message()).isEqualTo("Tabular has no input port \"in\" (it has none)");
    }

    // ---------------------------------------------------------------------------------------
    // Kinds of tensor, and the fix the analyser suggests
    // ---------------------------------------------------------------------------------------

    @Test
    void denseFedAPictureSuggestsAFlattenBetweenTheTwo() {
        GraphAnalysis a = sketch().image("img", 1, 28, 28).layer("conv3", "Conv2d", "filters", 32)
                .layer("fc1", "Dense", "units", 64).layer("head", "Classification")
                .chain("img", "conv3", "fc1", "head").analyze();

        Problem p = onlyProblemAt(a, "fc1");
        assertThat(p.port()).isEqualTo("in");
        assertThat(p.message()).isEqualTo("expected a sequence or a vector, got image [N, 32, 28, 28] from conv3.out");
        assertThat(p.fix()).contains(new Fix("insert Flatten between conv3 and fc1", Edge.of("conv3.out", "fc1.in"),
                "Flatten"));
        assertThat(p.toString()).endsWith("; insert Flatten between conv3 and fc1");
    }

    @Test
    void applyingTheSuggestedFixMakesTheGraphValid() throws Exception {
        Graph drawn = sketch().image("img", 1, 28, 28).layer("conv3", "Conv2d", "filters", 32)
                .layer("fc1", "Dense", "units", 64).layer("head", "Classification")
                .chain("img", "conv3", "fc1", "head").graph();
        Fix fix = ANALYZER.analyze(drawn).problemsAt("fc1").get(0).fix().orElseThrow();

        GraphAnalysis fixed = ANALYZER.analyze(InsertOnEdge.of(fix).applyTo(drawn, ANALYZER.catalog()));

        assertThat(fixed.problems()).isEmpty();
        assertThat(fixed.report("fc1").orElseThrow().inputs().get("in"))
                .isEqualTo(TensorType.floats(25088)); // 32*28*28
    }

    @Test
    void classificationFedASequenceSuggestsAGlobalAvgPool() {
        GraphAnalysis a = sketch().tokens("tok", 16, 100).layer("emb", "Embedding", "dim", 8)
                .layer("head", "Classification").chain("tok", "emb", "head").analyze();

        Problem p = onlyProblemAt(a, "head");
        assertThat(p.port()).isEqualTo("in");
        assertThat(p.message()).isEqualTo("expected a vector, got sequence [N, 16, 8] from emb.out");
        assertThat(p.fix().map(Fix::insertType)).contains("GlobalAvgPool");
        assertThat(p.fix().map(Fix::description)).contains("insert GlobalAvgPool between emb and head");
    }

    @Test
    void selfAttentionFedAPictureSuggestsAPatchEmbedding() {
        GraphAnalysis a = sketch().image("img", 3, 32, 32).layer("attn", "MultiHeadSelfAttention")
                .chain("img", "attn").endWithHead("attn").analyze();

        Problem p = onlyProblemAt(a, "attn");
        assertThat(p.port()).isEqualTo("in");
        assertThat(p.message()).isEqualTo("expected a sequence, got image [N, 3, 32, 32] from img.out");
        assertThat(p.fix()).contains(new Fix("insert PatchEmbedding between img and attn",
                Edge.of("img.out", "attn.in"), "PatchEmbedding"));
    }

    @Test
    void denseFedTokenIdsSuggestsAnEmbedding() {
        GraphAnalysis a = sketch().tokens("tok", 16, 100).layer("fc", "Dense").layer("gap", "GlobalAvgPool")
                .layer("head", "Classification").chain("tok", "fc", "gap", "head").analyze();

        Problem p = onlyProblemAt(a, "fc");
        assertThat(p.port()).isEqualTo("in");
        assertThat(p.message()).isEqualTo("expected a sequence or a vector, got token ids [N, 16] from tok.out");
        assertThat(p.fix().map(Fix::insertType)).contains("Embedding");
        assertThat(p.fix().map(Fix::description)).contains("insert Embedding between tok and fc");
    }

    @Test
    void embeddingFedAVectorSaysItExpectsTokenIds() {
        GraphAnalysis a = sketch().vector("in", 8).layer("emb", "Embedding").layer("gap", "GlobalAvgPool")
                .layer("head", "Classification").chain("in", "emb", "gap", "head").analyze();

        Problem p = onlyProblemAt(a, "emb");
        assertThat(p.port()).isEqualTo("in");
        assertThat(p.message()).isEqualTo("expected token ids, got vector [N, 8] from in.out");
        assertThat(p.fix()).isEmpty();
    }

    @Test
    void aMismatchWithNoSingleLayerAdapterHasNoFix() {
        // a vector into a convolution: only a Reshape with a chosen shape could help
        GraphAnalysis a = sketch().vector("in", 64).layer("conv", "Conv2d").chain("in", "conv").endWithHead("conv")
                .analyze();

        Problem p = onlyProblemAt(a, "conv");
        assertThat(p.message()).isEqualTo("expected an image, got vector [N, 64] from in.out");
        assertThat(p.fix()).isEmpty();
    }

    @Test
    void shapesAreStillInferredUpstreamOfAProblem() {
        GraphAnalysis a = sketch().image("img", 1, 28, 28).layer("conv1", "Conv2d", "filters", 8)
                .layer("pool", "MaxPool2d").layer("fc", "Dense").layer("head", "Classification")
                .chain("img", "conv1", "pool", "fc", "head").analyze();

        assertThat(a.report("conv1").orElseThrow().out()).isEqualTo(TensorType.floats(8, 28, 28));
        assertThat(a.report("pool").orElseThrow().out()).isEqualTo(TensorType.floats(8, 14, 14));
        assertThat(a.typeAt(PortRef.parse("pool.out"))).contains(TensorType.floats(8, 14, 14));
        assertThat(a.report("fc")).isEmpty();
        assertThat(a.report("head")).as("downstream of the problem nothing is guessed").isEmpty();
        assertThat(onlyProblemAt(a, "fc").fix().map(Fix::insertType)).contains("Flatten");
        assertThat(a.problems()).hasSize(1);
    }

    // ---------------------------------------------------------------------------------------
    // Validity
    // ---------------------------------------------------------------------------------------

    @Test
    void aGraphWithAnErrorIsNotValid() {
        GraphAnalysis a = sketch().vector("in", 8).layer("fc", "Dense", "units", 0).layer("head", "Classification")
                .chain("in", "fc", "head").analyze();

        assertThat(a.problems()).extracting(Problem::severity).containsOnly(Severity.ERROR);
        assertThat(a.isValid()).isFalse();
    }

    @Test
    void warningsAloneLeaveAnAnalysisValid() {
        GraphAnalysis clean = smallCnn().analyze();
        Problem warning = new Problem(Severity.WARNING, "conv", null, "a hint", Optional.empty());
        Problem error = new Problem(Severity.ERROR, "conv", null, "a mistake", Optional.empty());

        GraphAnalysis warned = withProblems(clean, List.of(warning));
        GraphAnalysis broken = withProblems(clean, List.of(warning, error));

        assertThat(warned.isValid()).isTrue();
        assertThat(broken.isValid()).isFalse();
    }

    // ---------------------------------------------------------------------------------------
    // Costs
    // ---------------------------------------------------------------------------------------

    @Test
    void totalsOfASmallCnnAreComputedByHand() {
        GraphAnalysis a = smallCnn().analyze();

        // img [1, 8, 8]; conv 4 filters 3x3 pad 1 -> [4, 8, 8]; pool 2 -> [4, 4, 4]; flat [64]; head 10
        assertThat(a.total()).isEqualTo(Cost.dense(
                690,    // conv 4*1*3*3 + 4 = 40; head 64*10 + 10 = 650
                2944,   // conv 4*8*8 * 1*3*3 = 2304; head 64*10 = 640
                1832)); // outputs: img 64*4 = 256, conv 256*4 = 1024, pool 64*4 = 256, flat 256, head 10*4 = 40
    }

    @Test
    void totalsAreTheSumOfTheNodeCosts() {
        GraphAnalysis a = sketch().tokens("tok", 12, 50).layer("emb", "Embedding", "dim", 16)
                .layer("block", "TransformerEncoderBlock", "heads", 2)
                .layer("moe", "MoE", "experts", 8, "topK", 2, "hidden", 32)
                .layer("gap", "GlobalAvgPool").layer("head", "Regression", "outputs", 2)
                .chain("tok", "emb", "block", "moe", "gap", "head").analyze();

        assertThat(a.problems()).isEmpty();
        Cost sum = a.reports().values().stream().map(NodeReport::cost).reduce(Cost.ZERO, Cost::plus);
        assertThat(a.total()).isEqualTo(sum);
        assertThat(a.total().activeParameters()).isLessThan(a.total().parameters());
        assertThat(a.total().activeMultiplyAdds()).isLessThan(a.total().multiplyAdds());
    }

    @Test
    void peakActivationOfAChainIsTheLargestInputAndOutputAliveTogether() {
        GraphAnalysis a = sketch().vector("in", 100).layer("fc", "Dense", "units", 50)
                .layer("head", "Classification", "classes", 10).chain("in", "fc", "head").analyze();

        // in:   produces 400                     alive: 400
        // fc:   400 + 200 = 600, frees in         alive: 200
        // head: 200 + 40 = 240, frees fc          alive: 40
        assertThat(a.peakActivationBytes()).isEqualTo(600);
    }

    @Test
    void peakActivationOfAResidualGraphKeepsTheSkippedTensorAlive() {
        GraphAnalysis a = sketch().vector("in", 100).layer("fc1", "Dense", "units", 100)
                .layer("fc2", "Dense", "units", 100).layer("add", "Add")
                .layer("head", "Classification", "classes", 10)
                .chain("in", "fc1", "fc2").connect("in", "add.a").connect("fc2", "add.b").chain("add", "head")
                .analyze();

        assertThat(a.problems()).isEmpty();
        // in:   400                                 alive: in 400
        // fc1:  400 + 400 = 800 (in still read)     alive: in, fc1 = 800
        // fc2:  800 + 400 = 1200, frees fc1         alive: in, fc2 = 800
        // add:  800 + 400 = 1200, frees in and fc2  alive: add 400
        // head: 400 + 40
        assertThat(a.peakActivationBytes()).isEqualTo(1200);
    }

    @Test
    void peakActivationCountsAttentionWorkspaceOnlyWhileTheLayerRuns() {
        GraphAnalysis a = sketch().tokens("tok", 4, 10).layer("emb", "Embedding", "dim", 8)
                .layer("attn", "MultiHeadSelfAttention", "heads", 2).layer("gap", "GlobalAvgPool")
                .layer("head", "Classification", "classes", 2).chain("tok", "emb", "attn", "gap", "head").analyze();

        assertThat(a.problems()).isEmpty();
        // tok:  4 ids * 8 = 32                                     alive: 32
        // emb:  32 + 4*8*4 = 160, frees tok                         alive: 128
        // attn: 128 + output 128 + Q, K, V 3*4*8*4 = 384
        //       + scores 2*4*4*4 = 128 = 768                        alive: 128 (workspace is gone)
        // gap:  128 + 32 = 160                                      alive: 32
        // head: 32 + 8 = 40
        assertThat(a.peakActivationBytes()).isEqualTo(768);
    }

    // ---------------------------------------------------------------------------------------
    // Huge graphs: a problem or valid numbers, never an exception
    // ---------------------------------------------------------------------------------------

    @Test
    void aHugePictureThroughWideDenseLayersGivesExactNumbers() {
        GraphSketch s = sketch().image("img", 64, 4096, 4096).layer("flat", "Flatten")
                .layer("fc1", "Dense", "units", 65536).layer("fc2", "Dense", "units", 65536)
                .layer("fc3", "Dense", "units", 65536).layer("head", "Classification", "classes", 100_000)
                .chain("img", "flat", "fc1", "fc2", "fc3", "head");

        GraphAnalysis a = analyzeWithoutThrowing(s.graph());

        assertThat(a.problems()).isEmpty();
        // flat: 64*4096*4096 = 2^30 values
        // fc1: 2^30*2^16 + 2^16 weights, 2^46 multiply-adds; fc2, fc3: 2^32 + 2^16 and 2^32
        // head: 65536*100000 + 100000 weights, 65536*100000 multiply-adds
        long params = (1L << 46) + (1L << 16) + 2 * ((1L << 32) + (1L << 16)) + 6_553_600_000L + 100_000L;
        long macs = (1L << 46) + 2 * (1L << 32) + 6_553_600_000L;
        assertThat(a.total().parameters()).isEqualTo(params);
        assertThat(a.total().multiplyAdds()).isEqualTo(macs);
        // img and flat 2^32 bytes each, fc1..fc3 2^18 each, head 400000
        assertThat(a.total().activationBytes()).isEqualTo(2 * (1L << 32) + 3 * (1L << 18) + 400_000L);
    }

    @Test
    void aTransformerBlockTooWideToCountIsAProblemNotAnException() {
        // 2^30 values as one token of width 2^30: attention weights 4*2^60, MLP (ratio 2) 2*2^30*2^31 = 2^62
        GraphSketch s = sketch().image("img", 64, 4096, 4096).layer("flat", "Flatten")
                .layer("tok", "Reshape", "shape", List.of(1, -1))
                .layer("block", "TransformerEncoderBlock", "heads", 4, "mlpRatio", 2)
                .layer("gap", "GlobalAvgPool").layer("head", "Classification")
                .chain("img", "flat", "tok", "block", "gap", "head");

        GraphAnalysis a = analyzeWithoutThrowing(s.graph());

        assertThat(a.report("tok").orElseThrow().out()).isEqualTo(TensorType.floats(1, 1 << 30));
        assertThat(a.isValid()).isFalse();
        Problem p = onlyProblemAt(a, "block");
        assertThat(p.message()).isEqualTo("is too large to count its costs; use smaller sizes");
    }

    @Test
    void selfAttentionTooWideToCountIsAProblemNotAnException() {
        // width 64*4096*4096 + 63*4096*4096 = 127*2^24: 4*D^2 weights do not fit a long
        GraphSketch s = sketch().image("x", 64, 4096, 4096).image("y", 63, 4096, 4096)
                .layer("fx", "Flatten").layer("fy", "Flatten").layer("cat", "Concat")
                .layer("tok", "Reshape", "shape", List.of(1, -1))
                .layer("attn", "MultiHeadSelfAttention", "heads", 1)
                .layer("gap", "GlobalAvgPool").layer("head", "Classification")
                .chain("x", "fx").chain("y", "fy").connect("fx", "cat.a").connect("fy", "cat.b")
                .chain("cat", "tok", "attn", "gap", "head");

        GraphAnalysis a = analyzeWithoutThrowing(s.graph());

        assertThat(a.report("tok").orElseThrow().out()).isEqualTo(TensorType.floats(1, 127 << 24));
        assertThat(onlyProblemAt(a, "attn").message()).isEqualTo("is too large to count its costs; use smaller sizes");
    }

    @Test
    void crossAttentionWhoseWeightsAloneOverflowIsAProblemNotAnException() {
        // query width Dq = 127*2^24 = 2130706432; context width Dk = 2*2^24 + 65536 + 65536 + 1031 = 33686535.
        // With one query and one key the multiply-adds 2*Dq^2 + 2*Dk*Dq + 2*Dq still fit a long, but the
        // weights 2*Dq^2 + 2*Dk*Dq + 4*Dq do not: the weight count must not wrap around to a negative number.
        GraphSketch s = sketch().image("x", 64, 4096, 4096).image("y", 63, 4096, 4096)
                .layer("fx", "Flatten").layer("fy", "Flatten").layer("qcat", "Concat")
                .layer("q", "Reshape", "shape", List.of(1, -1))
                .chain("x", "fx").chain("y", "fy").connect("fx", "qcat.a").connect("fy", "qcat.b").chain("qcat", "q")
                .image("z", 2, 4096, 4096).layer("fz", "Flatten").vector("v", 1)
                .layer("d1", "Dense", "units", 65536).layer("d2", "Dense", "units", 65536)
                .layer("d3", "Dense", "units", 1031).layer("ccat", "Concat")
                .layer("ctx", "Reshape", "shape", List.of(1, -1))
                .chain("z", "fz").connect("v", "d1").connect("v", "d2").connect("v", "d3")
                .connect("fz", "ccat.a").connect("d1", "ccat.b").connect("d2", "ccat.c").connect("d3", "ccat.d")
                .chain("ccat", "ctx")
                .layer("xattn", "CrossAttention", "heads", 1)
                .connect("q", "xattn.query").connect("ctx", "xattn.context")
                .layer("gap", "GlobalAvgPool").layer("head", "Classification")
                .chain("xattn", "gap", "head");

        GraphAnalysis a = analyzeWithoutThrowing(s.graph());

        assertThat(a.report("q").orElseThrow().out()).isEqualTo(TensorType.floats(1, 2_130_706_432));
        assertThat(a.report("ctx").orElseThrow().out()).isEqualTo(TensorType.floats(1, 33_686_535));
        assertThat(onlyProblemAt(a, "xattn").message()).isEqualTo("is too large to count its costs; use smaller sizes");
        assertThat(a.problems()).hasSize(1);
    }

    @Test
    void channelsBeyondWhatADimensionHoldsAreAProblem() {
        // 64 * 16^7 = 2^34 channels
        GraphSketch s = sketch().image("img", 64, 8, 8);
        List<String> chain = new ArrayList<>(List.of("img"));
        for (int i = 1; i <= 7; i++) {
            s.layer("dw" + i, "DepthwiseConv2d", "multiplier", 16, "kernel", 1, "padding", 0);
            chain.add("dw" + i);
        }
        s.chain(chain.toArray(String[]::new)).endWithHead("dw7");

        GraphAnalysis a = analyzeWithoutThrowing(s.graph());

        assertThat(a.report("dw6").orElseThrow().out()).isEqualTo(TensorType.floats(1 << 30, 8, 8)); // 64*16^6 = 2^30
        Problem p = onlyProblemAt(a, "dw7");
        assertThat(p.message()).contains("17179869184"); // 2^34 channels
    }

    @Test
    void totalsTooLargeToAddUpAreAProblemNotAnException() {
        // [2^30, 4096, 4096] floats are 2^56 bytes; 130 such tensors add up past 2^63
        GraphSketch s = sketch().image("img", 64, 4096, 4096);
        List<String> chain = new ArrayList<>(List.of("img"));
        for (int i = 1; i <= 6; i++) {
            s.layer("dw" + i, "DepthwiseConv2d", "multiplier", 16, "kernel", 1, "padding", 0);
            chain.add("dw" + i);
        }
        for (int i = 1; i <= 130; i++) {
            s.layer("drop" + i, "Dropout");
            chain.add("drop" + i);
        }
        s.layer("gap", "GlobalAvgPool").layer("head", "Classification");
        chain.addAll(List.of("gap", "head"));
        s.chain(chain.toArray(String[]::new));

        GraphAnalysis a = analyzeWithoutThrowing(s.graph());

        assertThat(a.report("drop130").orElseThrow().out()).isEqualTo(TensorType.floats(1 << 30, 4096, 4096));
        assertThat(a.problems()).singleElement().satisfies(p -> {
            assertThat(p.nodeId()).isNull();
            assertThat(p.message()).isEqualTo("the model is too large to count its costs");
        });
        assertThat(a.isValid()).isFalse();
    }

    // ---------------------------------------------------------------------------------------
    // Helpers
    // ---------------------------------------------------------------------------------------

    /** Image [1, 8, 8] -> Conv2d 4x3x3 pad 1 -> MaxPool 2 -> Flatten -> Classification 10. */
    private static GraphSketch smallCnn() {
        return sketch().image("img", 1, 8, 8)
                .layer("conv", "Conv2d", "filters", 4, "kernel", 3, "padding", 1)
                .layer("pool", "MaxPool2d", "kernel", 2, "stride", 2)
                .layer("flat", "Flatten")
                .layer("head", "Classification", "classes", 10)
                .chain("img", "conv", "pool", "flat", "head");
    }

    private static GraphAnalysis analyzeWithoutThrowing(Graph graph) {
        GraphAnalysis[] result = new GraphAnalysis[1];
        assertThatCode(() -> result[0] = ANALYZER.analyze(graph)).doesNotThrowAnyException();
        GraphAnalysis a = result[0];
        Cost t = a.total();
        assertThat(List.of(t.parameters(), t.activeParameters(), t.multiplyAdds(), t.activeMultiplyAdds(),
                t.activationBytes(), a.peakActivationBytes())).as("no count wrapped around").allMatch(v -> v >= 0);
        return a;
    }

    private static GraphAnalysis withProblems(GraphAnalysis a, List<Problem> problems) {
        return new GraphAnalysis(a.graph(), a.order(), a.reports(), problems, a.total(), a.peakActivationBytes());
    }

    /** The node path of "is part of a cycle: a -> b -> c -> a; ...". */
    private static List<String> cyclePath(String message) {
        Matcher m = Pattern.compile("cycle: ([^;]+);").matcher(message);
        assertThat(m.find()).as("a cycle path in \"%s\"", message).isTrue();
        return Arrays.asList(m.group(1).split(" -> "));
    }

    private static boolean hasEdgeBetween(Graph g, String from, String to) {
        return g.edges().stream().anyMatch(e -> e.from().nodeId().equals(from) && e.to().nodeId().equals(to));
    }

}
