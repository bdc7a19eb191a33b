package dev.sextant.dataset;

import java.util.Optional;

/**
 * Decides whether a function becomes a pair, checking in a fixed order so that each dropped function
 * is counted under one reason: a body, a doc comment, the body's length, then exact duplicates.
 */
final class PairFilter {
    private final int minBodyLines;
    private final SeenPairs seen = new SeenPairs();

    PairFilter(int minBodyLines) {
        this.minBodyLines = minBodyLines;
    }

    /** Why {@code function} of file {@code src} is dropped, or empty when it is kept (and remembered). */
    Optional<DropReason> verdict(GoFunction function, byte[] src) {
        if (!function.hasBody()) {
            return Optional.of(DropReason.NO_BODY);
        }
        if (function.doc().isEmpty()) {
            return Optional.of(DropReason.NO_DOC);
        }
        if (function.bodyLines() < minBodyLines) {
            return Optional.of(DropReason.SHORT_BODY);
        }
        if (!seen.add(function.doc(), src, function.start(), function.end())) {
            return Optional.of(DropReason.DUPLICATE);
        }
        return Optional.empty();
    }
}
