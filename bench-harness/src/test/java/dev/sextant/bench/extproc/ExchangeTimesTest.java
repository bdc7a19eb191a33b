package dev.sextant.bench.extproc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExchangeTimesTest {

    @Test
    void aRequestThatStartedOnTimeAddsTheSameFromEitherOrigin() {
        ExchangeTimes t = new ExchangeTimes(1_000, 1_000, 1_050, 1_300, 1_400, 1_410, 1_600, "10.0.0.1:8000", null);
        assertThat(t.addedNanos()).isEqualTo(350);
        assertThat(t.addedFromIntendedNanos()).isEqualTo(350);
        assertThat(t.pickNanos()).isEqualTo(250);
        assertThat(t.responseNanos()).isEqualTo(190);
        assertThat(t.sendLagNanos()).isZero();
    }

    @Test
    void aLateStartIsChargedToTheLatencyFromTheIntendedTime() {
        // Meant for t=1,000; the generator was held up until 5,000 (a stalled picker, a pause): the request that
        // then took 350 ns would have taken 4,350 ns for a client sending on time.
        ExchangeTimes t = new ExchangeTimes(1_000, 5_000, 5_050, 5_300, 5_400, 5_410, 5_600, "10.0.0.1:8000", null);
        assertThat(t.addedNanos()).isEqualTo(350);
        assertThat(t.addedFromIntendedNanos()).isEqualTo(4_350);
        assertThat(t.sendLagNanos()).isEqualTo(4_000);
    }

    @Test
    void theTallyKeepsOnlyRequestsMeantForTheWindow() {
        ResultTally tally = new ResultTally(1_000, 2_000);
        tally.sent(999);
        tally.finished(new ExchangeTimes(999, 999, 1_000, 1_100, 1_200, 1_200, 1_300, "a:1", null));
        for (long intended : new long[] {1_000, 1_500, 1_999}) {
            tally.sent(intended);
            tally.finished(new ExchangeTimes(intended, intended, intended + 10, intended + 20, intended + 30,
                    intended + 30, intended + 40, "a:1,b:2", null));
        }
        tally.sent(1_600);
        tally.finished(new ExchangeTimes(1_600, 1_600, 1_600, 0, 0, 0, 1_700, null, "immediate_503"));
        tally.overloaded(1_700);
        tally.sent(2_000);
        ExtProcBenchResult r = tally.result(new LoadShape.FixedRate(2), 0);
        assertThat(r.sent()).isEqualTo(4);
        assertThat(r.succeeded()).isEqualTo(3);
        assertThat(r.failures()).containsOnly(java.util.Map.entry("immediate_503", 1L),
                java.util.Map.entry("client_overloaded", 1L));
        assertThat(r.failed()).isEqualTo(2);
        assertThat(r.primaries()).containsOnly(java.util.Map.entry("a:1", 3L));
        assertThat(r.added().count()).isEqualTo(3);
        assertThat(r.windowSeconds()).isEqualTo(1e-6);
    }
}
