package dev.sextant.bench.workload;

import java.util.SplittableRandom;

/**
 * Independent random streams derived from one run seed, so that, say, drawing prompts never shifts the
 * arrival times and a session's questions do not depend on the order in which sessions finish.
 */
final class Seeds {
    static final long ARRIVALS = 0x41525249L;
    static final long CONTENT = 0x434f4e54L;
    static final long OUTPUT = 0x4f555450L;
    static final long SESSION = 0x53455353L;
    static final long BLOCK = 0x424c4f43L;

    private Seeds() {}

    /** A stream for {@code purpose} and the given keys. */
    static SplittableRandom stream(long seed, long purpose, long... keys) {
        return new SplittableRandom(derive(seed, purpose, keys));
    }

    /** A 64-bit value mixing {@code seed}, {@code purpose} and the keys. */
    static long derive(long seed, long purpose, long... keys) {
        long h = mix(seed ^ mix(purpose));
        for (long k : keys) {
            h = mix(h ^ (k + 0x9E3779B97F4A7C15L));
        }
        return h;
    }

    /** MurmurHash3's 64-bit finaliser. */
    static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

    /** {@code n} words drawn uniformly from the vocabulary. */
    static int[] words(PromptVocabulary vocabulary, int n, SplittableRandom random) {
        int[] out = new int[n];
        int size = vocabulary.size();
        for (int i = 0; i < n; i++) {
            out[i] = vocabulary.tokenId(random.nextInt(size));
        }
        return out;
    }
}
