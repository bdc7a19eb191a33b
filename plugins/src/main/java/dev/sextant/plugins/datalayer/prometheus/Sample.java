package dev.sextant.plugins.datalayer.prometheus;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * One sample line of an exposition.
 *
 * @param name the sample's full name, with any {@code _bucket}, {@code _sum} or {@code _count}
 *     suffix of a histogram or summary
 * @param labels its labels, {@code le} and {@code quantile} included
 * @param value its value; NaN and infinities are values like any other
 * @param timestampMillis the timestamp written after the value, in milliseconds since the Unix
 *     epoch, or {@link #NO_TIMESTAMP}
 */
public record Sample(String name, Labels labels, double value, long timestampMillis) {

    /** {@link #timestampMillis} of a sample written without a timestamp. */
    public static final long NO_TIMESTAMP = Long.MIN_VALUE;

    public Sample {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(labels, "labels");
    }

    /** The timestamp written after the value, if any. */
    public OptionalLong timestamp() {
        return timestampMillis == NO_TIMESTAMP ? OptionalLong.empty() : OptionalLong.of(timestampMillis);
    }

    /** The sample as one line of the text format, without the newline. */
    @Override
    public String toString() {
        String text = name + labels + ' ' + NumberReader.format(value);
        return timestampMillis == NO_TIMESTAMP ? text : text + ' ' + timestampMillis;
    }
}
