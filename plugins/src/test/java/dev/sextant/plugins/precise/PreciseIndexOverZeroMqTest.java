package dev.sextant.plugins.precise;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sextant.api.endpoint.Endpoint;
import dev.sextant.api.endpoint.EndpointId;
import dev.sextant.api.endpoint.EndpointSnapshot;
import dev.sextant.api.plugin.PluginParameters;
import dev.sextant.api.request.InferenceRequest;
import dev.sextant.api.request.PromptView;
import dev.sextant.api.scheduling.CycleState;
import dev.sextant.api.scheduling.PrefixCacheMatches;
import dev.sextant.api.time.Clock;
import dev.sextant.plugins.TestCandidates;
import dev.sextant.plugins.precise.subscriber.SubscriberStatus;
import dev.sextant.simulator.engine.EngineProfile;
import dev.sextant.simulator.kvevents.KvEventsEndpoint;
import dev.sextant.simulator.server.ReplicaOptions;
import dev.sextant.simulator.server.SimulatedReplicaServer;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Real simulated replicas publishing KV events on loopback over real ZeroMQ, the real subscriber and index:
 * the index mirrors each replica's {@code /debug/kv}, evictions included, and requests sharing a long
 * system prompt are scored towards the replica that holds it.
 */
class PreciseIndexOverZeroMqTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MODEL = "sim-model";

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theIndexMirrorsEachReplicasCacheIncludingEvictions() throws Exception {
        List<SimulatedReplicaServer> replicas = startReplicas(2, 48);
        try (PrecisePrefixCacheScorer scorer = scorer(replicas)) {
            connect(scorer, replicas);
            Map<EndpointId, long[]> early = new HashMap<>();
            Random random = new Random(7);
            List<String> prefixes = List.of(words(random, 120), words(random, 200), words(random, 60));
            for (int i = 0; i < 40; i++) {
                SimulatedReplicaServer replica = replicas.get(i % 2);
                String prompt = prefixes.get(i % 3) + words(random, 20 + random.nextInt(80));
                post(replica.baseUri(), "/v1/completions", completion(prompt, 20));
                if (i == 5) {
                    for (SimulatedReplicaServer r : replicas) {
                        early.put(id(r), awaitMirror(scorer, r));
                    }
                }
            }
            for (SimulatedReplicaServer replica : replicas) {
                long[] now = awaitMirror(scorer, replica);
                assertThat(now).isNotEmpty();
                // The cache holds 48 blocks and the workload stored many more: early blocks were evicted on
                // the replica, and the index saw them go.
                long[] before = early.get(id(replica));
                assertThat(Arrays.stream(before).filter(h -> Arrays.binarySearch(now, h) < 0).count())
                        .as("blocks of the early snapshot evicted since").isPositive();
            }
            for (SubscriberStatus s : scorer.status().subscriber()) {
                assertThat(s.malformed()).isZero();
                assertThat(s.gaps()).isZero();
            }
        } finally {
            replicas.forEach(SimulatedReplicaServer::close);
        }
    }

    @Test
    void requestsSharingALongSystemPromptAreScoredTowardsTheReplicaHoldingIt() throws Exception {
        List<SimulatedReplicaServer> replicas = startReplicas(2, 4096);
        try (PrecisePrefixCacheScorer scorer = scorer(replicas)) {
            connect(scorer, replicas);
            Random random = new Random(11);
            String system = words(random, 900);
            SimulatedReplicaServer holder = replicas.get(1);
            post(holder.baseUri(), "/v1/chat/completions", chat(system, "What is the first word?"));
            // Not awaitMirror: blocks of warm-up requests published before the subscription took hold stay
            // cached on this large replica without the index ever hearing of them.
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (scorer.index().engineHashes(id(holder)).length < 50 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }

            TestCandidates candidates = new TestCandidates(List.of(
                    EndpointSnapshot.of(Endpoint.of(id(replicas.get(0)))), EndpointSnapshot.of(Endpoint.of(id(holder)))));
            for (int q = 0; q < 5; q++) {
                String messages = JSON.writeValueAsString(JSON.readTree(chat(system, "Question " + q + "?"))
                        .get("messages"));
                InferenceRequest request = InferenceRequest.builder("r" + q).model(MODEL)
                        .prompt(PromptView.ofMessagesJson(messages)).build();
                double[] scores = new double[2];
                CycleState state = new CycleState();
                scorer.score(state, request, candidates, scores);
                assertThat(scores[1]).as("question %d", q).isGreaterThan(0.8);
                assertThat(scores[0]).isLessThan(0.1);
                PrefixCacheMatches matches = state.get(PrefixCacheMatches.KEY);
                assertThat(matches.matchedBlocks(id(holder))).isGreaterThan(50);
            }
        } finally {
            replicas.forEach(SimulatedReplicaServer::close);
        }
    }

    private static List<SimulatedReplicaServer> startReplicas(int count, int gpuBlocks) {
        List<SimulatedReplicaServer> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(SimulatedReplicaServer.start(ReplicaOptions.builder().model(MODEL).instant(true).seed(i)
                    .profile(EngineProfile.LLAMA_8B_H100.withNumGpuBlocks(gpuBlocks))
                    .kvEvents(KvEventsEndpoint.parse("bind:tcp://127.0.0.1:*")).build()));
        }
        return out;
    }

    private static PrecisePrefixCacheScorer scorer(List<SimulatedReplicaServer> replicas) {
        Map<EndpointId, String> addresses = new HashMap<>();
        for (SimulatedReplicaServer r : replicas) {
            addresses.put(id(r), r.kvEventsEndpoint().orElseThrow());
        }
        PrecisePrefixSettings settings = PrecisePrefixSettings.read(PluginParameters.of(Map.of(
                "speculativeIndexing", false, "kvEventsConfig", Map.of("stallTimeout", "1s"))));
        return new PrecisePrefixCacheScorer("precise", settings, new PromptTokenizer("cl100k_base", 100), Clock.system(),
                addresses::get);
    }

    private static EndpointId id(SimulatedReplicaServer replica) {
        return EndpointId.parse("127.0.0.1:" + replica.port());
    }

    /** Subscribes and sends one-block requests until every feed has delivered; the watchdog replaces silent sockets. */
    private void connect(PrecisePrefixCacheScorer scorer, List<SimulatedReplicaServer> replicas) throws Exception {
        for (SimulatedReplicaServer r : replicas) {
            scorer.endpointAdded(Endpoint.of(id(r)));
        }
        long deadline = System.nanoTime() + 60_000_000_000L;
        int attempt = 0;
        while (System.nanoTime() < deadline) {
            boolean all = true;
            for (SimulatedReplicaServer r : replicas) {
                SubscriberStatus s = scorer.subscriber().status().stream().filter(x -> x.endpoint().equals(id(r)))
                        .findFirst().orElseThrow();
                if (s.messages() == 0) {
                    all = false;
                    int[] tokens = new int[16];
                    Arrays.fill(tokens, 500 + attempt++);
                    post(r.baseUri(), "/v1/completions", "{\"prompt\":" + Arrays.toString(tokens) + ",\"max_tokens\":1}");
                    scorer.subscriber().noteRouted(id(r));
                }
            }
            if (all) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no KV events arrived within 60 s: " + scorer.status());
    }

    /** Waits until the index holds exactly the replica's cached blocks, and returns them sorted. */
    private long[] awaitMirror(PrecisePrefixCacheScorer scorer, SimulatedReplicaServer replica) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        long[] expected;
        long[] indexed;
        do {
            expected = cachedOnReplica(replica);
            indexed = scorer.index().engineHashes(id(replica));
            if (Arrays.equals(expected, indexed)) {
                return indexed;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        assertThat(indexed).as("index of %s vs its /debug/kv", id(replica)).containsExactly(expected);
        return indexed;
    }

    private long[] cachedOnReplica(SimulatedReplicaServer replica) throws Exception {
        JsonNode kv = JSON.readTree(get(replica.baseUri(), "/debug/kv"));
        long[] out = new long[kv.get("block_hashes").size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = new BigInteger(kv.get("block_hashes").get(i).asText()).longValue();
        }
        Arrays.sort(out);
        return out;
    }

    private static String words(Random random, int count) {
        String[] vocabulary = {"alpha", "river", "stone", "cloud", "paper", "green", "light", "music", "table",
                "window", "garden", "silver", "bridge", "market", "winter", "forest"};
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            sb.append(vocabulary[random.nextInt(vocabulary.length)]).append(' ');
        }
        return sb.toString();
    }

    private static String completion(String prompt, int maxTokens) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", MODEL);
        body.put("prompt", prompt);
        body.put("max_tokens", maxTokens);
        body.put("ignore_eos", true);
        return JSON.writeValueAsString(body);
    }

    private static String chat(String system, String question) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", MODEL);
        body.put("max_tokens", 4);
        ArrayNode messages = body.putArray("messages");
        messages.addObject().put("role", "system").put("content", system);
        messages.addObject().put("role", "user").put("content", question);
        return JSON.writeValueAsString(body);
    }

    private String post(URI base, String path, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve(path))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body();
    }

    private String get(URI base, String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body();
    }
}
