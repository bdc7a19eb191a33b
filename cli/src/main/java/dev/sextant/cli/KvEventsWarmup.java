package dev.sextant.cli;

import dev.sextant.api.endpoint.EndpointId;
import dev.sextant.plugins.precise.PrecisePrefixCacheScorer;
import dev.sextant.plugins.precise.subscriber.SubscriberStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Makes sure KV events flow from every demo replica before traffic starts: a PUB socket drops what it
 * publishes before a subscription reached it, and a block the engine keeps is never announced again, so a
 * lost first {@code BlockStored} would stay unknown to the index. Sends one-block requests straight to each
 * silent replica (and tells the scorer's watchdog to expect events) until every feed has delivered.
 */
final class KvEventsWarmup {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * @param replicas base URI of each endpoint
     * @return true when every endpoint delivered before {@code timeout}
     */
    boolean await(List<PrecisePrefixCacheScorer> scorers, Map<EndpointId, URI> replicas, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int attempt = 0;
        while (System.nanoTime() < deadline) {
            boolean all = true;
            for (Map.Entry<EndpointId, URI> r : replicas.entrySet()) {
                if (!delivered(scorers, r.getKey())) {
                    all = false;
                    send(r.getValue(), attempt++);
                    scorers.forEach(s -> s.expectEvents(r.getKey()));
                }
            }
            if (all) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    private static boolean delivered(List<PrecisePrefixCacheScorer> scorers, EndpointId endpoint) {
        for (PrecisePrefixCacheScorer scorer : scorers) {
            boolean seen = scorer.status().subscriber().stream()
                    .anyMatch(s -> s.endpoint().equals(endpoint) && s.messages() > 0);
            if (!seen) {
                return false;
            }
        }
        return true;
    }

    private void send(URI replica, int attempt) {
        StringBuilder tokens = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            tokens.append(i == 0 ? "" : ",").append(90_000 + attempt);
        }
        try {
            http.send(HttpRequest.newBuilder(replica.resolve("/v1/completions"))
                    .header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\":[" + tokens + "],\"max_tokens\":1}"))
                    .build(), HttpResponse.BodyHandlers.discarding());
        } catch (java.io.IOException e) {
            // the replica is not up yet: the next round tries again
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
