package dev.sextant.dataset;

/** Why a function found in a source file does not become a training pair. */
public enum DropReason {
    /** A declaration without a body, such as a function implemented in assembly. */
    NO_BODY("no body"),
    /** No doc comment, or one made only of directives. */
    NO_DOC("no doc comment"),
    /** A body shorter than the minimum number of lines. */
    SHORT_BODY("body too short"),
    /** The same instruction and output as a pair already written. */
    DUPLICATE("exact duplicate"),
    /** Left out of the random subsample. */
    OVER_MAX_PAIRS("beyond the pair limit");

    private final String label;

    DropReason(String label) {
        this.label = label;
    }

    /** A short description for summaries, e.g. {@code no doc comment}. */
    public String label() {
        return label;
    }
}
