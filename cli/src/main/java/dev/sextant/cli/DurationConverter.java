package dev.sextant.cli;

import dev.sextant.bench.workload.Durations;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Durations on the command line: Go syntax ({@code 50ms}, {@code 1m30s}) or a number of seconds. */
final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        return Durations.parse(value).orElseThrow(() -> new TypeConversionException(
                "'" + value + "' (expected: a duration such as 50ms, 20s or 1m30s, or a number of seconds)"));
    }
}
