package dev.sextant.plugins.precise.index;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Sextant's own block keys: one 62-bit key per full block of tokens, chained so that a key stands for
 * the whole prefix up to and including its block.
 *
 * <p>{@code key(i) = fmix64(fold(key(i-1), tokens of block i)) >>> 2} where {@code fold} is FNV-1a over 64-bit
 * words (the parent key, then the block's tokens two at a time, low token in the low half), and the parent
 * of the first block is the root: FNV-1a over the bytes of {@code hashSeed}, a 0 byte and the model name,
 * finished the same way. The model name is the base model, or the LoRA adapter's name for adapter
 * requests, so equal tokens under different adapters never share keys. A trailing partial block gets no
 * key (engines cache full blocks only). Keys leave the top two bits clear so that the per-endpoint
 * engine-hash map can keep the block's tiers in them ({@link EngineHashes}); 62 bits still make two
 * prefixes of a million-block index share a key with probability about 2^-23.
 *
 * <p>The engine's own hash function is never needed: {@link KvBlockIndex} maps the engine's hashes to
 * these keys when a {@code BlockStored} event brings the tokens. Immutable and thread-safe.
 */
public final class BlockKeys {
    /** Keys use the low 62 bits only. */
    static final int BITS = 62;

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private final int blockSize;
    private final byte[] seed;

    /**
     * @param blockSize tokens per block, &gt; 0 (vLLM's default is 16)
     * @param hashSeed a deployment-wide seed, may be empty
     */
    public BlockKeys(int blockSize, String hashSeed) {
        if (blockSize <= 0) {
            throw new IllegalArgumentException("blockSize: " + blockSize + " (expected: > 0)");
        }
        this.blockSize = blockSize;
        this.seed = Objects.requireNonNull(hashSeed, "hashSeed").getBytes(StandardCharsets.UTF_8);
    }

    /** Tokens per block. */
    public int blockSize() {
        return blockSize;
    }

    /** The parent key of the first block of a prompt for {@code model} (base model or adapter name). */
    public long root(String model) {
        long h = FNV_OFFSET;
        for (byte b : seed) {
            h = (h ^ (b & 0xff)) * FNV_PRIME;
        }
        h *= FNV_PRIME; // the 0 separator
        for (byte b : model.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * FNV_PRIME;
        }
        return fmix64(h) >>> 2;
    }

    /** The key of the block of {@code blockSize} tokens starting at {@code tokens[from]}, after {@code parent}. */
    public long next(long parent, int[] tokens, int from) {
        long h = (FNV_OFFSET ^ parent) * FNV_PRIME;
        int end = from + blockSize;
        int i = from;
        for (; i + 1 < end; i += 2) {
            h = (h ^ ((tokens[i] & 0xffffffffL) | ((long) tokens[i + 1] << 32))) * FNV_PRIME;
        }
        if (i < end) {
            h = (h ^ (tokens[i] & 0xffffffffL)) * FNV_PRIME;
        }
        return fmix64(h) >>> 2;
    }

    /** Number of full blocks in {@code tokenCount} tokens. */
    public int fullBlocks(int tokenCount) {
        return tokenCount / blockSize;
    }

    /**
     * Writes the keys of every full block of {@code tokens[0 .. tokenCount)} into {@code out} (which must
     * hold {@link #fullBlocks} entries) and returns how many were written.
     */
    public int keys(long root, int[] tokens, int tokenCount, long[] out) {
        int n = tokenCount / blockSize;
        long parent = root;
        for (int b = 0; b < n; b++) {
            parent = next(parent, tokens, b * blockSize);
            out[b] = parent;
        }
        return n;
    }

    /** The keys of every full block of {@code tokens} for {@code model}, in a new array. */
    public long[] keys(String model, int[] tokens) {
        long[] out = new long[fullBlocks(tokens.length)];
        keys(root(model), tokens, tokens.length, out);
        return out;
    }

    /** MurmurHash3's 64-bit finaliser: spreads every input bit over the key. */
    static long fmix64(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
