package dev.sextant.simulator.engine;

import java.util.Locale;

/** Why a request ended; the lower-case name is vLLM's {@code finished_reason} label. */
public enum FinishReason {
    /** The model produced its end-of-sequence token. */
    STOP,
    /** {@code max_tokens} was reached. */
    LENGTH,
    /** The request was cancelled (client gone). */
    ABORT;

    /** The name as vLLM writes it in responses and metric labels. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
