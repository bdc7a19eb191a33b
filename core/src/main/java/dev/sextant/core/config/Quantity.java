package dev.sextant.core.config;

import java.math.BigDecimal;
import java.util.OptionalLong;

/**
 * Kubernetes resource quantities as GIE's flow-control settings use them: {@code 1000}, {@code 1k},
 * {@code 512Mi}, {@code 1.5Gi}, {@code 2e6}. Values are rounded up to a whole number.
 */
final class Quantity {
    private Quantity() {}

    /** The value of {@code text}, or empty if it is not a non-negative quantity that fits a long. */
    static OptionalLong parse(String text) {
        String s = text.strip();
        if (s.isEmpty()) {
            return OptionalLong.empty();
        }
        String[][] suffixes = {
            {"Ki", "1024"}, {"Mi", "1048576"}, {"Gi", "1073741824"}, {"Ti", "1099511627776"},
            {"Pi", "1125899906842624"}, {"Ei", "1152921504606846976"},
            {"k", "1000"}, {"M", "1000000"}, {"G", "1000000000"}, {"T", "1000000000000"},
            {"P", "1000000000000000"}, {"E", "1000000000000000000"}, {"m", "0.001"}
        };
        BigDecimal multiplier = BigDecimal.ONE;
        for (String[] suffix : suffixes) {
            if (s.endsWith(suffix[0])) {
                multiplier = new BigDecimal(suffix[1]);
                s = s.substring(0, s.length() - suffix[0].length());
                break;
            }
        }
        try {
            BigDecimal value = new BigDecimal(s).multiply(multiplier);
            if (value.signum() < 0) {
                return OptionalLong.empty();
            }
            BigDecimal rounded = value.setScale(0, java.math.RoundingMode.CEILING);
            return OptionalLong.of(rounded.longValueExact());
        } catch (NumberFormatException | ArithmeticException e) {
            return OptionalLong.empty();
        }
    }
}
