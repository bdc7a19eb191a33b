package dev.sextant.simulator.engine;

import static java.util.Objects.requireNonNull;

/**
 * The configuration of one {@link ReplicaEngine}.
 *
 * @param profile hardware and model constants
 * @param maxLoras LoRA adapter slots ({@code --max-loras}), &ge; 0
 * @param hashSeed seed of the block-hash chain (like vLLM's {@code PYTHONHASHSEED})
 * @param outputTokens where generated token ids come from
 */
public record EngineConfig(EngineProfile profile, int maxLoras, long hashSeed, OutputTokens outputTokens) {

    /** Token ids 1000..1999: enough variety for a simulation that never renders text. */
    private static final OutputTokens DEFAULT_OUTPUT = new OutputTokens.Generated(
            java.util.stream.IntStream.range(1000, 2000).toArray());

    public EngineConfig {
        requireNonNull(profile, "profile");
        requireNonNull(outputTokens, "outputTokens");
        if (maxLoras < 0) {
            throw new IllegalArgumentException("maxLoras: " + maxLoras + " (expected: >= 0)");
        }
    }

    /** The profile with one adapter slot (vLLM's default), seed 0 and generated token ids 1000..1999. */
    public static EngineConfig of(EngineProfile profile) {
        return new EngineConfig(profile, 1, 0L, DEFAULT_OUTPUT);
    }

    /** A copy with {@code value} adapter slots. */
    public EngineConfig withMaxLoras(int value) {
        return new EngineConfig(profile, value, hashSeed, outputTokens);
    }

    /** A copy with another hash seed. */
    public EngineConfig withHashSeed(long value) {
        return new EngineConfig(profile, maxLoras, value, outputTokens);
    }

    /** A copy with another source of output tokens. */
    public EngineConfig withOutputTokens(OutputTokens value) {
        return new EngineConfig(profile, maxLoras, hashSeed, value);
    }
}
