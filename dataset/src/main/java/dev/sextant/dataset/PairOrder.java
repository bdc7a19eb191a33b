package dev.sextant.dataset;

/** The order in which pairs are written. */
public sealed interface PairOrder {

    /** Pairs in the order their trees were given, files and directories sorted by name. */
    record SourceOrder() implements PairOrder {}

    /**
     * Pairs in a random order that depends only on the seed and the input, so a run can be repeated.
     *
     * @param seed the seed of the shuffle
     */
    record Shuffled(long seed) implements PairOrder {}
}
