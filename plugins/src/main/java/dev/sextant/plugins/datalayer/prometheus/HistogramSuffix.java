package dev.sextant.plugins.datalayer.prometheus;

/** The suffixes that tie a sample to a histogram or summary family named without them. */
enum HistogramSuffix {
    BUCKET("_bucket"),
    SUM("_sum"),
    COUNT("_count");

    /** {@link #values()} without the copy it makes on every call: it is read once per sample line. Never written. */
    static final HistogramSuffix[] ALL = values();

    private final String text;

    HistogramSuffix(String text) {
        this.text = text;
    }

    /** Whether a family of {@code type} has samples with this suffix: buckets only in histograms. */
    boolean allowedIn(MetricType type) {
        return type == MetricType.HISTOGRAM || (type == MetricType.SUMMARY && this != BUCKET);
    }

    /** Whether {@code sampleName} is {@code familyName} followed by this suffix; allocates nothing. */
    boolean joins(String familyName, String sampleName) {
        return sampleName.length() == familyName.length() + text.length()
                && sampleName.startsWith(familyName) && sampleName.endsWith(text);
    }

    /** {@code sampleName} without this suffix, or {@code null} if it does not end with it. */
    String baseOf(String sampleName) {
        return sampleName.length() > text.length() && sampleName.endsWith(text)
                ? sampleName.substring(0, sampleName.length() - text.length()) : null;
    }
}
