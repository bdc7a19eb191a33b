package dev.sextant.plugins.scorer.prefix;

import java.nio.charset.StandardCharsets;

/**
 * Cuts a prompt view into blocks of characters and gives each block a chained XXH64 hash, so that a
 * block's hash stands for the whole prompt up to and including it: block i is hashed together with
 * the hash of block i−1, and block 0 with a hash of the target model and the cache salt, which keeps
 * caches of different models and different salts apart. A trailing partial block is ignored, as a
 * model server caches only full blocks.
 *
 * <p>Stateless and thread-safe.
 */
public final class PromptBlockHasher {
    /** Characters per token assumed when the text is not tokenised (as GIE assumes). */
    public static final int CHARS_PER_TOKEN = 4;
    private static final int CHUNK_CHARS = 1024;

    private PromptBlockHasher() {}

    /**
     * The chained hashes of the leading full blocks of {@code text}.
     *
     * @param model the target model, part of the first block's seed
     * @param cacheSalt the request's {@code cache_salt}, part of the first block's seed; may be empty
     * @param text the prompt view
     * @param blockSizeTokens tokens per block, &gt; 0; a block is {@code blockSizeTokens × 4} chars
     * @param maxBlocks the most blocks to hash, &ge; 0; text beyond them is ignored
     * @return one hash per full block, at most {@code maxBlocks}
     */
    public static long[] hashBlocks(String model, String cacheSalt, String text, int blockSizeTokens, int maxBlocks) {
        if (blockSizeTokens <= 0) {
            throw new IllegalArgumentException("blockSizeTokens: " + blockSizeTokens + " (expected: > 0)");
        }
        if (maxBlocks < 0) {
            throw new IllegalArgumentException("maxBlocks: " + maxBlocks + " (expected: >= 0)");
        }
        long blockCharsWide = (long) blockSizeTokens * CHARS_PER_TOKEN;
        int blocks = (int) Math.min(maxBlocks, text.length() / blockCharsWide);
        long[] hashes = new long[blocks];
        if (blocks == 0) {
            return hashes;
        }
        int blockChars = (int) blockCharsWide;
        // Copied out a chunk of whole blocks at a time: array reads hash several times faster than charAt.
        int blocksPerChunk = Math.max(1, Math.min(blocks, CHUNK_CHARS / blockChars));
        char[] chunk = new char[blocksPerChunk * blockChars];
        long previous = seed(model, cacheSalt);
        for (int first = 0; first < blocks; first += blocksPerChunk) {
            int count = Math.min(blocksPerChunk, blocks - first);
            int start = first * blockChars;
            text.getChars(start, start + count * blockChars, chunk, 0);
            for (int b = 0; b < count; b++) {
                previous = Xxh64.hashChars(chunk, b * blockChars, blockChars, previous, 0);
                hashes[first + b] = previous;
            }
        }
        return hashes;
    }

    /** The hash standing for "nothing yet" of one model and salt: what block 0 is chained to. */
    static long seed(String model, String cacheSalt) {
        byte[] modelBytes = model.getBytes(StandardCharsets.UTF_8);
        long modelHash = Xxh64.hash(modelBytes, 0, modelBytes.length, 0);
        if (cacheSalt.isEmpty()) {
            return modelHash;
        }
        byte[] saltBytes = cacheSalt.getBytes(StandardCharsets.UTF_8);
        return Xxh64.hash(saltBytes, 0, saltBytes.length, modelHash);
    }
}
