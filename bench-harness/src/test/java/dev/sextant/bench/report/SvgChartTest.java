package dev.sextant.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SvgChartTest {

    @Test
    void drawsALinePerSeriesAndALegend() {
        String svg = SvgChart.render("t", "x", "y", List.of(
                new SvgChart.Series("a", List.of(new double[] {1, 10}, new double[] {2, 20}, new double[] {3, 15})),
                new SvgChart.Series("b", List.of(new double[] {1, 5}))), false);
        assertThat(svg).startsWith("<svg").endsWith("</svg>\n");
        assertThat(svg.split("<polyline", -1)).hasSize(2);
        assertThat(svg.split("<circle", -1)).hasSize(5);
        assertThat(svg).contains(">a</text>").contains(">b</text>");
    }

    @Test
    void saysWhenThereIsNoData() {
        assertThat(SvgChart.render("t", "x", "y", List.of(), false)).contains("no data");
        assertThat(SvgChart.render("t", "x", "y", List.of(new SvgChart.Series("a", List.of(new double[] {1, 0}))), true))
                .as("nothing positive on a log scale").contains("no data");
    }

    @ParameterizedTest
    @CsvSource({"0.001, 0.001", "0.1, 0.1", "1, 1", "2.5, 2.5", "100, 100", "25000, 25k", "3000000, 3M"})
    void labelsTicksShortly(double value, String label) {
        assertThat(SvgChart.tickLabel(value)).isEqualTo(label);
    }
}
