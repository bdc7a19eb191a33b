package dev.sextant.bench.cluster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which inference objective ({@code x-gateway-inference-objective}) each simulated request names:
 * shares of the traffic per objective, the rest naming none. The choice depends only on the
 * request's sequence number and the seed, so every configuration of a comparison sees the same
 * requests under the same objectives.
 *
 * @param shares objective name to its share of requests, each in (0, 1], together at most 1
 */
public record ObjectiveMix(Map<String, Double> shares) {

    /** No objectives: every request has priority 0. */
    public static final ObjectiveMix NONE = new ObjectiveMix(Map.of());

    public ObjectiveMix {
        Objects.requireNonNull(shares, "shares");
        double sum = 0;
        for (Map.Entry<String, Double> e : shares.entrySet()) {
            if (e.getKey() == null || e.getKey().isBlank()) {
                throw new IllegalArgumentException("objectives: blank objective name (expected: NAME=SHARE)");
            }
            double share = e.getValue();
            if (!(share > 0 && share <= 1)) {
                throw new IllegalArgumentException("objectives: " + e.getKey() + "=" + share + " (expected: a share in (0, 1])");
            }
            sum += share;
        }
        if (sum > 1 + 1e-9) {
            throw new IllegalArgumentException("objectives: shares add up to " + sum + " (expected: at most 1)");
        }
        shares = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(shares));
    }

    /**
     * Parses {@code critical=0.1,batch=0.4}.
     *
     * @throws IllegalArgumentException naming the part that is wrong
     */
    public static ObjectiveMix parse(String spec) {
        Objects.requireNonNull(spec, "spec");
        Map<String, Double> shares = new LinkedHashMap<>();
        for (String part : spec.split(",")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("objectives: '" + p + "' (expected: NAME=SHARE, e.g. critical=0.1)");
            }
            String name = p.substring(0, eq).strip();
            double share;
            try {
                share = Double.parseDouble(p.substring(eq + 1).strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("objectives: '" + p + "' (expected: a number after '=')");
            }
            if (shares.put(name, share) != null) {
                throw new IllegalArgumentException("objectives: '" + name + "' given twice");
            }
        }
        return new ObjectiveMix(shares);
    }

    /** The objective names, in the order given. */
    public List<String> names() {
        return new ArrayList<>(shares.keySet());
    }

    /** The objective request {@code sequence} names under {@code seed}, or null for none. */
    public String objectiveOf(long sequence, long seed) {
        if (shares.isEmpty()) {
            return null;
        }
        double u = (mix(sequence * 0x9E3779B97F4A7C15L ^ seed) >>> 11) * 0x1.0p-53;
        double edge = 0;
        for (Map.Entry<String, Double> e : shares.entrySet()) {
            edge += e.getValue();
            if (u < edge) {
                return e.getKey();
            }
        }
        return null;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
