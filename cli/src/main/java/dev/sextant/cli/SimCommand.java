package dev.sextant.cli;

import dev.sextant.api.plugin.GoDuration;
import dev.sextant.simulator.engine.EngineProfile;
import dev.sextant.simulator.kvevents.KvEventsEndpoint;
import dev.sextant.simulator.server.ReplicaOptions;
import dev.sextant.simulator.server.Role;
import dev.sextant.simulator.server.SimulatedReplicaServer;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sextant sim}: serves simulated vLLM replicas until interrupted (Ctrl-C or SIGTERM).
 */
@Command(name = "sim", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Serve simulated vLLM replicas: the OpenAI API, /metrics, KV events, LoRA and P/D roles,"
                    + " timed by a model of a real GPU. Runs until Ctrl-C or SIGTERM.",
            "See docs/simulator.md for the model, its constants and its limits."
        })
final class SimCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "8000", description = "HTTP port of the first replica (0: any free port). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (0.0.0.0 in a pod). Default: ${DEFAULT-VALUE}.")
    String host;

    @Option(names = "--model", defaultValue = "sim-model", description = "Served model name. Default: ${DEFAULT-VALUE}.")
    String model;

    @Option(names = "--replicas", defaultValue = "1", description = "Independent replicas on consecutive ports. Default: ${DEFAULT-VALUE}.")
    int replicas;

    @Option(names = "--profile", defaultValue = "llama-8b-h100", description = "Hardware/model profile: llama-8b-h100, llama-8b-a100. Default: ${DEFAULT-VALUE}.")
    String profile;

    @Option(names = "--beta", paramLabel = "B0_MS,B1_US,B2_US", description = "Custom step cost: fixed ms, µs per prefill token, µs per decode token.")
    String beta;

    @Option(names = "--num-gpu-blocks", description = "KV-cache capacity in blocks (default: the profile's).")
    Integer numGpuBlocks;

    @Option(names = "--block-size", description = "Tokens per KV block (default: the profile's, 16).")
    Integer blockSize;

    @Option(names = "--max-num-seqs", description = "Most requests in the running batch (default: 256).")
    Integer maxNumSeqs;

    @Option(names = "--max-num-batched-tokens", description = "Token budget of one step (default: 8192).")
    Integer maxNumBatchedTokens;

    @Option(names = "--max-model-len", description = "Most tokens of one request (default: 32768).")
    Integer maxModelLen;

    @Option(names = "--lora-modules", split = ",", paramLabel = "NAME=PATH", description = "Adapters known at start.")
    Map<String, String> loraModules = new java.util.LinkedHashMap<>();

    @Option(names = "--max-loras", defaultValue = "1", description = "LoRA adapter slots. Default: ${DEFAULT-VALUE}.")
    int maxLoras;

    @Option(names = "--kv-events", paramLabel = "bind:tcp://*:PORT|connect:tcp://HOST:PORT", description = "Publish KV events over ZeroMQ.")
    String kvEvents;

    @Option(names = "--role", defaultValue = "both", description = "P/D role: prefill, decode or both. Default: ${DEFAULT-VALUE}.")
    String role;

    @Option(names = "--time-scale", defaultValue = "1", description = "Simulated seconds per real second. Default: ${DEFAULT-VALUE}.")
    double timeScale;

    @Option(names = "--instant", description = "No simulated delay at all (for measuring a proxy's own overhead).")
    boolean instant;

    @Option(names = "--failure-rate", defaultValue = "0", description = "Fraction of inference requests answered 429/500/503. Default: ${DEFAULT-VALUE}.")
    double failureRate;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of lengths, text, failures and block hashes. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--startup-delay", defaultValue = "0s", description = "Answer 503 for this long after start (Go duration). Default: ${DEFAULT-VALUE}.")
    String startupDelay;

    @Option(names = "--hang", description = "Accept inference requests and never answer (chaos tests).")
    boolean hang;

    @Option(names = "--tokenizer", defaultValue = "cl100k_base", description = "jtokkit encoding (cl100k_base, o200k_base, ...) or a local tokenizer.json. Default: ${DEFAULT-VALUE}.")
    String tokenizer;

    @Option(names = "--output-length", defaultValue = "16-256", description = "Generated tokens without ignore_eos: N or MIN-MAX, capped by max_tokens. Default: ${DEFAULT-VALUE}.")
    String outputLength;

    @Option(names = "--echo", description = "Generate the prompt's tokens again instead of seeded words.")
    boolean echo;

    /** Counted down to stop the command; tests use it, a shutdown hook uses it for SIGTERM. */
    final CountDownLatch stop = new CountDownLatch(1);

    @Override
    public Integer call() {
        ReplicaOptions options;
        try {
            options = options();
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("sextant sim: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return ExitCodes.INVALID_INPUT;
        }
        PrintWriter out = spec.commandLine().getOut();
        List<SimulatedReplicaServer> servers = SimulatedReplicaServer.startGroup(replicas, options);
        CountDownLatch closed = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                closed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "sextant-sim-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            for (SimulatedReplicaServer s : servers) {
                out.println("sextant sim: replica model=" + options.model() + " url=" + s.baseUri()
                        + s.kvEventsEndpoint().map(e -> " kv-events=" + e + " topic=" + s.kvEventsTopic()).orElse(""));
            }
            out.println("sextant sim: " + servers.size() + " replica(s) ready; Ctrl-C to stop");
            out.flush();
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            servers.forEach(SimulatedReplicaServer::close);
            closed.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // The JVM is already shutting down (SIGTERM): the hook is running and waits for us.
            }
            out.println("sextant sim: stopped");
            out.flush();
        }
        return ExitCodes.OK;
    }

    /** The options the flags describe; {@link IllegalArgumentException} names the first bad flag. */
    ReplicaOptions options() {
        EngineProfile p = EngineProfile.named(profile).orElseThrow(() -> new IllegalArgumentException(
                "--profile: '" + profile + "' (expected: llama-8b-h100 or llama-8b-a100)"));
        if (beta != null) {
            String[] parts = beta.split(",");
            if (parts.length != 3) {
                throw new IllegalArgumentException("--beta: '" + beta + "' (expected: B0_MS,B1_US,B2_US)");
            }
            try {
                p = p.withStepCost(Math.round(Double.parseDouble(parts[0].trim()) * 1e6),
                        Double.parseDouble(parts[1].trim()) * 1e3, Double.parseDouble(parts[2].trim()) * 1e3);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--beta: '" + beta + "' (expected: three numbers B0_MS,B1_US,B2_US)",
                        e);
            }
        }
        if (numGpuBlocks != null) {
            p = p.withNumGpuBlocks(numGpuBlocks);
        }
        if (blockSize != null) {
            p = p.withBlockSize(blockSize);
        }
        if (maxNumSeqs != null || maxNumBatchedTokens != null || maxModelLen != null) {
            p = p.withLimits(maxNumSeqs != null ? maxNumSeqs : p.maxNumSeqs(),
                    maxNumBatchedTokens != null ? maxNumBatchedTokens : p.maxNumBatchedTokens(),
                    maxModelLen != null ? maxModelLen : p.maxModelLen());
        }
        if (replicas < 1) {
            throw new IllegalArgumentException("--replicas: " + replicas + " (expected: >= 1)");
        }
        Duration delay = GoDuration.parse(startupDelay).orElseThrow(() -> new IllegalArgumentException(
                "--startup-delay: '" + startupDelay + "' (expected: a duration such as 5s)"));
        ReplicaOptions.Builder b = ReplicaOptions.builder()
                .model(model).host(host).port(port).profile(p).maxLoras(maxLoras)
                .kvEvents(kvEvents == null ? null : KvEventsEndpoint.parse(kvEvents))
                .role(Role.parse(role)).timeScale(timeScale).instant(instant).failureRate(failureRate)
                .seed(seed).startupDelay(delay).hang(hang).tokenizer(tokenizer).outputLength(outputLength)
                .echo(echo);
        loraModules.forEach(b::loraModule);
        return b.build();
    }
}
