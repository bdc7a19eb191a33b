package dev.sextant.bench.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

class EngineQueueProperties {

    /** After any sequence of updates, the first replica is the earliest, lowest index on ties. */
    @Property(tries = 300)
    void firstIsTheEarliest(@ForAll @IntRange(min = 1, max = 40) int replicas,
            @ForAll @Size(max = 200) List<@LongRange(min = 0, max = 50) Long> times) {
        EngineQueue queue = new EngineQueue(replicas);
        long[] due = new long[replicas];
        Arrays.fill(due, Long.MAX_VALUE);
        for (int i = 0; i < times.size(); i++) {
            int replica = (int) ((i * 7L + times.get(i)) % replicas);
            long t = times.get(i) == 50 ? Long.MAX_VALUE : times.get(i);
            queue.update(replica, t);
            due[replica] = t;
            int expected = 0;
            for (int r = 1; r < replicas; r++) {
                if (due[r] < due[expected]) {
                    expected = r;
                }
            }
            assertThat(queue.firstDue()).isEqualTo(due[expected]);
            if (due[expected] != Long.MAX_VALUE) {
                assertThat(queue.first()).isEqualTo(expected);
            }
        }
    }
}
