package dev.netloom.devices;

import dev.netloom.graph.Precision;
import dev.netloom.graph.analysis.GraphAnalysis;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The calibration points each shipped profile lists (published MobileNetV2 latencies, ncnn
 * benchmark): every one within 30%. The fit itself, over several models with held-out ones, is
 * {@link PublishedLatencyTest}.
 */
class CalibrationTest {

    private static final GraphAnalysis MOBILENET = MobileNet.v2();
    private final DeviceCatalog catalog = DeviceCatalog.standard();

    @Test
    void theTemplateIsTheModelOfThePublishedTables() {
        assertThat(MOBILENET.total().activeMultiplyAdds()).isBetween(300_000_000L, 301_000_000L);
    }

    @Test
    void everyCalibrationPointIsWithinThirtyPercentAndThePrintedTableShowsIt() {
        List<String> rows = new ArrayList<>();
        rows.add(String.format(Locale.ROOT, "%-18s %-5s %7s %10s %10s %7s  %s", "device", "prec", "threads",
                "published", "estimated", "error", "use"));
        int points = 0;
        for (DeviceProfile d : catalog.all()) {
            for (CalibrationPoint p : d.calibration()) {
                double estimated = new Estimator().estimate(MobileNet.template(p.template()), d,
                        PrecisionPlan.uniform(p.precision()), p.threads()).latencyMs();
                double error = (estimated - p.latencyMs()) / p.latencyMs();
                rows.add(String.format(Locale.ROOT, "%-18s %-5s %7d %8.1f ms %7.1f ms %+6.1f%%  %s", d.id(),
                        p.precision().name().toLowerCase(Locale.ROOT), p.threads(), p.latencyMs(), estimated,
                        100 * error, p.fitted() ? "fitted" : "held-out"));
                assertThat(Math.abs(error)).as(d.id() + " @" + p.threads()).isLessThan(0.30);
                points++;
            }
        }
        System.out.println(String.join("\n", rows));
        assertThat(points).isEqualTo(9);
    }
}
