package dev.sextant.api.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EndpointMetricsTest {

    @Test
    void unknownMetricsAreInfinitelyOld() {
        assertThat(EndpointMetrics.UNKNOWN.isKnown()).isFalse();
        assertThat(EndpointMetrics.UNKNOWN.ageNanos(123)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void ageIsMeasuredFromTheScrape() {
        EndpointMetrics m = EndpointMetrics.builder().updatedAtNanos(1_000).build();
        assertThat(m.ageNanos(5_000)).isEqualTo(4_000);
    }

    @Test
    void rejectsImpossibleValues() {
        assertThatThrownBy(() -> EndpointMetrics.builder().kvCacheUsage(1.5).build())
                .hasMessageContaining("kvCacheUsage: 1.5 (expected: 0..1)");
        assertThatThrownBy(() -> EndpointMetrics.builder().kvCacheUsage(Double.NaN).build())
                .hasMessageContaining("kvCacheUsage");
        assertThatThrownBy(() -> EndpointMetrics.builder().waitingQueueSize(-1).build())
                .hasMessageContaining("waitingQueueSize: -1");
    }

    @Test
    void loraFreeSlotCountsRunningAndWaiting() {
        assertThat(new LoraState(java.util.Set.of("a"), java.util.Set.of("b"), 2).hasFreeSlot()).isFalse();
        assertThat(new LoraState(java.util.Set.of("a"), java.util.Set.of(), 2).hasFreeSlot()).isTrue();
        assertThat(LoraState.NONE.hasFreeSlot()).isFalse();
    }
}
