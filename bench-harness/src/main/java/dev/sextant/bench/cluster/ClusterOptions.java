package dev.sextant.bench.cluster;

import dev.sextant.api.endpoint.Endpoint;
import dev.sextant.bench.metrics.Slo;
import dev.sextant.simulator.engine.EngineProfile;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How the simulated cluster is built and observed.
 *
 * @param replicas simulated replicas, 1..4096
 * @param profile their hardware and model
 * @param model the model name requests ask for (every replica serves it)
 * @param scrapeInterval how often the data layer polls each replica's metrics (GIE's default: 50 ms), &gt; 0
 * @param kvEventDelay how long a replica's KV events take to reach their consumer, &ge; 0
 * @param maxDrain how long after the last stage the run may go on finishing requests before it is cut off
 *     (what is still running then counts as unfinished), &gt; 0
 * @param slo what goodput is measured against
 * @param objectives which inference objectives requests name (their priorities come from each configuration)
 * @param prefillReplicas how many replicas (the first ones) are labelled {@code llm-d.ai/role: prefill}, the rest
 *     {@code decode}; 0 labels none. A configuration with a P/D profile handler splits requests between them;
 *     one without routes to every replica, each doing prefill and decode (aggregated serving on the same hardware)
 */
public record ClusterOptions(int replicas, EngineProfile profile, String model, Duration scrapeInterval,
        Duration kvEventDelay, Duration maxDrain, Slo slo, ObjectiveMix objectives, int prefillReplicas) {

    /** The model {@code sextant demo} serves; names do not matter to the simulation. */
    public static final String DEFAULT_MODEL = "meta-llama/Llama-3.1-8B-Instruct";

    public ClusterOptions {
        if (replicas < 1 || replicas > 4096) {
            throw new IllegalArgumentException("replicas: " + replicas + " (expected: 1..4096)");
        }
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(model, "model");
        positive("scrapeInterval", scrapeInterval);
        Objects.requireNonNull(kvEventDelay, "kvEventDelay");
        if (kvEventDelay.isNegative()) {
            throw new IllegalArgumentException("kvEventDelay: " + kvEventDelay + " (expected: >= 0)");
        }
        positive("maxDrain", maxDrain);
        Objects.requireNonNull(slo, "slo");
        Objects.requireNonNull(objectives, "objectives");
        if (prefillReplicas < 0 || prefillReplicas >= replicas) {
            throw new IllegalArgumentException("prefillReplicas: " + prefillReplicas + " (expected: 0.." + (replicas - 1)
                    + ", leaving at least one decode replica)");
        }
    }

    /** Options without prefill/decode roles. */
    public ClusterOptions(int replicas, EngineProfile profile, String model, Duration scrapeInterval,
            Duration kvEventDelay, Duration maxDrain, Slo slo, ObjectiveMix objectives) {
        this(replicas, profile, model, scrapeInterval, kvEventDelay, maxDrain, slo, objectives, 0);
    }

    /** Options without objectives. */
    public ClusterOptions(int replicas, EngineProfile profile, String model, Duration scrapeInterval,
            Duration kvEventDelay, Duration maxDrain, Slo slo) {
        this(replicas, profile, model, scrapeInterval, kvEventDelay, maxDrain, slo, ObjectiveMix.NONE, 0);
    }

    /**
     * {@code replicas} replicas of {@code profile}; 50 ms scrapes, KV events after 10 ms, 10 minutes to drain,
     * the default SLO.
     */
    public static ClusterOptions of(int replicas, EngineProfile profile) {
        return new ClusterOptions(replicas, profile, DEFAULT_MODEL, Duration.ofMillis(50), Duration.ofMillis(10),
                Duration.ofMinutes(10), Slo.DEFAULT);
    }

    /** A copy with another scrape interval. */
    public ClusterOptions withScrapeInterval(Duration value) {
        return new ClusterOptions(replicas, profile, model, value, kvEventDelay, maxDrain, slo,
                objectives, prefillReplicas);
    }

    /** A copy with another KV-event delay. */
    public ClusterOptions withKvEventDelay(Duration value) {
        return new ClusterOptions(replicas, profile, model, scrapeInterval, value, maxDrain, slo,
                objectives, prefillReplicas);
    }

    /** A copy with another drain limit. */
    public ClusterOptions withMaxDrain(Duration value) {
        return new ClusterOptions(replicas, profile, model, scrapeInterval, kvEventDelay, value, slo,
                objectives, prefillReplicas);
    }

    /** A copy with another SLO. */
    public ClusterOptions withSlo(Slo value) {
        return new ClusterOptions(replicas, profile, model, scrapeInterval, kvEventDelay, maxDrain, value,
                objectives, prefillReplicas);
    }

    /** A copy with another objective mix. */
    public ClusterOptions withObjectives(ObjectiveMix value) {
        return new ClusterOptions(replicas, profile, model, scrapeInterval, kvEventDelay, maxDrain, slo, value,
                prefillReplicas);
    }

    /** A copy whose first {@code count} replicas are prefill replicas and the rest decode replicas. */
    public ClusterOptions withPrefillReplicas(int count) {
        return new ClusterOptions(replicas, profile, model, scrapeInterval, kvEventDelay, maxDrain, slo, objectives,
                count);
    }

    /** The P/D role label of replica {@code index}: none without roles, else prefill or decode. */
    public Map<String, String> roleLabels(int index) {
        if (prefillReplicas == 0) {
            return Map.of();
        }
        return Map.of(Endpoint.ROLE_LABEL, index < prefillReplicas ? "prefill" : "decode");
    }

    /** The KV capacity of the whole cluster, in tokens. */
    public long clusterKvTokens() {
        return profile.capacityTokens() * replicas;
    }

    private static void positive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + ": " + d + " (expected: > 0)");
        }
    }
}
