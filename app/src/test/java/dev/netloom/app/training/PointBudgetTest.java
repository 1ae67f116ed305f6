package dev.netloom.app.training;

import dev.netloom.app.training.PointBudget.Point;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The charts' decimation: long runs stay within the budget and keep their spikes. */
class PointBudgetTest {

    @Test
    void aMillionPointsStayWithinTheBudgetAndKeepTheExtremes() {
        PointBudget budget = new PointBudget(600, 1);
        Random random = new Random(7);
        for (int i = 0; i < 1_000_000; i++) {
            double y = Math.exp(-i / 200_000.0) + random.nextGaussian() * 0.01;
            if (i == 123_457) {
                y = 50; // a loss spike
            }
            if (i == 876_543) {
                y = -3; // a dip
            }
            budget.add(i, y);
        }
        List<Point> points = budget.points();
        assertThat(points).hasSizeLessThanOrEqualTo(600).hasSizeGreaterThan(250);
        assertThat(budget.added()).isEqualTo(1_000_000);
        assertThat(points).contains(new Point(123_457, 50), new Point(876_543, -3));
        assertThat(points.get(0).x()).isLessThan(4096); // within the first bucket, whose width grew to 4096
        assertThat(points.get(points.size() - 1).x()).isGreaterThan(990_000);
        for (int i = 1; i < points.size(); i++) {
            assertThat(points.get(i).x()).isGreaterThan(points.get(i - 1).x());
        }
    }

    @Test
    void aShortSeriesIsKeptWhole() {
        PointBudget budget = new PointBudget(600, 0.01);
        for (int step = 1; step <= 40; step++) {
            budget.add(step / 20.0, 1.0 / step);
        }
        assertThat(budget.points()).hasSize(40);
    }

    @Test
    void pointsAChartCannotDrawAreSkipped() {
        PointBudget budget = new PointBudget(8, 1);
        budget.add(0, 1);
        budget.add(1, Double.NaN);
        budget.add(2, Double.POSITIVE_INFINITY);
        assertThat(budget.points()).containsExactly(new Point(0, 1));
        assertThatThrownBy(() -> new PointBudget(2, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
