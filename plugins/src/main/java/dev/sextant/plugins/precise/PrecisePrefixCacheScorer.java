package dev.sextant.plugins.precise;

import dev.sextant.api.datalayer.EndpointSetListener;
import dev.sextant.api.endpoint.Endpoint;
import dev.sextant.api.endpoint.EndpointId;
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
import dev.sextant.plugins.precise.index.BlockKeys;
import dev.sextant.plugins.precise.index.KvBlockIndex;
import dev.sextant.plugins.precise.index.PrefixMatcher;
import dev.sextant.plugins.precise.subscriber.KvEventSubscriber;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * llm-d's {@code precise-prefix-cache-scorer}: scores each endpoint by the consecutive leading blocks of the
 * prompt that its engine really holds, as its KV-cache events report them (GPU blocks weigh 1.0, CPU
 * blocks 0.8), divided by the prompt's full blocks.
 *
 * <p>The prompt is tokenised locally ({@link PromptTokenizer}) and cut into Sextant's chained block keys
 * ({@link BlockKeys}), keyed by the request's target model (the adapter's name for LoRA requests). The index
 * ({@link KvBlockIndex}) is fed by a {@link KvEventSubscriber} over ZeroMQ once endpoints are reported
 * through {@link EndpointSetListener}, or in process by a simulator through {@link #index()}. After a pick,
 * the prompt's blocks are marked speculative on the chosen endpoint for {@code speculativeTTL}. The scorer
 * leaves its findings in the cycle state as {@link PrefixCacheMatches}.
 */
public final class PrecisePrefixCacheScorer implements Scorer, PreRequest, EndpointSetListener, AutoCloseable {
    /** The plugin type. */
    public static final String TYPE = "precise-prefix-cache-scorer";

    private static final DataKey<PromptBlocks> BLOCKS = DataKey.of(TYPE + ".blocks", PromptBlocks.class);

    /** The factory registered in {@code BuiltinPlugins}. */
    public static final PluginFactory FACTORY = SimplePluginFactory.of(TYPE,
            "scores endpoints by the prompt prefix their engines report holding in KV-cache events",
            (name, params, ctx) -> {
                PrecisePrefixSettings settings = PrecisePrefixSettings.read(params);
                PromptTokenizer tokenizer;
                try {
                    tokenizer = new PromptTokenizer(settings.tokenizer(), settings.tokenCacheSize());
                } catch (IllegalArgumentException e) {
                    params.problem("tokenizer", e.getMessage());
                    tokenizer = new PromptTokenizer("cl100k_base", settings.tokenCacheSize());
                }
                return new PrecisePrefixCacheScorer(name, settings, tokenizer, ctx.clock(), null);
            });

    private final String name;
    private final PrecisePrefixSettings settings;
    private final PromptTokenizer tokenizer;
    private final KvBlockIndex index;
    private final KvEventSubscriber subscriber;
    /** Scoring buffers, borrowed per call: request threads may be virtual, so a ThreadLocal would not be reused. */
    private final java.util.concurrent.ConcurrentLinkedQueue<Scratch> scratchPool =
            new java.util.concurrent.ConcurrentLinkedQueue<>();

    /**
     * @param addressOf the KV-event address of an endpoint (tests, demo); null for
     *     {@code tcp://<ip>:<socketPort>}
     */
    public PrecisePrefixCacheScorer(String name, PrecisePrefixSettings settings, PromptTokenizer tokenizer, Clock clock,
            Function<EndpointId, String> addressOf) {
        this.name = name;
        this.settings = settings;
        this.tokenizer = tokenizer;
        this.index = new KvBlockIndex(new BlockKeys(settings.blockSize(), settings.hashSeed()),
                settings.blockTable().create(), settings.maxBlocksPerEndpoint(), clock);
        this.subscriber = new KvEventSubscriber(index, settings.subscriber(), clock, addressOf);
    }

    /** The prompt's block keys and per-endpoint matches, kept from scoring to pre-request. */
    private record PromptBlocks(long[] keys, PrefixCacheMatches matches) {}

    /** Per-thread buffers, so scoring allocates little. */
    private static final class Scratch {
        final PrefixMatcher matcher;
        long[] keys = new long[512];
        int[] slots = new int[64];
        int[] matched = new int[64];
        double[] weighted = new double[64];

        Scratch(PrefixMatcher matcher) {
            this.matcher = matcher;
        }

        void ensure(int blocks, int candidates) {
            if (keys.length < blocks) {
                keys = new long[Math.max(blocks, keys.length * 2)];
            }
            if (slots.length < candidates) {
                int n = Math.max(candidates, slots.length * 2);
                slots = new int[n];
                matched = new int[n];
                weighted = new double[n];
            }
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

    @Override
    public ScorerCategory category() {
        return ScorerCategory.AFFINITY;
    }

    @Override
    public Set<DataKey<?>> produces() {
        return Set.of(PrefixCacheMatches.KEY);
    }

    /** The index, for in-process feeding (the virtual-time simulator) and status. */
    public KvBlockIndex index() {
        return index;
    }

    /**
     * Tells the stall watchdog that {@code endpoint} was just sent work that makes its engine publish
     * events (pre-request does this for every pick; warm-ups that bypass the scheduler call it).
     */
    public void expectEvents(EndpointId endpoint) {
        subscriber.noteRouted(endpoint);
    }

    /** The event subscriber (tests drive its watchdog). */
    KvEventSubscriber subscriber() {
        return subscriber;
    }

    @Override
    public void score(CycleState state, InferenceRequest request, Candidates candidates, double[] scores) {
        int[] tokens = tokenizer.tokens(request.prompt());
        BlockKeys blockKeys = index.blockKeys();
        int blocks = blockKeys.fullBlocks(tokens.length);
        int n = candidates.size();
        Scratch s = scratchPool.poll();
        if (s == null) {
            s = new Scratch(index.newMatcher());
        }
        try {
            scoreWith(s, state, request, candidates, scores, tokens, blocks, n);
        } finally {
            scratchPool.offer(s);
        }
    }

    private void scoreWith(Scratch s, CycleState state, InferenceRequest request, Candidates candidates,
            double[] scores, int[] tokens, int blocks, int n) {
        BlockKeys blockKeys = index.blockKeys();
        s.ensure(blocks, n);
        blockKeys.keys(index.root(request.targetModel()), tokens, tokens.length, s.keys);
        for (int i = 0; i < n; i++) {
            s.slots[i] = index.slotOf(candidates.get(i).id());
        }
        s.matcher.match(s.keys, blocks, s.slots, n, s.matched, s.weighted);
        Map<EndpointId, Integer> matchedByEndpoint = new HashMap<>();
        for (int i = 0; i < n; i++) {
            scores[i] = blocks == 0 ? 0 : s.weighted[i] / blocks;
            if (s.matched[i] > 0) {
                matchedByEndpoint.put(candidates.get(i).id(), s.matched[i]);
            }
        }
        PrefixCacheMatches matches = new PrefixCacheMatches(blockKeys.blockSize(), blocks, matchedByEndpoint);
        PrefixCacheMatches.publish(state, matches);
        state.put(BLOCKS, new PromptBlocks(Arrays.copyOf(s.keys, blocks), matches));
    }

    @Override
    public void preRequest(CycleState state, InferenceRequest request, SchedulingResult.Scheduled result,
            HeaderMutations headers) {
        PromptBlocks blocks = state.get(BLOCKS);
        if (blocks == null || blocks.keys().length == 0) {
            return;
        }
        for (ProfileResult profile : result.profiles().values()) {
            if (profile instanceof ProfileResult.Picked picked) {
                EndpointId chosen = picked.primary().id();
                if (blocks.matches().matchedBlocks(chosen) < blocks.keys().length) {
                    subscriber.noteRouted(chosen);
                }
                if (settings.speculativeIndexing()) {
                    index.speculate(chosen, blocks.keys(), blocks.keys().length, settings.speculativeTtl().toNanos());
                }
            }
        }
    }

    @Override
    public void endpointAdded(Endpoint endpoint) {
        subscriber.addEndpoint(endpoint.id());
    }

    @Override
    public void endpointRemoved(EndpointId id) {
        subscriber.removeEndpoint(id);
    }

    /** What the index and the subscriber know now. */
    public PrecisePrefixStatus status() {
        return new PrecisePrefixStatus(name, settings.blockTable().name().toLowerCase(Locale.ROOT), index.size(),
                index.status().stream().sorted((a, b) -> a.endpoint().compareTo(b.endpoint())).toList(),
                subscriber.status(), subscriber.unattributedMessages());
    }

    @Override
    public void close() {
        subscriber.close();
    }

    @Override
    public String toString() {
        return TYPE + "{name=" + name + ", blockSize=" + settings.blockSize() + ", table=" + settings.blockTable()
                + ", endpoints=" + List.copyOf(index.status()).size() + '}';
    }
}
