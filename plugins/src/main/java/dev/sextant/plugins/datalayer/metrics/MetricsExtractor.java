package dev.sextant.plugins.datalayer.metrics;

import dev.sextant.api.datalayer.EndpointUpdate;
import dev.sextant.api.datalayer.Extractor;
import dev.sextant.api.endpoint.Endpoint;
import dev.sextant.api.endpoint.EndpointMetrics;
import dev.sextant.api.endpoint.LoraState;
import dev.sextant.api.plugin.DataKey;
import dev.sextant.api.plugin.PluginFactory;
import dev.sextant.api.time.Clock;
import dev.sextant.plugins.SimplePluginFactory;
import dev.sextant.plugins.datalayer.prometheus.ParsedMetrics;
import dev.sextant.plugins.datalayer.prometheus.SampleConsumer;
import dev.sextant.plugins.datalayer.prometheus.SampleNames;
import dev.sextant.plugins.datalayer.prometheus.Sample;
import dev.sextant.plugins.datalayer.prometheus.SeriesSelector;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * GIE's metrics extractor: turns a scraped exposition into an endpoint's waiting queue, running
 * requests, KV-cache usage, LoRA state and cache geometry, reading the metric names of the
 * endpoint's engine (see {@link EngineMetricSpecs} for the names and how series are combined).
 *
 * <p>A metric that is absent, has no sample, or holds an unusable value (NaN, a negative count)
 * leaves its field unchanged and is reported through {@link EndpointUpdate#missing}. When at least
 * one field was read, the snapshot time is set from the plugin clock; a scrape with nothing usable
 * leaves it as it was (an engine that stamps snapshots itself should look at the missing reports
 * instead, or a page of nothing usable keeps the endpoint looking fresh).
 *
 * <p>Thread-safe and stateless per endpoint; it never blocks.
 */
public final class MetricsExtractor implements Extractor<ParsedMetrics>, SampleConsumer {
    public static final String TYPE = "metrics-extractor";

    /** GIE v1.5's type name, and v1.3–v1.4's. */
    public static final Set<String> ALIASES = Set.of("core-metrics-extractor", "model-server-protocol-metrics");

    public static final PluginFactory FACTORY = new SimplePluginFactory(TYPE, ALIASES,
            "maps vLLM, SGLang and TRT-LLM metrics to waiting queue, running requests, KV usage, LoRA and"
                    + " cache geometry",
            (name, params, ctx) -> new MetricsExtractor(name, EngineMappings.from(params), ctx.clock()));

    private static final System.Logger LOG = System.getLogger(MetricsExtractor.class.getName());
    private static final int MAX_UNKNOWN_ENGINES_REMEMBERED = 64;

    private final String name;
    private final EngineMappings mappings;
    private final Clock clock;
    private final Map<String, Engine> engines;
    private final Set<DataKey<?>> produces;
    private final SampleNames sampleNames;
    private final Set<String> unknownEnginesSeen = ConcurrentHashMap.newKeySet();

    /** One engine's specs with the texts of its "absent" reports made once, not per scrape. */
    private record Engine(EngineMetricSpecs specs, String queuedAbsent, String runningAbsent, String kvAbsent,
            String loraAbsent, String geometryAbsent) {

        static Engine of(EngineMetricSpecs s) {
            List<SeriesSelector> geometry = new ArrayList<>(s.cacheInfo());
            geometry.addAll(s.cacheBlockSize());
            geometry.addAll(s.cacheNumBlocks());
            return new Engine(s, absent(s.queuedRequests()), absent(s.runningRequests()), absent(s.kvUsage()),
                    absent(s.lora()), absent(geometry));
        }

        private static String absent(List<SeriesSelector> selectors) {
            return selectors.stream().map(SeriesSelector::toString).collect(Collectors.joining(" or "))
                    + ": no sample";
        }
    }

    public MetricsExtractor(String name, EngineMappings mappings, Clock clock) {
        this.name = Objects.requireNonNull(name, "name");
        this.mappings = Objects.requireNonNull(mappings, "mappings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.engines = mappings.engines().values().stream()
                .collect(Collectors.toUnmodifiableMap(EngineMetricSpecs::name, Engine::of));
        Set<DataKey<?>> keys = new LinkedHashSet<>();
        for (EngineMetricSpecs s : mappings.engines().values()) {
            addIf(keys, !s.queuedRequests().isEmpty(), EndpointMetrics.WAITING_QUEUE_SIZE);
            addIf(keys, !s.runningRequests().isEmpty(), EndpointMetrics.RUNNING_REQUESTS);
            addIf(keys, !s.kvUsage().isEmpty(), EndpointMetrics.KV_CACHE_USAGE);
            addIf(keys, !s.lora().isEmpty(), EndpointMetrics.LORA);
            addIf(keys, s.readsCacheGeometry(), EndpointMetrics.CACHE_GEOMETRY);
        }
        this.produces = Set.copyOf(keys);
        Set<String> names = new LinkedHashSet<>();
        for (EngineMetricSpecs s : mappings.engines().values()) {
            for (List<SeriesSelector> selectors : List.of(s.queuedRequests(), s.runningRequests(), s.kvUsage(),
                    s.lora(), s.cacheInfo(), s.cacheBlockSize(), s.cacheNumBlocks())) {
                selectors.forEach(selector -> names.add(selector.name()));
            }
        }
        this.sampleNames = SampleNames.of(names);
    }

    /** The metric names of every engine this extractor knows, whichever engine an endpoint turns out to run. */
    @Override
    public SampleNames sampleNames() {
        return sampleNames;
    }

    private static void addIf(Set<DataKey<?>> keys, boolean condition, DataKey<?> key) {
        if (condition) {
            keys.add(key);
        }
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String name() {
        return name;
    }

    /** Which engines this extractor knows and how it picks one per endpoint. */
    public EngineMappings mappings() {
        return mappings;
    }

    @Override
    public Class<ParsedMetrics> inputType() {
        return ParsedMetrics.class;
    }

    /** The endpoint metrics some configured engine fills. */
    @Override
    public Set<DataKey<?>> produces() {
        return produces;
    }

    @Override
    public void extract(ParsedMetrics data, EndpointUpdate update) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(update, "update");
        Engine engine = engineOf(update.current().endpoint());
        EngineMetricSpecs specs = engine.specs();
        EndpointMetrics.Builder metrics = update.metrics();
        boolean read = false;

        if (!specs.queuedRequests().isEmpty()) {
            int queued = count(data, specs.queuedRequests(), EndpointMetrics.WAITING_QUEUE_SIZE, engine.queuedAbsent(),
                    update);
            if (queued >= 0) {
                metrics.waitingQueueSize(queued);
                read = true;
            }
        }
        if (!specs.runningRequests().isEmpty()) {
            int running = count(data, specs.runningRequests(), EndpointMetrics.RUNNING_REQUESTS, engine.runningAbsent(),
                    update);
            if (running >= 0) {
                metrics.runningRequests(running);
                read = true;
            }
        }
        if (!specs.kvUsage().isEmpty()) {
            read |= readKvUsage(data, engine, metrics, update);
        }
        if (!specs.lora().isEmpty()) {
            read |= readLora(data, engine, metrics, update);
        }
        if (specs.readsCacheGeometry()) {
            read |= new CacheGeometryReader(data, specs).read(metrics, update, engine.geometryAbsent());
        }
        if (read) {
            metrics.updatedAtNanos(clock.nanos());
        }
    }

    /** The sum over the first selector with samples as a count, or -1 after reporting it missing. */
    private static int count(ParsedMetrics data, List<SeriesSelector> selectors, DataKey<?> key, String absent,
            EndpointUpdate update) {
        for (SeriesSelector selector : selectors) {
            OptionalDouble sum = data.sum(selector);
            if (sum.isPresent()) {
                double value = sum.getAsDouble();
                if (Counts.isCount(value)) {
                    return Counts.toInt(value);
                }
                update.missing(key, selector + ": " + value + " (expected: a count >= 0)");
                return -1;
            }
        }
        update.missing(key, absent);
        return -1;
    }

    private static boolean readKvUsage(ParsedMetrics data, Engine engine, EndpointMetrics.Builder metrics,
            EndpointUpdate update) {
        for (SeriesSelector selector : engine.specs().kvUsage()) {
            OptionalDouble mean = data.mean(selector);
            if (mean.isPresent()) {
                double value = mean.getAsDouble();
                if (!Counts.isCount(value)) {
                    update.missing(EndpointMetrics.KV_CACHE_USAGE, selector + ": " + value + " (expected: 0..1)");
                    return false;
                }
                // Engines overshoot 1 briefly (SGLang's token usage counts reserved tokens); the meaning is "full".
                metrics.kvCacheUsage(Math.min(1.0, value));
                return true;
            }
        }
        update.missing(EndpointMetrics.KV_CACHE_USAGE, engine.kvAbsent());
        return false;
    }

    private static boolean readLora(ParsedMetrics data, Engine engine, EndpointMetrics.Builder metrics,
            EndpointUpdate update) {
        for (SeriesSelector selector : engine.specs().lora()) {
            Optional<Sample> newest = data.newestByValue(selector);
            if (newest.isPresent()) {
                LoraState state = LoraInfo.read(newest.get().labels());
                if (state == null) {
                    update.missing(EndpointMetrics.LORA, selector + ": " + LoraInfo.MAX_LABEL + "=\""
                            + newest.get().labels().get(LoraInfo.MAX_LABEL).orElse("") + "\" (expected: a count >= 0)");
                    return false;
                }
                metrics.lora(state);
                return true;
            }
        }
        update.missing(EndpointMetrics.LORA, engine.loraAbsent());
        return false;
    }

    private Engine engineOf(Endpoint endpoint) {
        EngineMetricSpecs configured = mappings.configured(endpoint);
        if (configured != null) {
            return engines.get(configured.name());
        }
        String label = mappings.label(endpoint);
        if (label != null && unknownEnginesSeen.size() < MAX_UNKNOWN_ENGINES_REMEMBERED
                && unknownEnginesSeen.add(label)) {
            LOG.log(System.Logger.Level.WARNING, "event=unknown-engine extractor={0} engine={1} endpoint={2} "
                    + "using={3} known={4}", name, label, endpoint.id(), mappings.defaultEngine(),
                    mappings.engines().keySet());
        }
        return engines.get(mappings.defaultEngine());
    }

    @Override
    public String toString() {
        return TYPE + "{name=" + name + ", engines=" + mappings.engines().keySet() + ", default="
                + mappings.defaultEngine() + '}';
    }
}
