package dev.sextant.simulator.engine;

import java.nio.charset.StandardCharsets;

/**
 * The chained block hash of the simulated prefix cache (documented in docs/simulator.md).
 *
 * <p>Like vLLM's, a block's key covers its parent's key, its tokens and extra keys (the LoRA adapter
 * on every block, the cache salt on the first), so equal tokens under different adapters or salts
 * never share blocks. The root is derived from a seed, as vLLM derives it from {@code PYTHONHASHSEED}.
 * FNV-1a 64 over a little-endian encoding, finished with a 64-bit mixer so that the values use all
 * 64 bits (many are &ge; 2^63, as real vLLM hashes are).
 */
final class BlockHasher {
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private final long root;

    BlockHasher(long seed) {
        root = mix(seed ^ 0x5EC7A47B10C4L);
    }

    /** The parent of the first block. */
    long root() {
        return root;
    }

    /** Hash of the block holding {@code tokens[from .. from+count)} of a request. */
    long hash(long parent, int[] tokens, int from, int count, String lora, String cacheSalt) {
        long h = FNV_OFFSET;
        h = longLe(h, parent);
        for (int i = from; i < from + count; i++) {
            h = intLe(h, tokens[i]);
        }
        h = extra(h, (byte) 0x01, lora);
        h = extra(h, (byte) 0x02, cacheSalt);
        return mix(h);
    }

    private static long extra(long h, byte tag, String value) {
        if (value == null) {
            return h;
        }
        h = (h ^ tag) * FNV_PRIME;
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * FNV_PRIME;
        }
        return (h ^ 0xff) * FNV_PRIME;
    }

    private static long intLe(long h, int v) {
        for (int i = 0; i < 4; i++) {
            h = (h ^ ((v >>> (8 * i)) & 0xff)) * FNV_PRIME;
        }
        return h;
    }

    private static long longLe(long h, long v) {
        for (int i = 0; i < 8; i++) {
            h = (h ^ ((v >>> (8 * i)) & 0xff)) * FNV_PRIME;
        }
        return h;
    }

    /** MurmurHash3's 64-bit finaliser: a bijection that spreads every input bit over the output. */
    static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
