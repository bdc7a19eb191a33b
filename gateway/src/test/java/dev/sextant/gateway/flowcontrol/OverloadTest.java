package dev.sextant.gateway.flowcontrol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.api.endpoint.Endpoint;
import dev.sextant.core.config.CompiledConfig;
import dev.sextant.core.config.ConfigLoader;
import dev.sextant.core.datalayer.StaticEndpointSource;
import dev.sextant.core.registry.EnginePluginContext;
import dev.sextant.core.registry.PluginRegistry;
import dev.sextant.gateway.Gateway;
import dev.sextant.gateway.GatewayOptions;
import dev.sextant.simulator.engine.EngineProfile;
import dev.sextant.simulator.server.ReplicaOptions;
import dev.sextant.simulator.server.SimulatedReplicaServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Flow control under twice the cluster's capacity, on loopback against simulated vLLM replicas:
 * critical requests keep their time to first token, sheddable ones are turned away with 429, the
 * queue stays inside its byte bound, and everything drains once the load stops.
 *
 * <p>Standard requests may fill half the queue's bytes, sheddable ones two places: the rest stays free
 * for critical requests, which are never turned away for capacity.
 *
 * <p>Capacity is what the gate lets through: {@value #SLOTS_PER_REPLICA} requests in flight per
 * replica (the replicas' own batch size), so a dispatched request starts on the replica's next step.
 * The load is open-loop, bounded in requests and time, and stops by itself.
 */
class OverloadTest {
    private static final int REPLICAS = 4;
    private static final int SLOTS_PER_REPLICA = 8;
    private static final int PROMPT_TOKENS = 32;
    /** Output lengths vary (uniform 20–180), so slots free one by one rather than in waves. */
    private static final int MIN_OUTPUT_TOKENS = 20;
    private static final int MAX_OUTPUT_TOKENS = 180;
    private static final Duration OVERLOAD = Duration.ofSeconds(3);
    private static final long MAX_QUEUE_BYTES = 64 * 1024;

    private static final String CONFIG = """
            apiVersion: inference.networking.x-k8s.io/v1alpha1
            kind: EndpointPickerConfig
            featureGates: [flowControl]
            plugins:
            - {type: concurrency-detector, parameters: {maxConcurrency: %d}}
            - {type: queue-scorer}
            schedulingProfiles:
            - name: default
              plugins: [{pluginRef: concurrency-detector}, {pluginRef: queue-scorer, weight: 1}]
            saturationDetector: {pluginRef: concurrency-detector}
            dataLayer: {sources: []}
            objectives:
            - {name: critical, priority: 10}
            - {name: batch, priority: -1}
            flowControl:
              maxBytes: %d
              defaultRequestTTL: 2m   # longer than the test: nothing expires, even on a crowded machine
              defaultPriorityBand: {maxBytes: %d}
              priorityBands:
              - {priority: -1, maxRequests: 2}
            """.formatted(SLOTS_PER_REPLICA, MAX_QUEUE_BYTES, MAX_QUEUE_BYTES / 2);

    private static List<SimulatedReplicaServer> replicas;
    private static Gateway gateway;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newVirtualThreadPerTaskExecutor()).build();

    @BeforeAll
    static void start() {
        EngineProfile profile = EngineProfile.LLAMA_8B_H100.withLimits(SLOTS_PER_REPLICA, 8192, 32_768);
        replicas = SimulatedReplicaServer.startGroup(REPLICAS, ReplicaOptions.builder()
                .model("m").host("127.0.0.1").port(0).profile(profile).seed(7).build());
        CompiledConfig config = new ConfigLoader(PluginRegistry.builtins(), EnginePluginContext.production())
                .load(CONFIG, "overload-test");
        List<Endpoint> endpoints = replicas.stream()
                .map(r -> Endpoint.of("127.0.0.1:" + r.port()).withModels(Set.of("m"))).toList();
        gateway = Gateway.start(config, new StaticEndpointSource(endpoints), GatewayOptions.builder()
                .httpPort(0).adminPort(0).bindAddress("127.0.0.1").shutdownGrace(Duration.ZERO).build());
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (replicas != null) {
            replicas.forEach(SimulatedReplicaServer::close);
        }
    }

    /** What one request saw. */
    record Outcome(String objective, int status, long ttftNanos, long totalNanos) {}

    @Test
    void criticalRequestsKeepTheirLatencyWhileSheddableOnesAreTurnedAway() throws Exception {
        Random random = new Random(42);
        for (int i = 0; i < 5; i++) {
            send("standard", random); // warm-up: connections, JIT
        }
        // Unloaded: critical requests one at a time on an idle cluster.
        List<Outcome> unloaded = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            unloaded.add(send("critical", random));
        }
        assertThat(unloaded).allMatch(o -> o.status() == 200);
        long unloadedP99 = percentile(unloaded, Outcome::ttftNanos, 0.99);
        double serviceSeconds = percentile(unloaded, Outcome::totalNanos, 0.5) / 1e9;

        // Twice the capacity: slots / service time, doubled; 10% critical, 40% sheddable, the rest standard.
        double ratePerSecond = 2 * REPLICAS * SLOTS_PER_REPLICA / serviceSeconds;
        int total = (int) Math.ceil(ratePerSecond * OVERLOAD.toNanos() / 1e9);
        Map<Integer, Outcome> outcomes = new ConcurrentHashMap<>();
        AtomicLong maxQueueBytes = new AtomicLong();
        Thread sampler = Thread.ofVirtual().start(() -> sampleQueueBytes(maxQueueBytes));
        long start = System.nanoTime();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < total; i++) {
                long due = start + (long) (i * 1e9 / ratePerSecond);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                int n = i;
                String objective = n % 10 == 0 ? "critical" : n % 10 <= 4 ? "batch" : "standard";
                long seed = random.nextLong();
                clients.submit(() -> outcomes.put(n, send(objective, new Random(seed))));
            }
        }
        sampler.interrupt();
        sampler.join();

        Map<String, List<Outcome>> byObjective = outcomes.values().stream()
                .collect(Collectors.groupingBy(Outcome::objective));
        List<Outcome> critical = byObjective.get("critical");
        List<Outcome> batch = byObjective.get("batch");
        long loadedP99 = percentile(critical, Outcome::ttftNanos, 0.99);
        System.out.printf("overload: %d requests at %.0f/s (2x capacity); critical TTFT p50 %.1f / p99 %.1f ms loaded"
                + " vs p50 %.1f / p99 %.1f ms unloaded; mean queue wait critical %.1f ms, standard %.1f ms; statuses %s;"
                + " queue bytes max %d of %d%n", total, ratePerSecond, percentile(critical, Outcome::ttftNanos, 0.5) / 1e6,
                loadedP99 / 1e6, percentile(unloaded, Outcome::ttftNanos, 0.5) / 1e6, unloadedP99 / 1e6,
                meanQueueSeconds("10") * 1e3, meanQueueSeconds("0") * 1e3, statuses(byObjective), maxQueueBytes.get(),
                MAX_QUEUE_BYTES);

        assertThat(outcomes).hasSize(total);
        assertThat(critical).as("every critical request is served").allMatch(o -> o.status() == 200);
        // Priority: critical requests overtake the backlog. (Their TTFT is printed above, not asserted: a
        // wall-clock ratio on a shared machine is a benchmark, see docs/benchmarks.md.)
        double criticalWait = meanQueueSeconds("10");
        double standardWait = meanQueueSeconds("0");
        assertThat(criticalWait * 5).as("critical mean queue wait %.1f ms vs standard %.1f ms", criticalWait * 1e3,
                standardWait * 1e3).isLessThan(standardWait);
        assertThat(batch).as("sheddable requests are turned away with 429").anyMatch(o -> o.status() == 429);
        assertThat(outcomes.values()).as("no other outcome than served or 429")
                .allMatch(o -> o.status() == 200 || o.status() == 429);
        assertThat(maxQueueBytes.get()).isLessThanOrEqualTo(MAX_QUEUE_BYTES);

        // Load stopped: nothing queued, nothing in flight.
        assertThat(metric("inference_extension_flow_control_queue_size")).isZero();
        assertThat(metric("inference_objective_running_requests")).isZero();
        assertThat(send("critical", random).status()).isEqualTo(200);
    }

    private static Outcome send(String objective, Random random) {
        String prompt = random.ints(PROMPT_TOKENS, 1000, 30_000).mapToObj(Integer::toString)
                .collect(Collectors.joining(",", "[", "]"));
        String body = "{\"model\":\"m\",\"prompt\":" + prompt + ",\"max_tokens\":" + random.nextInt(MIN_OUTPUT_TOKENS, MAX_OUTPUT_TOKENS + 1)
                + ",\"ignore_eos\":true,\"stream\":true}";
        URI completions = URI.create("http://127.0.0.1:" + gateway.httpPort() + "/v1/completions");
        HttpRequest request = HttpRequest.newBuilder(completions)
                .header("content-type", "application/json")
                .header("x-gateway-inference-objective", objective)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long start = System.nanoTime();
        try {
            HttpResponse<Stream<String>> response = HTTP.send(request, HttpResponse.BodyHandlers.ofLines());
            long[] ttft = {-1};
            try (Stream<String> lines = response.body()) {
                lines.forEach(line -> {
                    if (ttft[0] < 0 && line.startsWith("data:")) {
                        ttft[0] = System.nanoTime() - start;
                    }
                });
            }
            long totalNanos = System.nanoTime() - start;
            return new Outcome(objective, response.statusCode(), ttft[0] < 0 ? totalNanos : ttft[0], totalNanos);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sampleQueueBytes(AtomicLong max) {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                max.accumulateAndGet((long) metric("inference_extension_flow_control_queue_bytes"), Math::max);
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Mean time dispatched requests of {@code priority} spent in the flow-control queue. */
    private static double meanQueueSeconds(String priority) {
        String series = "inference_extension_flow_control_request_queue_duration_seconds_%s{outcome=\"dispatched\","
                + "priority=\"" + priority + "\"}";
        double count = metric(series.formatted("count"));
        return count == 0 ? 0 : metric(series.formatted("sum")) / count;
    }

    /** The sum of the series of {@code name} (a metric name, or one exact series) on the admin server's /metrics. */
    private static double metric(String name) {
        try {
            String text = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.adminPort()
                    + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
            String series = name.contains("{") ? Pattern.quote(name) : Pattern.quote(name) + "(\\{[^}]*})?";
            Matcher m = Pattern.compile("(?m)^" + series + " (\\S+)$").matcher(text);
            double sum = 0;
            while (m.find()) {
                sum += Double.parseDouble(m.group(m.groupCount()));
            }
            return sum;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private static long percentile(List<Outcome> outcomes, java.util.function.ToLongFunction<Outcome> value, double q) {
        long[] sorted = outcomes.stream().mapToLong(value).sorted().toArray();
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
    }

    private static String statuses(Map<String, List<Outcome>> byObjective) {
        return byObjective.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + e.getValue().stream()
                        .collect(Collectors.groupingBy(Outcome::status, java.util.TreeMap::new, Collectors.counting())))
                .collect(Collectors.joining(" "));
    }
}
