package dev.sextant.simulator.server;

import java.util.Locale;

/**
 * A replica's part in prefill/decode disaggregation (label {@code llm-d.ai/role}).
 */
public enum Role {
    /** Serves prefill legs ({@code do_remote_decode}) and refuses requests that bring remote KV. */
    PREFILL,
    /** Serves decode legs ({@code do_remote_prefill}) and refuses prefill legs. */
    DECODE,
    /** Serves everything: plain requests, prefill legs and decode legs. */
    BOTH;

    /** The lower-case name used on the command line and in labels. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code prefill}, {@code decode} or {@code both} (case-insensitive). */
    public static Role parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("role: '" + value + "' (expected: prefill, decode or both)", e);
        }
    }
}
