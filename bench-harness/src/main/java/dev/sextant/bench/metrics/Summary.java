package dev.sextant.bench.metrics;

/**
 * What one configuration did over one stage of a run, or over the whole run.
 *
 * <p>The window of a stage runs from its start until its last request ended (never shorter than the stage),
 * so a configuration that falls behind is charged for the time it takes to catch up. Rates are over that
 * window; latencies and cache figures over the stage's completed requests.
 *
 * @param label the stage's name ({@code 1}, {@code 2}, ... ) or {@code all}
 * @param offeredRate arrivals per second the stage offered
 * @param windowSeconds the window the rates are over
 * @param requests requests that arrived
 * @param completed requests that ended with their whole answer
 * @param failed requests refused by the router or the server, or broken
 * @param unfinished requests still running when the run was cut off
 * @param outputTokensPerSecond output tokens of completed requests per second of the window
 * @param requestsPerSecond completed requests per second of the window
 * @param ttft time to first token
 * @param itl time between consecutive tokens of a request (over all tokens)
 * @param e2e arrival to last token
 * @param cacheHitRate prompt tokens served from the prefix cache / prompt tokens, over completed requests
 * @param idealCacheHitRate the same for a single infinite cache that has seen every earlier prompt: an upper
 *     bound for any routing
 * @param queueDepthMean waiting requests per replica, averaged over scrape-interval samples
 * @param queueDepthMax the most waiting requests one replica had in a sample
 * @param loadSpreadCv coefficient of variation of requests routed per replica (0 is perfectly even)
 * @param loadMaxOverMean the busiest replica's requests over the mean
 * @param goodputRequestsPerSecond completed requests within the SLO per second of the window
 * @param sloAttainment completed requests within the SLO / requests
 * @param promptTokens prompt tokens of completed requests
 * @param cachedTokens of those, tokens served from the prefix cache
 * @param outputTokens output tokens of completed requests
 */
public record Summary(
        String label,
        double offeredRate,
        double windowSeconds,
        long requests,
        long completed,
        long failed,
        long unfinished,
        double outputTokensPerSecond,
        double requestsPerSecond,
        Percentiles ttft,
        Percentiles itl,
        Percentiles e2e,
        double cacheHitRate,
        double idealCacheHitRate,
        double queueDepthMean,
        int queueDepthMax,
        double loadSpreadCv,
        double loadMaxOverMean,
        double goodputRequestsPerSecond,
        double sloAttainment,
        long promptTokens,
        long cachedTokens,
        long outputTokens) {
}
