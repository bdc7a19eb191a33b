package dev.sextant.plugins.precise.events;

import java.util.Locale;

/**
 * Where an engine keeps a cached block: on the GPU (reusable at once) or offloaded to CPU memory
 * (reusable after a copy back, hence worth less to the scorer).
 */
public enum StorageTier {
    /** GPU memory; the default when an event names no medium. Weight 1.0. */
    GPU(1.0),
    /** CPU memory (and any other offload medium an engine names). Weight 0.8. */
    CPU(0.8);

    private final double weight;

    StorageTier(double weight) {
        this.weight = weight;
    }

    /** How much a block on this tier counts when scoring, in (0, 1]. */
    public double weight() {
        return weight;
    }

    /** The tier of an event's {@code medium} field: null or {@code GPU} (any case) is GPU, anything else CPU. */
    public static StorageTier ofMedium(String medium) {
        if (medium == null || medium.toUpperCase(Locale.ROOT).equals("GPU")) {
            return GPU;
        }
        return CPU;
    }
}
