package dev.sextant.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Sizes on the command line: {@code 1048576}, {@code 512k}, {@code 16M}, {@code 16MiB}, {@code 1g}. */
final class ByteSizeConverter implements ITypeConverter<Integer> {
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmg]?)(?:i?b)?", Pattern.CASE_INSENSITIVE);

    @Override
    public Integer convert(String value) {
        Matcher m = SIZE.matcher(value.trim());
        if (!m.matches()) {
            throw new TypeConversionException(
                    "'" + value + "' (expected: a size such as 16MiB, 512KiB or 1048576)");
        }
        int shift = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            default -> 0;
        };
        long bytes;
        try {
            bytes = Math.multiplyExact(Long.parseLong(m.group(1)), 1L << shift);
        } catch (ArithmeticException | NumberFormatException e) {
            bytes = Long.MAX_VALUE;
        }
        if (bytes <= 0 || bytes > Integer.MAX_VALUE - 8) {
            throw new TypeConversionException("'" + value + "' (expected: between 1 byte and 2GiB)");
        }
        return (int) bytes;
    }
}
