package dev.sextant.bench.cluster;

import java.util.Arrays;

/**
 * The replicas ordered by when their engine next has something to do: an indexed binary min-heap, so the
 * loop finds the earliest engine in O(1) and re-files one after it moved in O(log n). Ties go to the
 * lower replica index, which keeps runs deterministic. Single-threaded.
 */
final class EngineQueue {
    private final long[] due;
    private final int[] heap;
    private final int[] position;

    /** All {@code replicas} idle ({@link Long#MAX_VALUE}). */
    EngineQueue(int replicas) {
        due = new long[replicas];
        Arrays.fill(due, Long.MAX_VALUE);
        heap = new int[replicas];
        position = new int[replicas];
        for (int i = 0; i < replicas; i++) {
            heap[i] = i;
            position[i] = i;
        }
    }

    /** The replica whose engine is due first. */
    int first() {
        return heap[0];
    }

    /** When the first replica is due; {@link Long#MAX_VALUE} when every engine is idle. */
    long firstDue() {
        return due[heap[0]];
    }

    /** Re-files {@code replica} as due at {@code nanos}. */
    void update(int replica, long nanos) {
        long old = due[replica];
        if (old == nanos) {
            return;
        }
        due[replica] = nanos;
        int at = position[replica];
        if (nanos < old) {
            siftUp(at);
        } else {
            siftDown(at);
        }
    }

    private boolean less(int a, int b) {
        return due[a] < due[b] || (due[a] == due[b] && a < b);
    }

    private void siftUp(int at) {
        int item = heap[at];
        while (at > 0) {
            int parent = (at - 1) >>> 1;
            if (!less(item, heap[parent])) {
                break;
            }
            place(heap[parent], at);
            at = parent;
        }
        place(item, at);
    }

    private void siftDown(int at) {
        int item = heap[at];
        int n = heap.length;
        while (true) {
            int child = 2 * at + 1;
            if (child >= n) {
                break;
            }
            if (child + 1 < n && less(heap[child + 1], heap[child])) {
                child++;
            }
            if (!less(heap[child], item)) {
                break;
            }
            place(heap[child], at);
            at = child;
        }
        place(item, at);
    }

    private void place(int replica, int at) {
        heap[at] = replica;
        position[replica] = at;
    }
}
