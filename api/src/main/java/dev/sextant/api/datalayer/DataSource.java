package dev.sextant.api.datalayer;

import dev.sextant.api.plugin.Plugin;

/**
 * A source of raw data about endpoints (a metrics endpoint, an event stream), whose output
 * {@link Extractor}s turn into endpoint snapshots. Configured under {@code dataLayer.sources}.
 */
public interface DataSource extends Plugin {

    /** The type of data this source hands to its extractors. */
    Class<?> outputType();
}
