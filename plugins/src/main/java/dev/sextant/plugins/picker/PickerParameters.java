package dev.sextant.plugins.picker;

import dev.sextant.api.plugin.PluginParameters;

/** The parameter every picker shares. */
final class PickerParameters {
    static final int DEFAULT_MAX_NUM_OF_ENDPOINTS = 1;

    private PickerParameters() {}

    /** {@code maxNumOfEndpoints}: how many endpoints to return, primary plus fallbacks; default 1. */
    static int maxNumOfEndpoints(PluginParameters params) {
        int max = params.integer("maxNumOfEndpoints", DEFAULT_MAX_NUM_OF_ENDPOINTS);
        params.check(max >= 1, "maxNumOfEndpoints", max, ">= 1");
        return Math.max(1, max);
    }

    static void requirePositive(int maxNumOfEndpoints) {
        if (maxNumOfEndpoints < 1) {
            throw new IllegalArgumentException("maxNumOfEndpoints: " + maxNumOfEndpoints + " (expected: >= 1)");
        }
    }
}
