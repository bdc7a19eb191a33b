package dev.sextant.core.scheduling;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A small lock-free pool of {@link CandidateScratch}, so concurrent scheduling cycles (on any kind of
 * thread, virtual ones included) reuse working memory instead of allocating it. When every slot is
 * taken a fresh scratch is made and, on release, kept only if a slot is free.
 */
final class ScratchPool {
    private final AtomicReferenceArray<CandidateScratch> slots;
    private final int mask;

    ScratchPool() {
        int size = Integer.highestOneBit(Math.max(4, Runtime.getRuntime().availableProcessors() * 4) - 1) << 1;
        slots = new AtomicReferenceArray<>(size);
        mask = size - 1;
        for (int i = 0; i < size; i++) {
            slots.set(i, new CandidateScratch());
        }
    }

    CandidateScratch acquire() {
        int start = (int) Thread.currentThread().threadId() & mask;
        for (int i = 0; i <= mask; i++) {
            CandidateScratch s = slots.getAndSet((start + i) & mask, null);
            if (s != null) {
                return s;
            }
        }
        return new CandidateScratch();
    }

    void release(CandidateScratch scratch) {
        scratch.release();
        int start = (int) Thread.currentThread().threadId() & mask;
        for (int i = 0; i <= mask; i++) {
            if (slots.compareAndSet((start + i) & mask, null, scratch)) {
                return;
            }
        }
    }
}
