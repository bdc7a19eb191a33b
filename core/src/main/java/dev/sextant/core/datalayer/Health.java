package dev.sextant.core.datalayer;

/** Whether an endpoint may receive requests, as far as metric collection can tell. */
public enum Health {
    /** Not scraped successfully yet, or no data source is configured: eligible. */
    UNKNOWN,
    /** The last scrape succeeded: eligible. */
    HEALTHY,
    /** Scrapes failed several times in a row: left out of the candidate set until one succeeds. */
    UNHEALTHY;

    /** Whether endpoints in this state are candidates for requests. */
    public boolean isEligible() {
        return this != UNHEALTHY;
    }
}
