package dev.sextant.bench.metrics;

/**
 * The best any router could do: one prefix cache of unbounded size that every request reaches. For each
 * prompt it reports how many leading tokens, in full blocks, some earlier prompt (or answer) already held;
 * like vLLM it never counts the block holding the last prompt token, so at least one token is computed.
 * Blocks are keyed by a hash chained over their tokens. Not thread-safe.
 */
public final class IdealPrefixCache {
    private final int blockSize;
    private long[] table = new long[1 << 16];
    private int size;

    /** @param blockSize tokens per block, as the engines use, &ge; 1 */
    public IdealPrefixCache(int blockSize) {
        if (blockSize < 1) {
            throw new IllegalArgumentException("blockSize: " + blockSize + " (expected: >= 1)");
        }
        this.blockSize = blockSize;
    }

    /** The tokens of {@code prompt} an unbounded shared cache holds now; then remembers the prompt's blocks. */
    public int lookupAndRemember(int[] prompt) {
        int cacheable = (prompt.length - 1) / blockSize;
        int hits = 0;
        boolean matching = true;
        long key = 0x5EC7A47B10C4L;
        for (int b = 0; b < prompt.length / blockSize; b++) {
            key = chain(key, prompt, b * blockSize);
            if (matching && b < cacheable && contains(key)) {
                hits++;
            } else {
                matching = false;
                insert(key);
            }
        }
        return hits * blockSize;
    }

    /** Remembers the full blocks of {@code tokens} (a prompt followed by its answer) without looking up. */
    public void remember(int[] tokens) {
        long key = 0x5EC7A47B10C4L;
        for (int b = 0; b < tokens.length / blockSize; b++) {
            key = chain(key, tokens, b * blockSize);
            insert(key);
        }
    }

    /** Distinct blocks remembered. */
    public int blocks() {
        return size;
    }

    private long chain(long parent, int[] tokens, int from) {
        long h = parent * 0x9E3779B97F4A7C15L;
        for (int i = from; i < from + blockSize; i++) {
            h = (h ^ tokens[i]) * 0x100000001B3L;
        }
        h ^= h >>> 29;
        h *= 0xBF58476D1CE4E5B9L;
        h ^= h >>> 32;
        return h == 0 ? 1 : h;
    }

    private boolean contains(long key) {
        int mask = table.length - 1;
        for (int i = (int) key & mask; ; i = (i + 1) & mask) {
            long v = table[i];
            if (v == key) {
                return true;
            }
            if (v == 0) {
                return false;
            }
        }
    }

    private void insert(long key) {
        if (size * 2 >= table.length) {
            grow();
        }
        int mask = table.length - 1;
        for (int i = (int) key & mask; ; i = (i + 1) & mask) {
            long v = table[i];
            if (v == key) {
                return;
            }
            if (v == 0) {
                table[i] = key;
                size++;
                return;
            }
        }
    }

    private void grow() {
        long[] old = table;
        table = new long[old.length * 2];
        size = 0;
        for (long v : old) {
            if (v != 0) {
                insert(v);
            }
        }
    }
}
