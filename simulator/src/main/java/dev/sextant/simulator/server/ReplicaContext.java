package dev.sextant.simulator.server;

import dev.sextant.simulator.engine.OutputTokens;
import dev.sextant.simulator.tokenize.TextTokenizer;
import java.util.Map;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/** What every HTTP exchange of one replica shares. Thread-safe. */
final class ReplicaContext {
    final ReplicaOptions options;
    final EngineDriver driver;
    final TextTokenizer tokenizer;
    final OutputTokens outputTokens;
    final RequestParser parser;
    /** Adapters the replica knows (loaded through the API or at start), name → path. */
    final ConcurrentMap<String, String> adapters;
    final long createdEpochSeconds;
    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong draws = new AtomicLong();
    volatile int port;
    volatile String advertisedHost;

    ReplicaContext(ReplicaOptions options, EngineDriver driver, TextTokenizer tokenizer, OutputTokens outputTokens,
            ConcurrentMap<String, String> adapters) {
        this.options = options;
        this.driver = driver;
        this.tokenizer = tokenizer;
        this.outputTokens = outputTokens;
        this.adapters = adapters;
        this.parser = new RequestParser(options.model(), adapters::containsKey, tokenizer,
                options.profile().maxModelLen());
        this.createdEpochSeconds = options.clock().epochMillis() / 1000;
    }

    String nextId() {
        return Long.toHexString(mix(options.seed() * 31 + ids.incrementAndGet()));
    }

    /** A deterministic stream of random longs from the replica's seed (output lengths, failures). */
    long nextRandom() {
        return mix(options.seed() ^ 0x2545F4914F6CDD1DL + draws.incrementAndGet() * 0x9E3779B97F4A7C15L);
    }

    /** A uniform double in [0, 1). */
    double nextDouble() {
        return (nextRandom() >>> 11) * 0x1.0p-53;
    }

    String engineId() {
        return "sextant-sim-" + advertisedHost + "-" + port;
    }

    Map<String, String> adapterSnapshot() {
        return Map.copyOf(adapters);
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
