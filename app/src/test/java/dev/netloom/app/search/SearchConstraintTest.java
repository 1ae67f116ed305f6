package dev.netloom.app.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SearchConstraintTest {

    @Test
    void rulesParseWithTheirUnitsAndDevice() {
        SearchConstraint l = SearchConstraint.parse("latency<=20ms@raspberry-pi-5");
        assertThat(l.metric()).isEqualTo(SearchConstraint.Metric.LATENCY);
        assertThat(l.limit()).isEqualTo(20.0);
        assertThat(l.deviceId()).isEqualTo("raspberry-pi-5");
        assertThat(SearchConstraint.parse("latency ≤ 0.5s").limit()).isEqualTo(500.0);
        assertThat(SearchConstraint.parse("latency<=250us").limit()).isEqualTo(0.25);
        assertThat(SearchConstraint.parse("params<=1000000").limit()).isEqualTo(1e6);
        assertThat(SearchConstraint.parse("parameters<=1.5M").metric()).isEqualTo(SearchConstraint.Metric.PARAMETERS);
        assertThat(SearchConstraint.parse("multiply-adds<=50M").limit()).isEqualTo(5e7);
        assertThat(SearchConstraint.parse("parameters<=1M").value(1_200_000)).isEqualTo(200_000.0);
        assertThat(SearchConstraint.parse("parameters<=1M").value(1_000_000)).isZero();
    }

    @Test
    void badRulesSayWhatIsWrongInOurWords() {
        assertThatThrownBy(() -> SearchConstraint.parse("speed<=3")).hasMessage(
                "constraint \"speed<=3\": unknown metric \"speed\"; use latency, parameters or multiply-adds");
        assertThatThrownBy(() -> SearchConstraint.parse("latency>=3ms")).hasMessageStartingWith(
                "constraint \"latency>=3ms\": write METRIC<=LIMIT");
        assertThatThrownBy(() -> SearchConstraint.parse("latency<=3h")).hasMessage(
                "constraint \"latency<=3h\": latency is in ms, s or us, not \"h\"");
        assertThatThrownBy(() -> SearchConstraint.parse("parameters<=1M@raspberry-pi-5")).hasMessage(
                "constraint \"parameters<=1M@raspberry-pi-5\": only a latency limit names a device");
        assertThatThrownBy(() -> SearchConstraint.parse("parameters<=0")).hasMessage(
                "constraint \"parameters<=0\": the limit must be above 0");
    }
}
