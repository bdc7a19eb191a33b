package dev.sextant.plugins.datalayer.prometheus;

/**
 * A reader of {@link ParsedMetrics} that can say which samples it reads, so that the scrape feeding it
 * parses only those ({@link PrometheusTextParser#parse(byte[], int, int, SampleNames)}).
 */
public interface SampleConsumer {
    /** Every metric name, as written on sample lines, this reader may look at. */
    SampleNames sampleNames();
}
