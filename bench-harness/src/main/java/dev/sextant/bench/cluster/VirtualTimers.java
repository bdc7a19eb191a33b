package dev.sextant.bench.cluster;

import dev.sextant.api.time.Clock;
import dev.sextant.core.datalayer.TimerService;
import java.util.PriorityQueue;

/**
 * The data layer's timer in virtual time: tasks wait in a queue ordered by due time (then by scheduling
 * order) until the event loop reaches them. Cancelled tasks stay queued and are skipped when due, which is
 * cheaper than removing them: the watchdog of every scrape is cancelled within the same instant.
 * Single-threaded, like the loop that owns it.
 */
final class VirtualTimers implements TimerService {
    private final Clock clock;
    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private long sequence;

    VirtualTimers(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Cancellable schedule(long delayNanos, Runnable task) {
        if (delayNanos < 0) {
            throw new IllegalArgumentException("delayNanos: " + delayNanos + " (expected: >= 0)");
        }
        Task t = new Task(clock.nanos() + delayNanos, sequence++, task);
        queue.add(t);
        return t;
    }

    /** When the next live task is due; {@link Long#MAX_VALUE} when none is queued. */
    long nextDue() {
        Task head = queue.peek();
        while (head != null && head.cancelled) {
            queue.poll();
            head = queue.peek();
        }
        return head == null ? Long.MAX_VALUE : head.due;
    }

    /** Runs the next live task; the caller has moved the clock to its due time. */
    void runNext() {
        Task t = queue.poll();
        if (t != null && !t.cancelled) {
            t.cancelled = true;
            t.task.run();
        }
    }

    /** Tasks queued, live or cancelled, for tests. */
    int queued() {
        return queue.size();
    }

    private static final class Task implements Comparable<Task>, Cancellable {
        final long due;
        final long sequence;
        final Runnable task;
        boolean cancelled;

        Task(long due, long sequence, Runnable task) {
            this.due = due;
            this.sequence = sequence;
            this.task = task;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        @Override
        public int compareTo(Task o) {
            int byDue = Long.compare(due, o.due);
            return byDue != 0 ? byDue : Long.compare(sequence, o.sequence);
        }
    }
}
