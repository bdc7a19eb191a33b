package dev.sextant.core.datalayer;

import dev.sextant.api.time.ManualClock;
import java.time.Duration;
import java.util.PriorityQueue;

/** A {@link TimerService} in virtual time: tasks run when the test advances the clock past them. */
final class VirtualTimer implements TimerService {
    private final ManualClock clock;
    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private long sequence;

    VirtualTimer(ManualClock clock) {
        this.clock = clock;
    }

    private final class Task implements Comparable<Task> {
        final long due;
        final long order = sequence++;
        final Runnable body;
        boolean cancelled;

        Task(long due, Runnable body) {
            this.due = due;
            this.body = body;
        }

        @Override
        public int compareTo(Task o) {
            return due != o.due ? Long.compare(due, o.due) : Long.compare(order, o.order);
        }
    }

    @Override
    public synchronized Cancellable schedule(long delayNanos, Runnable body) {
        Task t = new Task(clock.nanos() + Math.max(0, delayNanos), body);
        queue.add(t);
        return () -> t.cancelled = true;
    }

    /** Advances the clock by {@code d}, running every task that falls due, in time order. */
    void advance(Duration d) {
        long end = clock.nanos() + d.toNanos();
        while (true) {
            Task t;
            synchronized (this) {
                t = queue.peek();
                if (t == null || t.due > end) {
                    break;
                }
                queue.poll();
            }
            if (t.due > clock.nanos()) {
                clock.setNanos(t.due);
            }
            if (!t.cancelled) {
                t.body.run();
            }
        }
        clock.setNanos(end);
    }

    synchronized int pending() {
        return (int) queue.stream().filter(t -> !t.cancelled).count();
    }
}
