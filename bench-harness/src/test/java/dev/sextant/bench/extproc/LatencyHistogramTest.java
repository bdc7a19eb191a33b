package dev.sextant.bench.extproc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void nothingRecordedIsAllZero() {
        assertThat(new LatencyHistogram().summary()).isEqualTo(LatencySummary.EMPTY);
    }

    @Test
    void percentilesOfOneToTenThousandMicroseconds() {
        LatencyHistogram h = new LatencyHistogram();
        for (long us = 1; us <= 10_000; us++) {
            h.record(us * 1_000);
        }
        LatencySummary s = h.summary();
        assertThat(s.count()).isEqualTo(10_000);
        assertThat(s.meanNanos()).isEqualTo(5_000_500.0);
        // Three significant digits: each percentile within 0.1 % of the exact rank's value.
        assertThat((double) s.p50Nanos()).isCloseTo(5_000_000, within(5_000.0));
        assertThat((double) s.p90Nanos()).isCloseTo(9_000_000, within(9_000.0));
        assertThat((double) s.p99Nanos()).isCloseTo(9_900_000, within(9_900.0));
        assertThat((double) s.p999Nanos()).isCloseTo(9_990_000, within(9_990.0));
        assertThat((double) s.maxNanos()).isCloseTo(10_000_000, within(10_000.0));
    }

    @Test
    void oneSlowRequestInAHundredIsTheP99ButNotTheP90() {
        LatencyHistogram h = new LatencyHistogram();
        for (int i = 0; i < 98; i++) {
            h.record(200_000);
        }
        h.record(50_000_000);
        h.record(50_000_000);
        LatencySummary s = h.summary();
        assertThat((double) s.p90Nanos()).isCloseTo(200_000, within(200.0));
        assertThat((double) s.p99Nanos()).isCloseTo(50_000_000, within(50_000.0));
        assertThat(s.meanNanos()).isEqualTo((98 * 200_000.0 + 2 * 50_000_000.0) / 100);
    }

    @Test
    void valuesOutsideTheRangeAreClampedButTheMeanKeepsThem() {
        LatencyHistogram h = new LatencyHistogram();
        h.record(-5);
        h.record(10);
        LatencySummary s = h.summary();
        assertThat(s.count()).isEqualTo(2);
        assertThat(s.maxNanos()).isLessThan(200);
        assertThat(s.meanNanos()).isEqualTo(5.0);
    }
}
