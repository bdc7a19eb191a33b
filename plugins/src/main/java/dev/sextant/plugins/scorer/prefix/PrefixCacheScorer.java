package dev.sextant.plugins.scorer.prefix;

import dev.sextant.api.endpoint.EndpointId;
import dev.sextant.api.endpoint.EndpointMetrics;
import dev.sextant.api.endpoint.EndpointSnapshot;
import dev.sextant.api.plugin.DataKey;
import dev.sextant.api.plugin.PluginFactory;
import dev.sextant.api.request.InferenceRequest;
import dev.sextant.api.requestcontrol.HeaderMutations;
import dev.sextant.api.requestcontrol.PreRequest;
import dev.sextant.api.scheduling.Candidates;
import dev.sextant.api.scheduling.CycleState;
import dev.sextant.api.scheduling.PrefixCacheMatches;
import dev.sextant.api.scheduling.ProfileResult;
import dev.sextant.api.scheduling.SchedulingResult;
import dev.sextant.api.scheduling.Scorer;
import dev.sextant.api.scheduling.ScorerCategory;
import dev.sextant.api.time.Clock;
import dev.sextant.plugins.SimplePluginFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * GIE's approximate prefix-cache scorer: prefers the endpoints most likely to hold the request's
 * prompt prefix in their KV cache, guessed from where earlier requests were sent.
 *
 * <p>The prompt view is cut into blocks of {@code blockSizeTokens × 4} characters with chained
 * XXH64 hashes seeded by the target model and {@code cache_salt} ({@link PromptBlockHasher}). An
 * endpoint scores the number of leading blocks it holds divided by the number of blocks in the
 * prompt; a prompt shorter than one block scores 0 everywhere. While scoring it publishes
 * {@link PrefixCacheMatches} into the cycle state. At pre-request the primary endpoint of every
 * profile that picked (decode and prefill alike) is recorded as holding all of the prompt's blocks,
 * in a per-endpoint LRU of {@code lruCapacityPerServer} blocks ({@link PrefixIndex}).
 *
 * <p>With {@code autoTune}, the block size comes from the first candidate that reports its cache
 * geometry ({@code vllm:cache_config_info}) and each endpoint's capacity is its {@code num_gpu_blocks}.
 *
 * <p>Thread-safe: scoring and recording run concurrently from many request threads.
 */
public final class PrefixCacheScorer implements Scorer, PreRequest {
    public static final String TYPE = "prefix-cache-scorer";

    private static final DataKey<PromptHashes> HASHES = DataKey.of("prefix-cache-scorer.hashes", PromptHashes.class);
    private static final long SWEEP_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    public static final PluginFactory FACTORY = SimplePluginFactory.of(TYPE,
            "prefers endpoints that likely hold the prompt's prefix (GIE approximate prefix cache)",
            (name, params, ctx) -> new PrefixCacheScorer(name, PrefixCacheSettings.read(params), ctx.clock()));

    private final String name;
    private final PrefixCacheSettings settings;
    private final Clock clock;
    private final PrefixIndex index = new PrefixIndex();
    private final AtomicLong lastSweepNanos;

    public PrefixCacheScorer(String name, PrefixCacheSettings settings, Clock clock) {
        this.name = name;
        this.settings = settings;
        this.clock = clock;
        this.lastSweepNanos = new AtomicLong(clock.nanos());
    }

    /** The hashes of one request's prompt, kept in its cycle state between scoring and pre-request. */
    private record PromptHashes(int blockSizeTokens, long[] hashes) {}

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ScorerCategory category() {
        return ScorerCategory.AFFINITY;
    }

    @Override
    public Set<DataKey<?>> produces() {
        return Set.of(PrefixCacheMatches.KEY);
    }

    @Override
    public Set<DataKey<?>> consumes() {
        return Set.of(EndpointMetrics.CACHE_GEOMETRY);
    }

    @Override
    public void score(CycleState state, InferenceRequest request, Candidates candidates, double[] scores) {
        int n = candidates.size();
        PromptHashes prompt = hashes(state, request, geometrySource(candidates));
        long[] hashes = prompt.hashes();
        long now = clock.nanos();
        Map<EndpointId, Integer> matched = new HashMap<>();
        for (int i = 0; i < n; i++) {
            EndpointId id = candidates.get(i).id();
            int blocks = index.leadingMatches(id, hashes, now);
            scores[i] = hashes.length == 0 ? 0.0 : (double) blocks / hashes.length;
            if (blocks > 0) {
                matched.put(id, blocks);
            }
        }
        PrefixCacheMatches.publish(state, new PrefixCacheMatches(prompt.blockSizeTokens(), hashes.length, matched));
    }

    @Override
    public void preRequest(CycleState state, InferenceRequest request, SchedulingResult.Scheduled result,
            HeaderMutations headers) {
        PromptHashes prompt = state.get(HASHES);
        if (prompt == null) {
            prompt = hashes(state, request, result.primary().primary().metrics());
        }
        long now = clock.nanos();
        List<EndpointId> recorded = new ArrayList<>(2);
        for (ProfileResult profile : result.profiles().values()) {
            if (profile instanceof ProfileResult.Picked picked) {
                EndpointSnapshot target = picked.primary();
                if (!recorded.contains(target.id())) {
                    recorded.add(target.id());
                    index.record(target.id(), prompt.hashes(), settings.capacity(target.metrics()), now);
                }
            }
        }
        sweepIdleEndpoints(now);
    }

    /** The index of this scorer, for tests and diagnostics. */
    public PrefixIndex index() {
        return index;
    }

    /** The effective settings. */
    public PrefixCacheSettings settings() {
        return settings;
    }

    private PromptHashes hashes(CycleState state, InferenceRequest request, EndpointMetrics geometry) {
        int blockSize = settings.blockSizeTokens(geometry);
        PromptHashes cached = state.get(HASHES);
        if (cached != null && cached.blockSizeTokens() == blockSize) {
            return cached;
        }
        long[] hashes = PromptBlockHasher.hashBlocks(request.targetModel(), request.cacheSalt(),
                request.prompt().text(), blockSize, settings.maxBlocks(blockSize));
        PromptHashes computed = new PromptHashes(blockSize, hashes);
        state.put(HASHES, computed);
        return computed;
    }

    /** Metrics of the first candidate that reports a cache block size, or {@code null}. */
    private static EndpointMetrics geometrySource(Candidates candidates) {
        for (int i = 0; i < candidates.size(); i++) {
            EndpointMetrics m = candidates.get(i).metrics();
            if (m.cacheBlockSize() > 0) {
                return m;
            }
        }
        return null;
    }

    private void sweepIdleEndpoints(long now) {
        long last = lastSweepNanos.get();
        if (now - last >= SWEEP_INTERVAL_NANOS && lastSweepNanos.compareAndSet(last, now)) {
            index.forgetIdle(now, settings.idleEndpointTimeout().toNanos());
        }
    }

    @Override
    public String toString() {
        return TYPE + "{name=" + name + ", " + settings + ", endpoints=" + index.endpoints() + '}';
    }
}
