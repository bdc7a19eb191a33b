package dev.sextant.dataset;

/**
 * Hears about an extraction as it runs, on the thread that runs it. Both methods do nothing by
 * default.
 */
public interface ExtractionListener {

    /** A listener that ignores everything. */
    ExtractionListener NONE = new ExtractionListener() {};

    /** Called after each file, read or skipped. */
    default void progress(Progress progress) {}

    /** Called for each file or directory skipped because something is wrong with it. */
    default void problem(FileProblem problem) {}
}
