package dev.sextant.bench.report;

import java.util.Locale;

/** Numbers as the human-readable reports print them. */
final class Numbers {
    private Numbers() {}

    /** Seconds with three significant digits and a unit that fits: {@code 12.3 ms}, {@code 1.25 s}. */
    static String seconds(double s) {
        if (s == 0) {
            return "0";
        }
        if (s < 1e-3) {
            return String.format(Locale.ROOT, "%.0f µs", s * 1e6);
        }
        if (s < 1) {
            return String.format(Locale.ROOT, s < 0.01 ? "%.2f ms" : s < 0.1 ? "%.1f ms" : "%.0f ms", s * 1e3);
        }
        return String.format(Locale.ROOT, s < 10 ? "%.2f s" : s < 100 ? "%.1f s" : "%.0f s", s);
    }

    /** A rate with grouping: {@code 12,345} or {@code 3.21} below 100. */
    static String rate(double r) {
        return r >= 100 ? String.format(Locale.ROOT, "%,.0f", r) : String.format(Locale.ROOT, "%.2f", r);
    }

    /** A fraction as a percentage: {@code 73.2 %}. */
    static String percent(double f) {
        return String.format(Locale.ROOT, "%.1f %%", f * 100);
    }

    /** A count with grouping. */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** A plain number with two decimals. */
    static String plain(double d) {
        return String.format(Locale.ROOT, "%.2f", d);
    }
}
