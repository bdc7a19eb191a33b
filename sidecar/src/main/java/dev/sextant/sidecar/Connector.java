package dev.sextant.sidecar;

import java.util.Locale;

/** The KV-transfer protocols the sidecar speaks with the engines. */
public enum Connector {
    /** llm-d's NIXL protocol v2: a prefill leg answers {@code kv_transfer_params} the decode leg passes on. */
    NIXLV2;

    /** The flag value, e.g. {@code nixlv2}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a {@code --connector} value. */
    public static Connector parse(String value) {
        for (Connector c : values()) {
            if (c.label().equals(value)) {
                return c;
            }
        }
        throw new IllegalArgumentException("connector: '" + value + "' (expected: nixlv2)");
    }
}
