package dev.netloom.devices;

import dev.netloom.graph.Precision;
import dev.netloom.graph.analysis.GraphAnalysis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The estimator over every shipped profile (one contract), and its rules one by one. */
class EstimatorTest {

    private static final GraphAnalysis MOBILENET = MobileNet.v2();
    private static final DeviceCatalog CATALOG = DeviceCatalog.standard();
    private final Estimator estimator = new Estimator();

    static Stream<DeviceProfile> profiles() {
        return CATALOG.all().stream();
    }

    private static DeviceProfile device(String id) {
        return CATALOG.find(id).orElseThrow();
    }

    @ParameterizedTest
    @MethodSource("profiles")
    void everyProfileEstimatesEveryTemplateAtEveryPrecisionItTakes(DeviceProfile d) {
        for (String template : new dev.netloom.graph.project.Templates(
                new dev.netloom.graph.project.ProjectFile(dev.netloom.graph.catalog.LayerCatalog.standard())).names()) {
            GraphAnalysis a = MobileNet.template(template);
            for (Precision p : d.precisions()) {
                DeviceEstimate e = estimator.estimate(a, d, PrecisionPlan.uniform(p), 0);
                assertThat(e.latencyMs()).as(d.id() + " " + template + " " + p).isPositive().isFinite();
                assertThat(e.threads()).isEqualTo(d.defaultThreads());
                assertThat(e.unsupportedPrecisions()).isEmpty();
                assertThat(e.layers()).allSatisfy(l -> assertThat(l.latencyMs())
                        .isGreaterThanOrEqualTo(Math.max(l.computeMs(), l.memoryMs())));
                assertThat(e.bottleneckNodeId()).isNotEmpty();
                assertThat(e.energy().isPresent()).as(d.id() + " energy").isEqualTo(d.power().known());
                e.energy().ifPresent(en -> assertThat(en.millijoules()).as(d.id()).isPositive().isFinite()
                        .isCloseTo(en.watts() * e.latencyMs(), within(1e-9 * en.millijoules())));
                assertThat(e.fits()).isEqualTo(e.reasons().stream().noneMatch(r -> r.contains("should use at most")
                        || r.contains("has room for") || r.contains("does not take")));
            }
        }
    }

    @Test
    void moreThreadsAreFasterUpToTheCores() {
        DeviceProfile pi5 = device("raspberry-pi-5");
        PrecisionPlan fp32 = PrecisionPlan.uniform(Precision.FP32);
        double one = estimator.estimate(MOBILENET, pi5, fp32, 1).latencyMs();
        double four = estimator.estimate(MOBILENET, pi5, fp32, 4).latencyMs();
        double eight = estimator.estimate(MOBILENET, pi5, fp32, 8).latencyMs();
        assertThat(four).isLessThan(one);
        assertThat(eight).isEqualTo(four);
    }

    @Test
    void fusedAndFreeLayersCostNothingAndConvolutionsAreComputeBound() {
        DeviceEstimate e = estimator.estimate(MOBILENET, device("raspberry-pi-4"), PrecisionPlan.uniform(Precision.FP32), 4);
        assertThat(e.layers()).filteredOn(l -> l.type().equals("BatchNorm")).allSatisfy(l -> {
            assertThat(l.bound()).isEqualTo("fused");
            assertThat(l.latencyMs()).isZero();
        });
        assertThat(e.layers()).filteredOn(l -> l.type().equals("Image")).extracting(LayerEstimate::bound).containsOnly("free");
        assertThat(e.layers()).filteredOn(l -> l.type().equals("Add")).extracting(LayerEstimate::bound)
                .containsOnly("memory", "overhead");
        assertThat(e.layers().stream().filter(l -> l.bound().equals("compute")).count()).isGreaterThan(20);
    }

    @Test
    void twoBitWeightsAreSmallOnDiskButFp32SizedInRamUnderOnnxRuntime() {
        DeviceProfile pi5 = device("raspberry-pi-5");
        DeviceEstimate fp32 = estimator.estimate(MOBILENET, pi5, PrecisionPlan.uniform(Precision.FP32), 4);
        DeviceEstimate int2 = estimator.estimate(MOBILENET, pi5, PrecisionPlan.uniform(Precision.INT2), 4);
        DeviceEstimate int8 = estimator.estimate(MOBILENET, pi5, PrecisionPlan.uniform(Precision.INT8), 4);
        assertThat(int2.peakMemoryBytes()).isEqualTo(fp32.peakMemoryBytes());
        assertThat(int2.storageBytes()).isLessThan(int8.storageBytes()).isLessThan(fp32.storageBytes() / 4);
        assertThat(int2.reasons()).anyMatch(r -> r.contains("widens 2-bit and 1-bit weights to FP32"));
        // MobileNetV2: 3.5M weights, 14 MB at FP32; INT8 adds one FP32 scale per 128 weights.
        long params = MOBILENET.total().parameters();
        long weights = int8.storageBytes() - Estimator.GRAPH_FIXED_BYTES
                - Estimator.GRAPH_BYTES_PER_NODE * MOBILENET.order().size();
        // Scales are counted per layer, so each layer rounds its last block up: at most 4 bytes per layer more.
        assertThat(weights).isBetween(params + params / 32, params + params / 32 + 4L * MOBILENET.order().size());
    }

    @Test
    void onOnnxRuntimeInt8ConvolutionsComputeInFp32AndLinearLayersInInt8() {
        DeviceProfile pi5 = device("raspberry-pi-5");
        DeviceEstimate fp32 = estimator.estimate(MOBILENET, pi5, PrecisionPlan.uniform(Precision.FP32), 4);
        DeviceEstimate int8 = estimator.estimate(MOBILENET, pi5, PrecisionPlan.uniform(Precision.INT8), 4);
        // Convolution weights are dequantized to FP32 at load: same compute, FP32-sized weights in RAM.
        assertThat(int8.layers()).filteredOn(l -> l.type().equals("Conv2d")).allSatisfy(l -> assertThat(l.computeMs())
                .isEqualTo(fp32.layers().stream().filter(f -> f.nodeId().equals(l.nodeId())).findFirst().orElseThrow().computeMs()));
        assertThat(int8.peakMemoryBytes()).isGreaterThan(fp32.peakMemoryBytes() * 9 / 10);
        // A full-integer runtime keeps INT8 arithmetic for convolutions.
        DeviceProfile mcu = device("esp32-s3");
        double mcuFp32 = estimator.estimate(MOBILENET, mcu, PrecisionPlan.uniform(Precision.FP32), 0).latencyMs();
        assertThat(estimator.estimate(MOBILENET, mcu, PrecisionPlan.uniform(Precision.INT8), 0).latencyMs()).isLessThan(mcuFp32);
    }

    @Test
    void theExportedMixtureOfExpertsRunsEveryExpertOnOnnxRuntimeButNotOnFullIntegerRuntimes() {
        GraphAnalysis moe = MobileNet.template("moe-transformer");
        DeviceEstimate pi5 = estimator.estimate(moe, device("raspberry-pi-5"), PrecisionPlan.uniform(Precision.FP32), 1);
        LayerEstimate layer = pi5.layers().stream().filter(l -> l.type().equals("MoE")).findFirst().orElseThrow();
        var report = moe.report(layer.nodeId()).orElseThrow();
        assertThat(report.cost().multiplyAdds()).isGreaterThan(report.cost().activeMultiplyAdds());
        DeviceProfile pi = device("raspberry-pi-5");
        double allExperts = 2.0 * report.cost().multiplyAdds()
                / pi.compute().sustainedOpsPerSecond(Precision.FP32, 1) * 1e3;
        assertThat(layer.computeMs()).isCloseTo(allExperts, org.assertj.core.data.Percentage.withPercentage(1));
        LayerEstimate mcu = estimator.estimate(moe, device("esp32-s3"), PrecisionPlan.uniform(Precision.INT8), 0).layers()
                .stream().filter(l -> l.type().equals("MoE")).findFirst().orElseThrow();
        DeviceProfile esp = device("esp32-s3");
        assertThat(mcu.computeMs()).isCloseTo(2.0 * report.cost().activeMultiplyAdds()
                / esp.compute().sustainedOpsPerSecond(Precision.INT8, esp.defaultThreads()) * 1e3,
                org.assertj.core.data.Percentage.withPercentage(1));
    }

    @Test
    void anEmbeddingReadsOnlyTheRowsOfItsTokens() {
        // BERT-tiny's table: 30,522 tokens x 128, looked up for 128 tokens: 128 rows (64 KiB), not 15.6 MB.
        dev.netloom.graph.Graph g = new dev.netloom.graph.Graph(java.util.List.of(
                node("text", "Tokens", Map.of("vocabulary", 30_522, "length", 128)),
                node("embed", "Embedding", Map.of("dim", 128)),
                node("pool", "GlobalAvgPool", Map.of()),
                node("answer", "Classification", Map.of("classes", 2))),
                java.util.List.of(edge("text", "embed"), edge("embed", "pool"), edge("pool", "answer")));
        GraphAnalysis a = new dev.netloom.graph.analysis.GraphAnalyzer(dev.netloom.graph.catalog.LayerCatalog.standard())
                .analyze(g);
        assertThat(a.problems()).isEmpty();
        DeviceProfile pi5 = device("raspberry-pi-5");
        DeviceEstimate e = estimator.estimate(a, pi5, PrecisionPlan.uniform(Precision.FP32), 1);
        LayerEstimate embed = e.layers().stream().filter(l -> l.nodeId().equals("embed")).findFirst().orElseThrow();
        long rows = 128L * 128 * 4;
        long activations = 128L * 8 + 128L * 128 * 4; // token ids in, vectors out
        assertThat(embed.memoryMs()).isCloseTo((rows + activations) / (pi5.memory().bandwidthGBps().value() * 1e9) * 1e3,
                org.assertj.core.data.Percentage.withPercentage(0.1));
        // The whole table is still in RAM.
        assertThat(e.peakMemoryBytes()).isGreaterThan(30_522L * 128 * 4);
    }

    private static dev.netloom.graph.Node node(String id, String type, Map<String, Object> params) {
        return new dev.netloom.graph.Node(id, type, params, dev.netloom.graph.Position.ORIGIN, "");
    }

    private static dev.netloom.graph.Edge edge(String from, String to) {
        return new dev.netloom.graph.Edge(new dev.netloom.graph.PortRef(from, "out"), new dev.netloom.graph.PortRef(to, "in"));
    }

    @Test
    void operatorsOfALayerEachCostALaunch() {
        DeviceProfile pi4 = device("raspberry-pi-4");
        GraphAnalysis text = MobileNet.template("text-classifier");
        DeviceEstimate e = estimator.estimate(text, pi4, PrecisionPlan.uniform(Precision.FP32), 4);
        LayerEstimate block = e.layers().stream().filter(l -> l.type().equals("TransformerEncoderBlock")).findFirst()
                .orElseThrow();
        int operators = OperatorCount.of(text.report(block.nodeId()).orElseThrow(), Precision.FP32);
        assertThat(operators).isGreaterThan(25);
        assertThat(block.overheadMs()).isGreaterThanOrEqualTo(operators * pi4.preferredRuntime().perOperatorOverheadUs().value() / 1e3);
    }

    @Test
    void mobileNetDoesNotFitAMicrocontrollerAndSaysWhy() {
        DeviceEstimate e = estimator.estimate(MOBILENET, device("stm32h7"), PrecisionPlan.uniform(Precision.INT8), 1);
        assertThat(e.fitsStorage()).isFalse();
        assertThat(e.fitsRam()).isFalse();
        assertThat(e.fits()).isFalse();
        assertThat(e.reasons()).anyMatch(r -> r.startsWith("Needs ") && r.contains("should use at most 640 KiB"));
        assertThat(e.reasons()).anyMatch(r -> r.contains("needs it converted first"));
        // Weights stay in flash and activations are INT8: peak RAM is a quarter of the FP32 activations plus the interpreter.
        assertThat(e.peakMemoryBytes()).isEqualTo((long) (MOBILENET.peakActivationBytes() * 0.25) + 16 * 1024);
    }

    @Test
    void unsupportedPrecisionsAndPerNodePlansAreHonoured() {
        DeviceProfile esp = device("esp32-s3");
        DeviceEstimate e = estimator.estimate(MOBILENET, esp, PrecisionPlan.uniform(Precision.INT4), 1);
        assertThat(e.unsupportedPrecisions()).containsExactly(Precision.INT4);
        assertThat(e.reasons()).anyMatch(r -> r.contains("does not take 4-bit") || r.contains("does not take INT4"));

        PrecisionPlan mixed = new PrecisionPlan(Precision.INT8, Map.of("stem", Precision.FP32));
        assertThat(mixed.precisionOf("stem")).isEqualTo(Precision.FP32);
        assertThat(mixed.precisionOf("classes")).isEqualTo(Precision.INT8);
        DeviceEstimate m = estimator.estimate(MOBILENET, device("raspberry-pi-5"), mixed, 4);
        assertThat(m.layers()).filteredOn(l -> l.nodeId().equals("stem")).extracting(LayerEstimate::precision)
                .containsExactly(Precision.FP32);
    }

    @Test
    void anUncalibratedThisComputerSaysSo() {
        DeviceEstimate e = estimator.estimate(MOBILENET, device("this-computer"), PrecisionPlan.uniform(Precision.FP32), 0);
        assertThat(e.reasons()).anyMatch(r -> r.contains("not calibrated yet"));
    }
}
