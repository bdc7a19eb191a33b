package dev.sextant.plugins.datalayer.metrics;

import static dev.sextant.api.endpoint.EndpointMetrics.CACHE_GEOMETRY;
import static dev.sextant.api.endpoint.EndpointMetrics.KV_CACHE_USAGE;
import static dev.sextant.api.endpoint.EndpointMetrics.LORA;
import static dev.sextant.api.endpoint.EndpointMetrics.RUNNING_REQUESTS;
import static dev.sextant.api.endpoint.EndpointMetrics.WAITING_QUEUE_SIZE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.api.endpoint.Endpoint;
import dev.sextant.api.endpoint.EndpointMetrics;
import dev.sextant.api.endpoint.EndpointSnapshot;
import dev.sextant.api.endpoint.LoraState;
import dev.sextant.api.plugin.DataKey;
import dev.sextant.api.plugin.PluginParameters;
import dev.sextant.api.time.ManualClock;
import dev.sextant.plugins.TestPluginContext;
import dev.sextant.plugins.datalayer.MetricsFixtures;
import dev.sextant.plugins.datalayer.MetricsFixtures.Fixture;
import dev.sextant.plugins.datalayer.prometheus.ParsedMetrics;
import dev.sextant.plugins.datalayer.prometheus.PrometheusTextParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What the extractor reads from real captures and from each quirk of the engines' metrics. */
class MetricsExtractorTest {
    private static final long NOW = 1_000_000L;
    private static final long BEFORE = 5L;
    private static final LoraState OLD_LORA = new LoraState(Set.of("old-adapter"), Set.of(), 9);
    /** Metrics an endpoint had before the scrape: values no fixture holds, to show what changed. */
    private static final EndpointMetrics PREVIOUS = new EndpointMetrics(99, 98, 0.5, OLD_LORA, 1, 2, BEFORE);

    private final ManualClock clock = new ManualClock();

    MetricsExtractorTest() {
        clock.setNanos(NOW);
    }

    private MetricsExtractor extractor(Map<String, ?> parameters) {
        PluginParameters params = PluginParameters.of(parameters);
        MetricsExtractor extractor = (MetricsExtractor) MetricsExtractor.FACTORY.create("metrics", params,
                new TestPluginContext(clock, new SplittableRandom(1)));
        assertThat(params.problems()).isEmpty();
        assertThat(params.unknownKeys()).isEmpty();
        return extractor;
    }

    private static Endpoint endpoint(String engine) {
        return Endpoint.of("10.0.0.1:8000").withLabels(
                engine == null ? Map.of() : Map.of(Endpoint.ENGINE_TYPE_LABEL, engine));
    }

    private static RecordingUpdate extract(MetricsExtractor extractor, Endpoint endpoint, ParsedMetrics data) {
        RecordingUpdate update = new RecordingUpdate(EndpointSnapshot.of(endpoint, PREVIOUS));
        extractor.extract(data, update);
        return update;
    }

    private RecordingUpdate extract(String engine, String text) {
        return extract(extractor(Map.of()), endpoint(engine), PrometheusTextParser.parse(text));
    }

    /** What a reader of each fixture expects the extractor to make of it, for the fixture's engine. */
    record Expected(Fixture fixture, int waiting, int running, double kv, LoraState lora, int blockSize,
            long numBlocks, long updatedAt, Set<DataKey<?>> missing) {}

    static Stream<Expected> fixtures() {
        return Stream.of(
                new Expected(MetricsFixtures.VLLM_V0, 0, 0, 0.0, OLD_LORA, 16, 7281, NOW, Set.of(LORA)),
                new Expected(MetricsFixtures.VLLM_COMPOSITE, 0, 0, 0.0, OLD_LORA, 16, 7281, NOW, Set.of(LORA)),
                new Expected(MetricsFixtures.VLLM_V1_A, 99, 98, 9.75010481363281e-06, OLD_LORA, 1, 2, NOW,
                        Set.of(WAITING_QUEUE_SIZE, RUNNING_REQUESTS, LORA, CACHE_GEOMETRY)),
                new Expected(MetricsFixtures.VLLM_V1_B, 99, 98, 0.5, OLD_LORA, 1, 2, BEFORE,
                        Set.of(WAITING_QUEUE_SIZE, RUNNING_REQUESTS, KV_CACHE_USAGE, LORA, CACHE_GEOMETRY)),
                new Expected(MetricsFixtures.SGLANG, 0, 0, 0.25, OLD_LORA, 1, 2, NOW, Set.of(CACHE_GEOMETRY)),
                new Expected(MetricsFixtures.TRITON, 1, 1, 0.4875, OLD_LORA, 64, 6239, NOW, Set.of()));
    }

    @Test
    void everyFixtureHasAnExpectation() {
        assertThat(fixtures().map(Expected::fixture)).containsExactlyInAnyOrderElementsOf(MetricsFixtures.all());
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void extractsWhatEachRealCaptureSays(Expected expected) {
        RecordingUpdate update = extract(extractor(Map.of()), endpoint(expected.fixture().engine()),
                PrometheusTextParser.parse(expected.fixture().bytes()));
        assertThat(update.built()).isEqualTo(new EndpointMetrics(expected.waiting(), expected.running(), expected.kv(),
                expected.lora(), expected.blockSize(), expected.numBlocks(), expected.updatedAt()));
        assertThat(update.missing.keySet()).isEqualTo(expected.missing());
    }

    static Stream<Arguments> fixturesTimesEngines() {
        List<Arguments> out = new ArrayList<>();
        for (Fixture fixture : MetricsFixtures.all()) {
            for (String engine : List.of("vllm", "sglang", "trtllm", "triton-tensorrt-llm", "trtllm-serve")) {
                out.add(Arguments.of(fixture, engine));
            }
        }
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("fixturesTimesEngines")
    void anyFixtureUnderAnyEngineFillsOrReportsEachMetric(Fixture fixture, String engine) {
        MetricsExtractor extractor = extractor(Map.of());
        EngineMetricSpecs specs = extractor.mappings().engines().get(engine);
        RecordingUpdate update = extract(extractor, endpoint(engine), PrometheusTextParser.parse(fixture.bytes()));
        EndpointMetrics m = update.built();
        Set<DataKey<?>> configured = new java.util.HashSet<>();
        if (!specs.queuedRequests().isEmpty()) {
            configured.add(WAITING_QUEUE_SIZE);
        }
        if (!specs.runningRequests().isEmpty()) {
            configured.add(RUNNING_REQUESTS);
        }
        if (!specs.kvUsage().isEmpty()) {
            configured.add(KV_CACHE_USAGE);
        }
        if (!specs.lora().isEmpty()) {
            configured.add(LORA);
        }
        if (specs.readsCacheGeometry()) {
            configured.add(CACHE_GEOMETRY);
        }
        assertThat(configured).containsAll(update.missing.keySet());
        boolean readSomething = update.missing.size() < configured.size();
        assertThat(m.updatedAtNanos()).isEqualTo(readSomething ? NOW : BEFORE);
        if (!fixture.engine().equals(engine) && !(fixture.engine().equals("trtllm") && engine.startsWith("triton"))) {
            assertThat(update.missing.keySet()).as("a %s capture read as %s", fixture.engine(), engine)
                    .isEqualTo(configured);
        }
    }

    @ParameterizedTest
    @MethodSource("fixturesTimesEngines")
    void aScrapeParsedForTheExtractorsSamplesOnlyGivesTheSameResult(Fixture fixture, String engine) {
        MetricsExtractor extractor = extractor(Map.of());
        ParsedMetrics all = PrometheusTextParser.parse(fixture.bytes());
        ParsedMetrics wanted = PrometheusTextParser.parse(fixture.bytes(), 0, fixture.bytes().length,
                extractor.sampleNames());
        RecordingUpdate fromAll = extract(extractor, endpoint(engine), all);
        RecordingUpdate fromWanted = extract(extractor, endpoint(engine), wanted);
        assertThat(fromWanted.built()).isEqualTo(fromAll.built());
        assertThat(fromWanted.attributes).isEqualTo(fromAll.attributes);
        assertThat(fromWanted.missing).isEqualTo(fromAll.missing);
        assertThat(wanted.sampleCount()).as("samples kept").isLessThan(all.sampleCount());
    }

    @Test
    void fallsBackToTheOldVllmKvNameOnlyWhenTheNewOneIsAbsent() {
        String both = """
                vllm:kv_cache_usage_perc{model_name="m"} 0.25
                vllm:gpu_cache_usage_perc{model_name="m"} 0.75
                """;
        assertThat(extract("vllm", both).built().kvCacheUsage()).isEqualTo(0.25);
        assertThat(extract("vllm", "vllm:gpu_cache_usage_perc{model_name=\"m\"} 0.75\n").built().kvCacheUsage())
                .isEqualTo(0.75);
        String emptyNew = """
                # HELP vllm:kv_cache_usage_perc KV-cache usage.
                # TYPE vllm:kv_cache_usage_perc gauge
                vllm:gpu_cache_usage_perc{model_name="m"} 0.75
                """;
        assertThat(extract("vllm", emptyNew).built().kvCacheUsage()).isEqualTo(0.75);
    }

    @Test
    void aggregatesDataParallelEnginesOfVllmV1() {
        RecordingUpdate update = extract(null, """
                vllm:num_requests_waiting{engine="0",model_name="m"} 3.0
                vllm:num_requests_waiting{engine="1",model_name="m"} 4.0
                vllm:num_requests_running{engine="0",model_name="m"} 10.0
                vllm:num_requests_running{engine="1",model_name="m"} 12.0
                vllm:kv_cache_usage_perc{engine="0",model_name="m"} 0.2
                vllm:kv_cache_usage_perc{engine="1",model_name="m"} 0.4
                vllm:cache_config_info{block_size="16",engine="0",num_gpu_blocks="1000"} 1.0
                vllm:cache_config_info{block_size="16",engine="1",num_gpu_blocks="1000"} 1.0
                """);
        EndpointMetrics m = update.built();
        assertThat(m.waitingQueueSize()).isEqualTo(7);
        assertThat(m.runningRequests()).isEqualTo(22);
        assertThat(m.kvCacheUsage()).isCloseTo(0.3, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(m.cacheBlockSize()).isEqualTo(16);
        assertThat(m.cacheNumBlocks()).isEqualTo(2000);
        assertThat(update.missing.keySet()).containsExactly(LORA);
    }

    @Test
    void readsTheNewestLoraSeries() {
        RecordingUpdate update = extract("vllm", """
                # HELP vllm:lora_requests_info Running stats on lora requests.
                # TYPE vllm:lora_requests_info gauge
                vllm:lora_requests_info{max_lora="4",running_lora_adapters="old",waiting_lora_adapters=""} 1.7180001e+09
                vllm:lora_requests_info{max_lora="4",running_lora_adapters="sql-lora, chat-lora",waiting_lora_adapters="tts,,"} 1.7180003e+09
                vllm:lora_requests_info{max_lora="4",running_lora_adapters="",waiting_lora_adapters="mid"} 1.7180002e+09
                """);
        assertThat(update.built().lora()).isEqualTo(new LoraState(Set.of("sql-lora", "chat-lora"), Set.of("tts"), 4));
        assertThat(update.missing).doesNotContainKey(LORA);
    }

    @Test
    void reportsLoraInfoWithAnUnreadableMaximum() {
        RecordingUpdate update = extract("vllm",
                "vllm:lora_requests_info{max_lora=\"many\",running_lora_adapters=\"a\"} 1.7e9\n");
        assertThat(update.built().lora()).isEqualTo(OLD_LORA);
        assertThat(update.missing.get(LORA)).isEqualTo(
                "vllm:lora_requests_info: max_lora=\"many\" (expected: a count >= 0)");
        RecordingUpdate noMax = extract("vllm", "vllm:lora_requests_info{running_lora_adapters=\"a\"} 1.7e9\n");
        assertThat(noMax.built().lora()).isEqualTo(new LoraState(Set.of("a"), Set.of(), 0));
    }

    @Test
    void leavesUnusableValuesUnchangedAndSaysWhy() {
        RecordingUpdate update = extract("vllm", """
                vllm:num_requests_waiting NaN
                vllm:num_requests_running -1
                vllm:kv_cache_usage_perc +Inf
                vllm:cache_config_info{block_size="16",num_gpu_blocks="None"} 1
                """);
        EndpointMetrics m = update.built();
        assertThat(m.waitingQueueSize()).isEqualTo(99);
        assertThat(m.runningRequests()).isEqualTo(98);
        assertThat(m.kvCacheUsage()).isEqualTo(0.5);
        assertThat(m.cacheBlockSize()).isEqualTo(16);
        assertThat(m.cacheNumBlocks()).isEqualTo(2);
        assertThat(m.updatedAtNanos()).isEqualTo(NOW);
        assertThat(update.missing).containsExactly(
                Map.entry(WAITING_QUEUE_SIZE, "vllm:num_requests_waiting: NaN (expected: a count >= 0)"),
                Map.entry(RUNNING_REQUESTS, "vllm:num_requests_running: -1.0 (expected: a count >= 0)"),
                Map.entry(KV_CACHE_USAGE, "vllm:kv_cache_usage_perc: Infinity (expected: 0..1)"),
                Map.entry(LORA, "vllm:lora_requests_info: no sample"),
                Map.entry(CACHE_GEOMETRY, "vllm:cache_config_info: num_gpu_blocks=\"None\" (expected: a count >= 0)"));
    }

    @Test
    void capsKvUsageAtOneAndRoundsCounts() {
        EndpointMetrics m = extract("sglang", """
                sglang:token_usage{tp_rank="0"} 1.02
                sglang:num_queue_reqs{tp_rank="0"} 2.6
                sglang:num_running_reqs{tp_rank="0"} 1e12
                """).built();
        assertThat(m.kvCacheUsage()).isEqualTo(1.0);
        assertThat(m.waitingQueueSize()).isEqualTo(3);
        assertThat(m.runningRequests()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void reportsAFamilyWithoutSamplesAsMissingNotZero() {
        RecordingUpdate update = extract("vllm", """
                # HELP vllm:num_requests_waiting Number of requests waiting to be processed.
                # TYPE vllm:num_requests_waiting gauge
                vllm:num_requests_running 3
                """);
        assertThat(update.built().waitingQueueSize()).isEqualTo(99);
        assertThat(update.missing.get(WAITING_QUEUE_SIZE)).isEqualTo("vllm:num_requests_waiting: no sample");
    }

    @Test
    void readsSglangCacheGeometryUnderItsOwnLabelNames() {
        EndpointMetrics m = extract("sglang",
                "sglang:cache_config_info{page_size=\"1\",num_pages=\"430839\"} 1\n").built();
        assertThat(m.cacheBlockSize()).isEqualTo(1);
        assertThat(m.cacheNumBlocks()).isEqualTo(430839);
    }

    @Test
    void readsTrtllmServeMetricsUnderTheTrtllmLabel() {
        RecordingUpdate update = extract("trtllm", """
                trtllm_num_requests_waiting 2
                trtllm_num_requests_running 5
                trtllm_kv_cache_utilization 0.125
                trtllm_kv_cache_tokens_per_block 32
                trtllm_kv_cache_max_blocks 4096
                """);
        assertThat(update.built()).isEqualTo(new EndpointMetrics(2, 5, 0.125, OLD_LORA, 32, 4096, NOW));
        assertThat(update.missing).isEmpty();
    }

    @Test
    void usesTheDefaultEngineForUnlabelledAndUnknownEndpoints() {
        String vllm = "vllm:num_requests_waiting 4\n";
        assertThat(extract(null, vllm).built().waitingQueueSize()).isEqualTo(4);
        assertThat(extract("llama.cpp", vllm).built().waitingQueueSize()).isEqualTo(4);
        MetricsExtractor sglangByDefault = extractor(Map.of("defaultEngine", "sglang"));
        RecordingUpdate update = extract(sglangByDefault, endpoint(null),
                PrometheusTextParser.parse("sglang:num_queue_reqs 6\n"));
        assertThat(update.built().waitingQueueSize()).isEqualTo(6);
    }

    @Test
    void readsTheEngineFromAConfiguredLabel() {
        MetricsExtractor extractor = extractor(Map.of("engineLabelKey", "engine"));
        Endpoint sglang = Endpoint.of("10.0.0.2:8000").withLabels(Map.of("engine", "sglang"));
        RecordingUpdate update = extract(extractor, sglang, PrometheusTextParser.parse("sglang:num_queue_reqs 6\n"));
        assertThat(update.built().waitingQueueSize()).isEqualTo(6);
    }

    @Test
    void acceptsGieEngineConfigsWhichReplaceABuiltinEngineEntirely() {
        MetricsExtractor extractor = extractor(Map.of("engineConfigs", List.of(
                Map.of("name", "vllm",
                        "queuedRequestsSpec", "vllm:num_requests_waiting",
                        "runningRequestsSpec", "vllm:num_requests_running",
                        "kvUsageSpec", "vllm:kv_cache_usage_perc",
                        "loraSpec", "",
                        "cacheInfoSpec", "vllm:cache_config_info"),
                Map.of("name", "my-engine",
                        "queuedRequestsSpec", "queue_depth{kind=waiting}",
                        "kvUsageSpec", List.of("kv_fraction", "kv_legacy_fraction"),
                        "cacheBlockSizeSpec", "kv_block_tokens"))));
        assertThat(extractor.mappings().engines().keySet())
                .containsExactly("vllm", "sglang", "trtllm", "triton-tensorrt-llm", "trtllm-serve", "my-engine");
        RecordingUpdate vllm = extract(extractor, endpoint("vllm"),
                PrometheusTextParser.parse("vllm:num_requests_waiting 1\n"));
        assertThat(vllm.missing).doesNotContainKey(LORA);
        RecordingUpdate mine = extract(extractor, endpoint("my-engine"), PrometheusTextParser.parse("""
                queue_depth{kind="waiting"} 7
                queue_depth{kind="running"} 70
                kv_legacy_fraction 0.9
                kv_block_tokens 32
                """));
        assertThat(mine.built()).isEqualTo(new EndpointMetrics(7, 98, 0.9, OLD_LORA, 32, 2, NOW));
        assertThat(mine.missing.keySet()).containsExactly(CACHE_GEOMETRY);
    }

    @Test
    void declaresTheEndpointMetricsItFills() {
        assertThat(extractor(Map.of()).produces())
                .containsExactlyInAnyOrder(WAITING_QUEUE_SIZE, RUNNING_REQUESTS, KV_CACHE_USAGE, LORA, CACHE_GEOMETRY);
        Map<String, Object> queueOnly = Map.of("name", "q", "queuedRequestsSpec", "q");
        List<Map<String, Object>> replaceAll = new ArrayList<>();
        for (String engine : List.of("vllm", "sglang", "trtllm", "triton-tensorrt-llm", "trtllm-serve")) {
            replaceAll.add(Map.of("name", engine, "queuedRequestsSpec", "q"));
        }
        replaceAll.add(queueOnly);
        assertThat(extractor(Map.of("engineConfigs", replaceAll)).produces()).containsExactly(WAITING_QUEUE_SIZE);
        assertThat(extractor(Map.of()).inputType()).isEqualTo(ParsedMetrics.class);
    }

    @Test
    void isFoundUnderGieTypeNames() {
        assertThat(MetricsExtractor.FACTORY.type()).isEqualTo("metrics-extractor");
        assertThat(MetricsExtractor.FACTORY.aliases())
                .containsExactlyInAnyOrder("core-metrics-extractor", "model-server-protocol-metrics");
    }

    static Stream<Arguments> invalidParameters() {
        return Stream.of(
                Arguments.of(Map.of("defaultEngine", "tgi"),
                        "defaultEngine: \"tgi\" (expected: one of [vllm, sglang, trtllm, triton-tensorrt-llm, trtllm-serve])"),
                Arguments.of(Map.of("engineLabelKey", ""), "engineLabelKey: \"\" (expected: a label key)"),
                Arguments.of(Map.of("engineConfigs", List.of(Map.of("queuedRequestsSpec", "q"))),
                        "engineConfigs[0].name: \"\" (expected: an engine type such as vllm)"),
                Arguments.of(Map.of("engineConfigs", List.of(Map.of("name", "default"))),
                        "engineConfigs[0].name: \"default\" (expected: any name but \"default\", which GIE reserves)"),
                Arguments.of(Map.of("engineConfigs", List.of(Map.of("name", "x"), Map.of("name", "x"))),
                        "engineConfigs[1].name: \"x\" (expected: a name given once)"),
                Arguments.of(Map.of("engineConfigs", List.of(Map.of("name", "x", "kvUsageSpec", "kv{a!=b}"))),
                        "engineConfigs[0].kvUsageSpec: selector: \"kv{a!=b}\" at position 4 (expected: = after a; "
                                + "only equality matchers are supported, as in nv_trt_llm_request_metrics{request_type=\"waiting\"})"),
                Arguments.of(Map.of("engineConfigs", List.of(Map.of("name", "x", "cacheBlockSizeLabelName", "page-size"))),
                        "engineConfigs[0].cacheBlockSizeLabelName: \"page-size\" (expected: a Prometheus label name)"));
    }

    @ParameterizedTest
    @MethodSource("invalidParameters")
    void refusesInvalidParametersWithTheirPath(Map<String, ?> parameters, String problem) {
        PluginParameters params = PluginParameters.of(parameters);
        MetricsExtractor.FACTORY.create("m", params, TestPluginContext.seeded(1));
        assertThat(params.problems()).containsExactly(problem);
    }

    @Test
    void refusesUnknownParameters() {
        PluginParameters params = PluginParameters.of(Map.of("engineConfigs", List.of(Map.of("name", "x", "lora", "y"))));
        MetricsExtractor.FACTORY.create("m", params, TestPluginContext.seeded(1));
        assertThat(params.unknownKeys()).containsExactly("engineConfigs[0].lora");
    }
}
