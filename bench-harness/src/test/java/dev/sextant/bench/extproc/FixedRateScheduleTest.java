package dev.sextant.bench.extproc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FixedRateScheduleTest {

    @ParameterizedTest
    @CsvSource({"2000, 0, 0", "2000, 1, 500000", "2000, 2000, 1000000000", "3, 1, 333333333", "3, 2, 666666667",
        "3, 3000000, 1000000000000000", "0.5, 3, 6000000000"})
    void requestIIsMeantToGoAtIOverTheRate(double rate, long index, long nanos) {
        assertThat(new FixedRateSchedule(rate).intendedNanos(index)).isEqualTo(nanos);
    }

    @Test
    void intervalsDoNotDriftOverALongRun() {
        FixedRateSchedule schedule = new FixedRateSchedule(3);
        // 3 requests per second for a day: request 259,200 is due at exactly 86,400 s.
        assertThat(schedule.intendedNanos(259_200)).isEqualTo(86_400_000_000_000L);
        long previous = -1;
        for (long i = 0; i < 10_000; i++) {
            long t = schedule.intendedNanos(i);
            assertThat(t - previous).isIn(i == 0 ? 1L : 333_333_333L, 333_333_334L);
            previous = t;
        }
    }

    @Test
    void refusesRatesThatAreNotPositive() {
        assertThatThrownBy(() -> new FixedRateSchedule(0)).hasMessage("rate: 0.0 (expected: > 0)");
        assertThatThrownBy(() -> new FixedRateSchedule(Double.NaN)).hasMessage("rate: NaN (expected: > 0)");
        assertThatThrownBy(() -> new FixedRateSchedule(1).intendedNanos(-1)).hasMessage("index: -1 (expected: >= 0)");
    }
}
