package dev.sextant.dataset;

/**
 * Go's convention for generated files (go.dev/s/generatedcode, checked as go/ast's IsGenerated does): a
 * comment before the package clause has a line that starts with {@code // Code generated } and ends
 * with {@code  DO NOT EDIT.}.
 */
final class GeneratedMarker {
    private static final String PREFIX = "// Code generated ";
    private static final String SUFFIX = " DO NOT EDIT.";

    private GeneratedMarker() {}

    /** Whether the comment text (as {@link CommentText} gives it) carries the marker. */
    static boolean isIn(String comment) {
        if (!comment.contains(PREFIX)) {
            return false;
        }
        for (String line : comment.split("\n", -1)) {
            if (line.startsWith(PREFIX) && line.substring(PREFIX.length()).endsWith(SUFFIX)) {
                return true;
            }
        }
        return false;
    }
}
