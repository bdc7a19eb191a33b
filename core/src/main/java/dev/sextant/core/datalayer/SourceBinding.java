package dev.sextant.core.datalayer;

import dev.sextant.api.datalayer.Extractor;
import dev.sextant.api.datalayer.PollingDataSource;
import java.util.List;
import java.util.Objects;

/**
 * One configured data source and the extractors that read its output.
 *
 * @param source polled for every endpoint
 * @param extractors run in order on each poll's output
 */
public record SourceBinding(PollingDataSource<?> source, List<Extractor<?>> extractors) {

    public SourceBinding {
        Objects.requireNonNull(source, "source");
        extractors = List.copyOf(extractors);
    }
}
