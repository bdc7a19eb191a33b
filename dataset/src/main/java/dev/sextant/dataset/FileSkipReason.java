package dev.sextant.dataset;

/** Why a {@code .go} file found in a source tree gives no training pairs. */
public enum FileSkipReason {
    /** A {@code _test.go} file, skipped unless tests are included. */
    TEST_FILE("test files (_test.go)"),
    /** A file under a {@code vendor} directory, skipped unless vendored code is included. */
    VENDOR("under vendor/"),
    /** A file under a {@code testdata} directory, skipped unless test data is included. */
    TESTDATA("under testdata/"),
    /** A file whose name starts with {@code .} or {@code _}, which the go tool ignores too. */
    IGNORED_NAME("names starting with . or _"),
    /** A file marked {@code // Code generated ... DO NOT EDIT.}, skipped unless generated code is included. */
    GENERATED("generated (Code generated ... DO NOT EDIT.)"),
    /** A file larger than the configured limit. */
    TOO_LARGE("larger than the size limit"),
    /** A file that is not valid UTF-8. */
    NOT_UTF8("not UTF-8"),
    /** A file that breaks Go's lexical rules or has unbalanced brackets. */
    MALFORMED("malformed Go"),
    /** A file or directory that could not be read. */
    UNREADABLE("unreadable");

    private final String label;

    FileSkipReason(String label) {
        this.label = label;
    }

    /** A short description for summaries, e.g. {@code under vendor/}. */
    public String label() {
        return label;
    }
}
