package dev.sextant.simulator.server;

import static java.util.Objects.requireNonNull;

import java.util.random.RandomGenerator;

/**
 * How many tokens a replica generates when the request does not force {@code max_tokens} with
 * {@code ignore_eos}: a length drawn from this distribution, capped by {@code max_tokens}. A request
 * that ends before its cap finishes with {@code stop}, one that reaches it with {@code length}.
 */
public sealed interface OutputLength {

    /** A length &ge; 1 drawn with {@code random}. */
    int draw(RandomGenerator random);

    /** Always {@code tokens}. */
    record Fixed(int tokens) implements OutputLength {
        public Fixed {
            if (tokens < 1) {
                throw new IllegalArgumentException("output length: " + tokens + " (expected: >= 1)");
            }
        }

        @Override
        public int draw(RandomGenerator random) {
            return tokens;
        }
    }

    /** Uniform in {@code [min, max]}. */
    record Uniform(int min, int max) implements OutputLength {
        public Uniform {
            if (min < 1 || max < min) {
                throw new IllegalArgumentException(
                        "output length: uniform " + min + "-" + max + " (expected: 1 <= min <= max)");
            }
        }

        @Override
        public int draw(RandomGenerator random) {
            return min + random.nextInt(max - min + 1);
        }
    }

    /**
     * Parses {@code N} (fixed) or {@code MIN-MAX} (uniform).
     *
     * @throws IllegalArgumentException naming the problem
     */
    static OutputLength parse(String spec) {
        requireNonNull(spec, "spec");
        String s = spec.trim();
        try {
            int dash = s.indexOf('-');
            if (dash < 0) {
                return new Fixed(Integer.parseInt(s));
            }
            return new Uniform(Integer.parseInt(s.substring(0, dash).trim()), Integer.parseInt(s.substring(dash + 1).trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("output length: '" + spec + "' (expected: N or MIN-MAX)", e);
        }
    }
}
