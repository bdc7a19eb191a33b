package dev.sextant.cli;

import dev.sextant.api.endpoint.Endpoint;
import dev.sextant.api.endpoint.EndpointId;
import dev.sextant.core.config.CompiledConfig;
import dev.sextant.core.config.ConfigException;
import dev.sextant.core.config.ConfigLoader;
import dev.sextant.core.datalayer.StaticEndpointSource;
import dev.sextant.plugins.precise.PrecisePrefixCacheScorer;
import dev.sextant.core.registry.EnginePluginContext;
import dev.sextant.core.registry.PluginRegistry;
import dev.sextant.gateway.Gateway;
import dev.sextant.gateway.GatewayOptions;
import dev.sextant.simulator.kvevents.KvEventsEndpoint;
import dev.sextant.simulator.server.ReplicaOptions;
import dev.sextant.simulator.server.SimulatedReplicaServer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sextant demo}: simulated vLLM replicas and the gateway in front of them, on this machine,
 * ready for {@code curl} or any OpenAI client. Stops cleanly on Ctrl-C.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Start simulated vLLM replicas on free loopback ports and the gateway in front of them,",
            "then print commands to try. Everything runs in this process; Ctrl-C stops it."
        })
final class DemoCommand implements Callable<Integer> {
    /** The model the simulated replicas serve. */
    static final String MODEL = "meta-llama/Llama-3.1-8B-Instruct";

    @Spec
    CommandSpec spec;

    @Option(names = "--replicas", defaultValue = "4", description = "Simulated replicas (default: ${DEFAULT-VALUE}).")
    int replicas;

    @Option(names = "--http-port", defaultValue = "8080", description = "Gateway port (default: ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--admin-port", defaultValue = "9090", description = "Admin port (default: ${DEFAULT-VALUE}).")
    int adminPort;

    @Option(names = "--config", paramLabel = "FILE", description = "A configuration to try instead of the demo's (precise prefix cache 3, KV cache 2, queue 2).")
    Path config;

    @Option(names = "--time-scale", defaultValue = "1",
            description = "Simulated seconds per real second; 1 feels like a real H100 (default: ${DEFAULT-VALUE}).")
    double timeScale;

    @Option(names = "--pd", description = {"Prefill/decode disaggregation: 2 prefill and 2 decode replicas, a routing",
        "sidecar in front of each decode replica, and the gateway with examples/pd.yaml."})
    boolean pd;

    @Option(names = "--log-level", defaultValue = "WARNING", description = "Gateway log level (default: ${DEFAULT-VALUE}).")
    String logLevel;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (replicas < 1 || replicas > 64) {
            err.println("sextant demo: --replicas: " + replicas + " (expected: 1..64)");
            return ExitCodes.INVALID_INPUT;
        }
        Logging.configure(java.util.logging.Level.parse(logLevel.toUpperCase(java.util.Locale.ROOT)));
        CompiledConfig compiled;
        int kvEventsPort = DemoConfig.freeLoopbackPort();
        try {
            ConfigLoader loader = new ConfigLoader(PluginRegistry.withBuiltinsAndServiceLoader(),
                    EnginePluginContext.production());
            if (config != null) {
                compiled = loader.load(config);
            } else if (pd) {
                compiled = loader.load(PdDemoText.config(), "demo-pd.yaml (examples/pd.yaml)");
            } else {
                compiled = loader.load(DemoConfig.yaml(kvEventsPort), DemoConfig.SOURCE);
            }
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return ExitCodes.INVALID_INPUT;
        }
        ReplicaOptions replicaOptions = ReplicaOptions.builder()
                .model(MODEL)
                .host("127.0.0.1")
                .port(0)
                .timeScale(timeScale)
                // Every replica connects to the one SUB socket the precise prefix scorer binds; the topic
                // (kv@<ip:port>@<model>) tells them apart. The P/D demo's configuration reads no events.
                .kvEvents(KvEventsEndpoint.parse(pd ? "bind:tcp://127.0.0.1:*"
                        : "connect:" + DemoConfig.kvEventsAddress(kvEventsPort)))
                .build();
        if (pd) {
            return runDisaggregated(compiled, replicaOptions, out, err);
        }
        out.println("sextant demo: starting " + replicas + " simulated vLLM replicas of " + MODEL + " ...");
        out.flush();
        List<SimulatedReplicaServer> sims = SimulatedReplicaServer.startGroup(replicas, replicaOptions);
        List<Endpoint> endpoints = new ArrayList<>();
        for (int i = 0; i < sims.size(); i++) {
            endpoints.add(new Endpoint(EndpointId.parse("127.0.0.1:" + sims.get(i).port()), "sim-" + i,
                    Map.of(Endpoint.ENGINE_TYPE_LABEL, "vllm"), Set.of(MODEL)));
        }
        Gateway gateway;
        try {
            gateway = startGateway(compiled, endpoints);
        } catch (RuntimeException e) {
            sims.forEach(SimulatedReplicaServer::close);
            err.println(gatewayFailure(e));
            return ExitCodes.FAILURE;
        }
        List<PrecisePrefixCacheScorer> precise = compiled.pluginsOf(PrecisePrefixCacheScorer.class);
        if (!precise.isEmpty()) {
            Map<EndpointId, java.net.URI> byId = new java.util.LinkedHashMap<>();
            for (int i = 0; i < sims.size(); i++) {
                byId.put(endpoints.get(i).id(), sims.get(i).baseUri());
            }
            if (!new KvEventsWarmup().await(precise, byId, Duration.ofSeconds(30))) {
                err.println("sextant demo: KV events did not arrive from every replica within 30 s;"
                        + " see /debug/prefix");
            }
        }
        printWelcome(out, gateway, sims);
        ServeCommand.awaitShutdown(() -> {
            gateway.close();
            sims.forEach(SimulatedReplicaServer::close);
            out.println("sextant demo: stopped");
            out.flush();
        });
        return ExitCodes.OK;
    }

    private Integer runDisaggregated(CompiledConfig compiled, ReplicaOptions replicaOptions, PrintWriter out,
            PrintWriter err) throws InterruptedException {
        out.println("sextant demo --pd: starting 2 prefill and 2 decode simulated replicas of " + MODEL
                + ", a routing sidecar per decode replica ...");
        out.flush();
        PdDemoCluster cluster = PdDemoCluster.start(2, 2, replicaOptions);
        Gateway gateway;
        try {
            gateway = startGateway(compiled, cluster.endpoints(MODEL));
        } catch (RuntimeException e) {
            cluster.close();
            err.println(gatewayFailure(e));
            return ExitCodes.FAILURE;
        }
        PdDemoText.printWelcome(out, "http://127.0.0.1:" + gateway.httpPort(), gateway.adminPort(), cluster, MODEL);
        ServeCommand.awaitShutdown(() -> {
            gateway.close();
            cluster.close();
            out.println("sextant demo: stopped");
            out.flush();
        });
        return ExitCodes.OK;
    }

    private Gateway startGateway(CompiledConfig compiled, List<Endpoint> endpoints) {
        return Gateway.start(compiled, new StaticEndpointSource(endpoints), GatewayOptions.builder()
                .httpPort(httpPort).adminPort(adminPort).bindAddress("127.0.0.1").exposeEndpointHeader(true)
                .poolName("demo").shutdownGrace(Duration.ofSeconds(2)).build());
    }

    private String gatewayFailure(RuntimeException e) {
        return "sextant demo: the gateway could not start: " + e.getMessage()
                + " (is port " + httpPort + " or " + adminPort + " in use? try --http-port and --admin-port)";
    }

    private void printWelcome(PrintWriter out, Gateway gateway, List<SimulatedReplicaServer> sims) {
        String base = "http://127.0.0.1:" + gateway.httpPort();
        out.println();
        for (int i = 0; i < sims.size(); i++) {
            out.println("  replica sim-" + i + ": " + sims.get(i).baseUri());
        }
        out.println("  gateway:      " + base + "/v1   (OpenAI-compatible)");
        out.println("  admin:        http://127.0.0.1:" + gateway.adminPort() + "   (/metrics, /debug/endpoints, /debug/prefix)");
        out.println();
        out.println("Try it (the x-sextant-endpoint response header names the replica that served):");
        out.println();
        out.println("  curl -si " + base + "/v1/chat/completions -H 'content-type: application/json' \\");
        out.println("    -d '{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello!\"}],\"max_tokens\":32}'");
        out.println();
        out.println("  curl -sN " + base + "/v1/chat/completions -H 'content-type: application/json' \\");
        out.println("    -d '{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Tell me a story\"}],"
                + "\"stream\":true,\"stream_options\":{\"include_usage\":true}}'");
        out.println();
        out.println("  curl -s " + base + "/v1/models");
        out.println("  curl -s http://127.0.0.1:" + gateway.adminPort() + "/debug/endpoints");
        out.println("  curl -s http://127.0.0.1:" + gateway.adminPort() + "/debug/prefix   (the precise prefix index)");
        out.println();
        out.println("Ctrl-C stops everything.");
        out.flush();
    }
}
