package dev.sextant.bench.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.api.time.ManualClock;
import dev.sextant.core.datalayer.TimerService;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VirtualTimersTest {

    @Test
    void runsTasksByDueTimeThenOrderAndSkipsCancelledOnes() {
        ManualClock clock = new ManualClock();
        VirtualTimers timers = new VirtualTimers(clock);
        List<String> ran = new ArrayList<>();
        timers.schedule(20, () -> ran.add("b"));
        timers.schedule(10, () -> ran.add("a"));
        TimerService.Cancellable c = timers.schedule(15, () -> ran.add("cancelled"));
        timers.schedule(20, () -> ran.add("c"));
        c.cancel();
        while (timers.nextDue() != Long.MAX_VALUE) {
            clock.setNanos(timers.nextDue());
            timers.runNext();
        }
        assertThat(ran).containsExactly("a", "b", "c");
        assertThat(clock.nanos()).isEqualTo(20);
        assertThat(timers.queued()).isZero();
    }

    @Test
    void delaysCountFromTheClockNow() {
        ManualClock clock = new ManualClock();
        VirtualTimers timers = new VirtualTimers(clock);
        clock.setNanos(1_000);
        timers.schedule(5, () -> { });
        assertThat(timers.nextDue()).isEqualTo(1_005);
    }
}
