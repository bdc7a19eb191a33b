package dev.sextant.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.api.endpoint.Endpoint;
import dev.sextant.api.endpoint.EndpointId;
import dev.sextant.api.endpoint.EndpointMetrics;
import dev.sextant.core.config.CompiledConfig;
import dev.sextant.core.config.ConfigLoader;
import dev.sextant.core.datalayer.StaticEndpointSource;
import dev.sextant.core.registry.EnginePluginContext;
import dev.sextant.core.registry.PluginRegistry;
import dev.sextant.simulator.engine.EngineSnapshot;
import dev.sextant.simulator.server.ReplicaOptions;
import dev.sextant.simulator.server.SimulatedReplicaServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Prefix-cache-aware routing end to end: the default configuration (queue 2, KV cache 2, approximate
 * prefix cache 3) behind the HTTP proxy, in front of real servers on loopback ports.
 */
class PrefixAffinityTest {
    private static final String SYSTEM_PROMPT = "You are the support assistant of a company that sells sextants. "
            .repeat(80);

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Gateway gateway;

    @AfterEach
    void closeAll() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        for (AutoCloseable c : closeables) {
            c.close();
        }
    }

    private Gateway start(String configBody, List<Endpoint> endpoints) {
        ConfigLoader loader = new ConfigLoader(PluginRegistry.withBuiltinsAndServiceLoader(), EnginePluginContext.production());
        CompiledConfig config = configBody == null ? loader.loadDefault()
                : loader.load("apiVersion: config.sextant.dev/v1alpha1\nkind: EndpointPickerConfig\n" + configBody, "t");
        GatewayOptions options = GatewayOptions.builder().httpPort(0).adminPort(0).bindAddress("127.0.0.1")
                .connectTimeout(Duration.ofSeconds(2)).exposeEndpointHeader(true).poolName("test")
                .shutdownGrace(Duration.ZERO).build();
        gateway = Gateway.start(config, new StaticEndpointSource(endpoints), options);
        return gateway;
    }

    private HttpResponse<String> chat(String question, String... headers) throws Exception {
        String body = """
                {"model":"llama","max_tokens":4,"messages":[{"role":"system","content":"%s"},\
                {"role":"user","content":"%s"}]}""".formatted(SYSTEM_PROMPT, question);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.httpPort()
                        + "/v1/chat/completions"))
                .timeout(Duration.ofSeconds(20)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r;
    }

    private static String servedBy(HttpResponse<String> r) {
        return r.headers().firstValue(GatewayOptions.ENDPOINT_HEADER).orElseThrow();
    }

    @Test
    void requestsSharingALongSystemPromptLandOnTheReplicaThatCachedIt() throws Exception {
        List<SimulatedReplicaServer> replicas = SimulatedReplicaServer.startGroup(4,
                ReplicaOptions.builder().model("llama").host("127.0.0.1").port(0).instant(true).build());
        closeables.addAll(replicas);
        start(null, replicas.stream().map(r -> Endpoint.of("127.0.0.1:" + r.port())).toList());

        String first = servedBy(chat("Where is my order 1?"));
        for (int i = 2; i <= 12; i++) {
            assertThat(servedBy(chat("Where is my order " + i + "?"))).as("request %d", i).isEqualTo(first);
        }
        SimulatedReplicaServer holder = replicas.stream().filter(r -> first.equals("127.0.0.1:" + r.port()))
                .findFirst().orElseThrow();
        EngineSnapshot engine = holder.snapshot().get();
        assertThat(engine.prefixCacheHits()).as("the replica reused the cached system prompt").isPositive();
    }

    @Test
    void anOverloadedHolderOfThePrefixLosesToAnIdleReplica() throws Exception {
        List<FakeModelServer> servers = List.of(fake("a"), fake("b"), fake("c"));
        servers.forEach(s -> load(s, 0, 0.1));
        start(null, servers.stream().map(s -> Endpoint.of(s.id())).toList());
        servers.forEach(s -> awaitScraped(s.id(), 0));

        String holder = servedBy(chat("first"));
        assertThat(servedBy(chat("second"))).isEqualTo(holder);

        FakeModelServer busy = servers.stream().filter(s -> s.id().toString().equals(holder)).findFirst().orElseThrow();
        load(busy, 40, 0.97);
        awaitScraped(busy.id(), 40);
        assertThat(servedBy(chat("third"))).as("queue and KV-cache pressure outweigh the cached prefix")
                .isNotEqualTo(holder);
    }

    @Test
    void theSessionTokenOfAResponseBringsTheNextRequestBack() throws Exception {
        List<FakeModelServer> servers = List.of(fake("a"), fake("b"), fake("c"));
        start("""
                plugins: [{type: session-affinity-scorer}, {type: queue-scorer}]
                schedulingProfiles:
                - name: default
                  plugins: [{pluginRef: session-affinity-scorer, weight: 10}, {pluginRef: queue-scorer, weight: 1}]
                """, servers.stream().map(s -> Endpoint.of(s.id())).toList());
        servers.forEach(s -> load(s, 0, 0.0));
        servers.forEach(s -> awaitScraped(s.id(), 0));

        HttpResponse<String> first = chat("hello");
        String token = first.headers().firstValue("x-session-token").orElseThrow();
        Set<String> served = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            served.add(servedBy(chat("again " + i, "x-session-token", token)));
        }
        assertThat(served).containsExactly(servedBy(first));

        HttpResponse<String> stranger = chat("forged", "x-session-token", "MTAuOS45Ljk6ODAwMA==");
        assertThat(servers.stream().map(s -> s.id().toString())).contains(servedBy(stranger));
    }

    private FakeModelServer fake(String name) {
        FakeModelServer s = new FakeModelServer(name, "llama");
        closeables.add(s);
        return s;
    }

    /** Makes {@code server} report this load in vLLM's metrics. */
    private static void load(FakeModelServer server, int waiting, double kvCacheUsage) {
        server.metrics = "vllm:num_requests_waiting{model_name=\"llama\"} " + waiting + "\n"
                + "vllm:num_requests_running{model_name=\"llama\"} 0\n"
                + "vllm:kv_cache_usage_perc{model_name=\"llama\"} " + kvCacheUsage + "\n";
    }

    /** Waits until the gateway's last scrape of {@code id} saw {@code waiting} requests waiting. */
    private void awaitScraped(EndpointId id, int waiting) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            EndpointMetrics m = gateway.store().state(id).snapshot().metrics();
            if (m.isKnown() && m.waitingQueueSize() == waiting) {
                return;
            }
            assertThat(System.nanoTime()).as("scrape of %s", id).isLessThan(deadline);
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
