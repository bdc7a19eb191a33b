package dev.sextant.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A line chart drawn as inline SVG: one line per series, axes with round ticks, a legend. Needs no script
 * and no network, so a report opens anywhere. The y axis turns logarithmic on request (latencies that span
 * orders of magnitude between configurations).
 */
final class SvgChart {
    static final String[] PALETTE = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2",
        "#17becf", "#7f7f7f", "#bcbd22"};
    private static final int WIDTH = 760;
    private static final int HEIGHT = 380;
    private static final int LEFT = 72;
    private static final int RIGHT = 180;
    private static final int TOP = 36;
    private static final int BOTTOM = 52;

    /** One line: a name and its points, drawn in order. */
    record Series(String name, List<double[]> points) {
        Series {
            Objects.requireNonNull(name, "name");
            points = List.copyOf(points);
        }
    }

    private SvgChart() {}

    /**
     * The chart.
     *
     * @param logY whether the y axis is logarithmic (values must then be positive; others are left out)
     */
    static String render(String title, String xLabel, String yLabel, List<Series> series, boolean logY) {
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (double[] p : s.points()) {
                if (logY && p[1] <= 0) {
                    continue;
                }
                minX = Math.min(minX, p[0]);
                maxX = Math.max(maxX, p[0]);
                minY = Math.min(minY, p[1]);
                maxY = Math.max(maxY, p[1]);
            }
        }
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\""
                        + " aria-label=\"%s\" font-family=\"sans-serif\" font-size=\"12\">%n",
                WIDTH, HEIGHT, WIDTH, HEIGHT, escape(title)));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"20\" font-size=\"15\" font-weight=\"bold\">%s</text>%n",
                LEFT, escape(title)));
        if (minX == Double.POSITIVE_INFINITY) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">no data</text>%n", LEFT, HEIGHT / 2));
            return svg.append("</svg>\n").toString();
        }
        Axis x = Axis.linear(minX, maxX);
        Axis y = logY ? Axis.log(minY, maxY) : Axis.linear(Math.min(0, minY), maxY);
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        svg.append(String.format(Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>%n",
                LEFT, TOP, plotW, plotH));
        for (double t : x.ticks()) {
            double px = LEFT + x.position(t) * plotW;
            svg.append(String.format(Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#eee\"/>"
                            + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                    px, TOP, px, TOP + plotH, px, TOP + plotH + 16, escape(Axis.label(t))));
        }
        for (double t : y.ticks()) {
            double py = TOP + (1 - y.position(t)) * plotH;
            svg.append(String.format(Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>"
                            + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
                    LEFT, py, LEFT + plotW, py, LEFT - 6, py + 4, escape(Axis.label(t))));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                LEFT + plotW / 2, HEIGHT - 12, escape(xLabel)));
        svg.append(String.format(Locale.ROOT,
                "<text x=\"16\" y=\"%d\" text-anchor=\"middle\" transform=\"rotate(-90 16 %d)\">%s</text>%n",
                TOP + plotH / 2, TOP + plotH / 2, escape(yLabel + (logY ? " (log scale)" : ""))));
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            String color = PALETTE[i % PALETTE.length];
            List<String> coords = new ArrayList<>();
            for (double[] p : s.points()) {
                if (logY && p[1] <= 0) {
                    continue;
                }
                coords.add(String.format(Locale.ROOT, "%.1f,%.1f", LEFT + x.position(p[0]) * plotW,
                        TOP + (1 - y.position(p[1])) * plotH));
            }
            if (coords.size() > 1) {
                svg.append(String.format(Locale.ROOT,
                        "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n", color,
                        String.join(" ", coords)));
            }
            for (String c : coords) {
                String[] xy = c.split(",");
                svg.append(String.format(Locale.ROOT, "<circle cx=\"%s\" cy=\"%s\" r=\"3\" fill=\"%s\"/>", xy[0], xy[1],
                        color));
            }
            int ly = TOP + 8 + 18 * i;
            svg.append(String.format(Locale.ROOT,
                    "%n<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"3\"/>"
                            + "<text x=\"%d\" y=\"%d\">%s</text>%n",
                    LEFT + plotW + 12, ly, LEFT + plotW + 32, ly, color, LEFT + plotW + 38, ly + 4, escape(s.name())));
        }
        return svg.append("</svg>\n").toString();
    }

    /** A tick value written short: {@code 0.1}, {@code 2.5}, {@code 25k}, {@code 3M}. */
    static String tickLabel(double v) {
        double a = Math.abs(v);
        if (a == 0) {
            return "0";
        }
        if (a >= 1e6) {
            return plain(v / 1e6) + "M";
        }
        if (a >= 1e4) {
            return plain(v / 1e3) + "k";
        }
        return plain(v);
    }

    private static String plain(double v) {
        return new java.math.BigDecimal(String.format(Locale.ROOT, "%.3g", v)).stripTrailingZeros().toPlainString();
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** An axis: where a value lies (0..1) and which round values to mark. */
    private record Axis(double min, double max, boolean log) {

        static Axis linear(double min, double max) {
            if (max <= min) {
                double pad = min == 0 ? 1 : Math.abs(min) * 0.1;
                return new Axis(min - pad, max + pad, false);
            }
            double step = niceStep((max - min) / 5);
            return new Axis(Math.floor(min / step) * step, Math.ceil(max / step) * step, false);
        }

        static Axis log(double min, double max) {
            double lo = Math.floor(Math.log10(min));
            double hi = Math.ceil(Math.log10(max));
            if (hi <= lo) {
                hi = lo + 1;
            }
            return new Axis(lo, hi, true);
        }

        double position(double v) {
            double value = log ? Math.log10(v) : v;
            return (value - min) / (max - min);
        }

        List<Double> ticks() {
            List<Double> out = new ArrayList<>();
            if (log) {
                for (double e = min; e <= max + 1e-9; e++) {
                    out.add(Math.pow(10, e));
                }
                return out;
            }
            double step = niceStep((max - min) / 5);
            for (double v = min; v <= max + step * 1e-6; v += step) {
                out.add(Math.abs(v) < step * 1e-9 ? 0 : v);
            }
            return out;
        }

        static double niceStep(double raw) {
            if (!(raw > 0)) {
                return 1;
            }
            double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
            double f = raw / magnitude;
            double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
            return nice * magnitude;
        }

        static String label(double v) {
            return tickLabel(v);
        }
    }
}
