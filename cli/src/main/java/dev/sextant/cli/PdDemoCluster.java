package dev.sextant.cli;

import dev.sextant.api.endpoint.Endpoint;
import dev.sextant.api.endpoint.EndpointId;
import dev.sextant.sidecar.PrefillTargets;
import dev.sextant.sidecar.RoutingSidecar;
import dev.sextant.sidecar.SidecarOptions;
import dev.sextant.simulator.server.ReplicaOptions;
import dev.sextant.simulator.server.Role;
import dev.sextant.simulator.server.SimulatedReplicaServer;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The replicas of {@code sextant demo --pd}: simulated prefill replicas, simulated decode replicas,
 * and a routing sidecar in front of each decode replica that only contacts the demo's prefill
 * replicas. The gateway sees the prefill replicas and the sidecars, labelled with their roles.
 */
final class PdDemoCluster implements AutoCloseable {
    private final List<SimulatedReplicaServer> prefill;
    private final List<SimulatedReplicaServer> decode;
    private final List<RoutingSidecar> sidecars;

    private PdDemoCluster(List<SimulatedReplicaServer> prefill, List<SimulatedReplicaServer> decode,
            List<RoutingSidecar> sidecars) {
        this.prefill = prefill;
        this.decode = decode;
        this.sidecars = sidecars;
    }

    /** Starts {@code prefillCount} prefill and {@code decodeCount} decode replicas with their sidecars. */
    static PdDemoCluster start(int prefillCount, int decodeCount, ReplicaOptions base) {
        List<SimulatedReplicaServer> prefill = new ArrayList<>();
        List<SimulatedReplicaServer> decode = new ArrayList<>();
        List<RoutingSidecar> sidecars = new ArrayList<>();
        PdDemoCluster cluster = new PdDemoCluster(prefill, decode, sidecars);
        try {
            prefill.addAll(SimulatedReplicaServer.startGroup(prefillCount,
                    base.toBuilder().role(Role.PREFILL).seed(base.seed()).build()));
            decode.addAll(SimulatedReplicaServer.startGroup(decodeCount,
                    base.toBuilder().role(Role.DECODE).seed(base.seed() + 1000).build()));
            PrefillTargets allowed = PrefillTargets.only(prefill.stream().map(PdDemoCluster::hostPort).toList());
            for (SimulatedReplicaServer d : decode) {
                sidecars.add(RoutingSidecar.start(SidecarOptions.of(0, URI.create("http://" + hostPort(d)), allowed)));
            }
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** What the gateway routes to: prefill replicas and decode sidecars, with role labels and names. */
    List<Endpoint> endpoints(String model) {
        List<Endpoint> out = new ArrayList<>();
        names().forEach((hostPort, name) -> out.add(new Endpoint(EndpointId.parse(hostPort), name,
                Map.of(Endpoint.ROLE_LABEL, name.startsWith("prefill") ? "prefill" : "decode",
                        Endpoint.ENGINE_TYPE_LABEL, "vllm"), Set.of(model))));
        return out;
    }

    /** Every address the gateway knows, with a readable name: prefill-N, decode-N (its sidecar). */
    Map<String, String> names() {
        Map<String, String> names = new LinkedHashMap<>();
        for (int i = 0; i < prefill.size(); i++) {
            names.put(hostPort(prefill.get(i)), "prefill-" + i);
        }
        for (int i = 0; i < sidecars.size(); i++) {
            names.put("127.0.0.1:" + sidecars.get(i).port(), "decode-" + i);
        }
        return names;
    }

    /** Lines describing the replicas, for the demo's welcome text. */
    List<String> describe() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < prefill.size(); i++) {
            lines.add("  prefill-" + i + ": " + prefill.get(i).baseUri() + "   (simulated prefill replica)");
        }
        for (int i = 0; i < decode.size(); i++) {
            lines.add("  decode-" + i + ":  http://127.0.0.1:" + sidecars.get(i).port() + "   (sidecar) -> "
                    + decode.get(i).baseUri() + "   (simulated decode replica)");
        }
        return lines;
    }

    private static String hostPort(SimulatedReplicaServer s) {
        return "127.0.0.1:" + s.port();
    }

    @Override
    public void close() {
        sidecars.forEach(RoutingSidecar::close);
        decode.forEach(SimulatedReplicaServer::close);
        prefill.forEach(SimulatedReplicaServer::close);
    }
}
