package dev.sextant.simulator.server;

import static java.util.Objects.requireNonNull;

import dev.sextant.api.time.Clock;
import dev.sextant.simulator.engine.EngineProfile;
import dev.sextant.simulator.kvevents.KvEventsEndpoint;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything that configures one simulated replica server; every {@code sextant sim} flag has a
 * field here. Build with {@link #builder()}.
 *
 * @param model the served model name ({@code --model})
 * @param host the address to listen on
 * @param port the HTTP port; 0 picks a free one
 * @param profile hardware and model constants ({@code --profile} and overrides)
 * @param maxLoras adapter slots ({@code --max-loras}), &ge; 0
 * @param loraModules adapters known at start, name → path ({@code --lora-modules a=path,...})
 * @param kvEvents where to publish KV events; null for none
 * @param role prefill/decode role
 * @param timeScale simulated seconds per wall-clock second, &gt; 0 ({@code --time-scale})
 * @param instant answer with no simulated delay at all (the engine runs in virtual time that jumps)
 * @param failureRate fraction of inference requests answered with an injected error, 0..1
 * @param seed seed of output lengths, generated text, failures and block hashes
 * @param startupDelay how long the replica answers 503 (unhealthy) after it started listening
 * @param hang accept inference requests but never answer them (for chaos tests)
 * @param tokenizer a jtokkit encoding name ({@code cl100k_base}, {@code o200k_base}, ...) or the path
 *     of a local {@code tokenizer.json}
 * @param outputLength generated length when {@code ignore_eos} is not set (capped by {@code max_tokens})
 * @param echo generate the prompt's tokens again instead of seeded text
 * @param maxWaiting most requests waiting in the engine before new ones get 503, &gt; 0
 * @param clock the wall clock (tests may inject a manual one together with {@code instant})
 */
public record ReplicaOptions(
        String model,
        String host,
        int port,
        EngineProfile profile,
        int maxLoras,
        Map<String, String> loraModules,
        KvEventsEndpoint kvEvents,
        Role role,
        double timeScale,
        boolean instant,
        double failureRate,
        long seed,
        Duration startupDelay,
        boolean hang,
        String tokenizer,
        OutputLength outputLength,
        boolean echo,
        int maxWaiting,
        Clock clock) {

    public ReplicaOptions {
        requireNonNull(model, "model");
        requireNonNull(host, "host");
        requireNonNull(profile, "profile");
        requireNonNull(role, "role");
        requireNonNull(startupDelay, "startupDelay");
        requireNonNull(tokenizer, "tokenizer");
        requireNonNull(outputLength, "outputLength");
        requireNonNull(clock, "clock");
        loraModules = Map.copyOf(requireNonNull(loraModules, "loraModules"));
        if (model.isBlank()) {
            throw new IllegalArgumentException("model: blank (expected: a model name)");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 0..65535)");
        }
        if (maxLoras < 0) {
            throw new IllegalArgumentException("maxLoras: " + maxLoras + " (expected: >= 0)");
        }
        for (String adapter : loraModules.keySet()) {
            if (adapter.isBlank() || adapter.equals(model)) {
                throw new IllegalArgumentException("loraModules: '" + adapter
                        + "' (expected: a non-blank name other than the base model)");
            }
        }
        if (!loraModules.isEmpty() && maxLoras == 0) {
            throw new IllegalArgumentException("maxLoras: 0 (expected: > 0 when LoRA modules are given)");
        }
        if (!(timeScale > 0) || Double.isInfinite(timeScale)) {
            throw new IllegalArgumentException("timeScale: " + timeScale + " (expected: > 0)");
        }
        if (!(failureRate >= 0 && failureRate <= 1)) {
            throw new IllegalArgumentException("failureRate: " + failureRate + " (expected: 0..1)");
        }
        if (startupDelay.isNegative()) {
            throw new IllegalArgumentException("startupDelay: " + startupDelay + " (expected: >= 0)");
        }
        if (maxWaiting <= 0) {
            throw new IllegalArgumentException("maxWaiting: " + maxWaiting + " (expected: > 0)");
        }
    }

    /** Defaults: model {@code sim-model} on a free loopback port, {@code llama-8b-h100}, real time. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Options field by field. Not thread-safe. */
    public static final class Builder {
        private String model = "sim-model";
        private String host = "127.0.0.1";
        private int port;
        private EngineProfile profile = EngineProfile.LLAMA_8B_H100;
        private int maxLoras = 1;
        private Map<String, String> loraModules = new LinkedHashMap<>();
        private KvEventsEndpoint kvEvents;
        private Role role = Role.BOTH;
        private double timeScale = 1.0;
        private boolean instant;
        private double failureRate;
        private long seed;
        private Duration startupDelay = Duration.ZERO;
        private boolean hang;
        private String tokenizer = "cl100k_base";
        private OutputLength outputLength = new OutputLength.Uniform(16, 256);
        private boolean echo;
        private int maxWaiting = 10_000;
        private Clock clock = Clock.system();

        private Builder() {}

        private Builder(ReplicaOptions o) {
            model = o.model;
            host = o.host;
            port = o.port;
            profile = o.profile;
            maxLoras = o.maxLoras;
            loraModules = new LinkedHashMap<>(o.loraModules);
            kvEvents = o.kvEvents;
            role = o.role;
            timeScale = o.timeScale;
            instant = o.instant;
            failureRate = o.failureRate;
            seed = o.seed;
            startupDelay = o.startupDelay;
            hang = o.hang;
            tokenizer = o.tokenizer;
            outputLength = o.outputLength;
            echo = o.echo;
            maxWaiting = o.maxWaiting;
            clock = o.clock;
        }

        /** See {@link ReplicaOptions#model()}. */
        public Builder model(String value) {
            model = value;
            return this;
        }

        /** See {@link ReplicaOptions#host()}. */
        public Builder host(String value) {
            host = value;
            return this;
        }

        /** See {@link ReplicaOptions#port()}. */
        public Builder port(int value) {
            port = value;
            return this;
        }

        /** See {@link ReplicaOptions#profile()}. */
        public Builder profile(EngineProfile value) {
            profile = value;
            return this;
        }

        /** See {@link ReplicaOptions#maxLoras()}. */
        public Builder maxLoras(int value) {
            maxLoras = value;
            return this;
        }

        /** Adds an adapter known at start. */
        public Builder loraModule(String name, String path) {
            loraModules.put(requireNonNull(name, "name"), requireNonNull(path, "path"));
            return this;
        }

        /** See {@link ReplicaOptions#kvEvents()}; null for none. */
        public Builder kvEvents(KvEventsEndpoint value) {
            kvEvents = value;
            return this;
        }

        /** See {@link ReplicaOptions#role()}. */
        public Builder role(Role value) {
            role = value;
            return this;
        }

        /** See {@link ReplicaOptions#timeScale()}. */
        public Builder timeScale(double value) {
            timeScale = value;
            return this;
        }

        /** See {@link ReplicaOptions#instant()}. */
        public Builder instant(boolean value) {
            instant = value;
            return this;
        }

        /** See {@link ReplicaOptions#failureRate()}. */
        public Builder failureRate(double value) {
            failureRate = value;
            return this;
        }

        /** See {@link ReplicaOptions#seed()}. */
        public Builder seed(long value) {
            seed = value;
            return this;
        }

        /** See {@link ReplicaOptions#startupDelay()}. */
        public Builder startupDelay(Duration value) {
            startupDelay = value;
            return this;
        }

        /** See {@link ReplicaOptions#hang()}. */
        public Builder hang(boolean value) {
            hang = value;
            return this;
        }

        /** See {@link ReplicaOptions#tokenizer()}. */
        public Builder tokenizer(String value) {
            tokenizer = value;
            return this;
        }

        /** See {@link ReplicaOptions#outputLength()}. */
        public Builder outputLength(OutputLength value) {
            outputLength = value;
            return this;
        }

        /** See {@link ReplicaOptions#outputLength()}: {@code N} or {@code MIN-MAX}. */
        public Builder outputLength(String spec) {
            outputLength = OutputLength.parse(spec);
            return this;
        }

        /** See {@link ReplicaOptions#echo()}. */
        public Builder echo(boolean value) {
            echo = value;
            return this;
        }

        /** See {@link ReplicaOptions#maxWaiting()}. */
        public Builder maxWaiting(int value) {
            maxWaiting = value;
            return this;
        }

        /** See {@link ReplicaOptions#clock()}. */
        public Builder clock(Clock value) {
            clock = value;
            return this;
        }

        /** The options; throws {@link IllegalArgumentException} naming the first invalid field. */
        public ReplicaOptions build() {
            return new ReplicaOptions(model, host, port, profile, maxLoras, loraModules, kvEvents, role, timeScale,
                    instant, failureRate, seed, startupDelay, hang, tokenizer, outputLength, echo, maxWaiting, clock);
        }
    }
}
