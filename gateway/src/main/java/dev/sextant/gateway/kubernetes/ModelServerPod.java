package dev.sextant.gateway.kubernetes;

import dev.sextant.api.endpoint.Endpoint;
import dev.sextant.api.endpoint.EndpointId;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What discovery needs to know of one pod, read defensively: a pod with a malformed annotation or
 * no usable IP is described by {@link #problems}, never an exception.
 *
 * @param name the pod's name
 * @param ip its IP address, or null when it has none (yet)
 * @param serving whether it should get traffic: Ready, not terminating, with an IP
 * @param labels its labels, which become the endpoints' labels (role, engine type)
 * @param activePorts which target ports it serves
 * @param problems what was wrong with the pod, for the log; empty when nothing was
 */
record ModelServerPod(String name, String ip, boolean serving, Map<String, String> labels, ActivePorts activePorts,
        List<String> problems) {
    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    ModelServerPod {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(activePorts, "activePorts");
        labels = Map.copyOf(labels);
        problems = List.copyOf(problems);
    }

    /** Reads {@code pod}; never throws for a pod the API server could have returned. */
    static ModelServerPod of(Pod pod) {
        ObjectMeta meta = pod.getMetadata() == null ? new ObjectMeta() : pod.getMetadata();
        List<String> problems = new ArrayList<>();
        Map<String, String> labels = meta.getLabels() == null ? Map.of() : meta.getLabels();
        Map<String, String> annotations = meta.getAnnotations() == null ? Map.of() : meta.getAnnotations();
        ActivePorts ports = ActivePorts.parse(annotations.get(ActivePorts.ANNOTATION), problems::add);
        boolean terminating = meta.getDeletionTimestamp() != null;
        PodStatus status = pod.getStatus();
        boolean ready = status != null && isReady(status.getConditions());
        String ip = status == null ? null : status.getPodIP();
        if (ip != null && !isIpAddress(ip)) {
            problems.add("status.podIP: \"" + ip + "\" (expected: an IP address)");
            ip = null;
        } else if (ip == null && ready && !terminating) {
            problems.add("status.podIP: missing on a Ready pod (expected: an IP address)");
        }
        return new ModelServerPod(meta.getName() == null ? "" : meta.getName(), ip, ready && !terminating && ip != null,
                labels, ports, problems);
    }

    /**
     * The pod's endpoints: one per target port it serves, named {@code <pod>-rank-<i>} where i is the
     * port's index in {@code targetPorts}; none when it is not serving.
     */
    List<Endpoint> endpoints(List<Integer> targetPorts) {
        if (!serving) {
            return List.of();
        }
        List<Endpoint> out = new ArrayList<>(targetPorts.size());
        for (int rank = 0; rank < targetPorts.size(); rank++) {
            int port = targetPorts.get(rank);
            if (activePorts.includes(port)) {
                out.add(new Endpoint(new EndpointId(ip, port), name + "-rank-" + rank, labels, Set.of()));
            }
        }
        return out;
    }

    private static boolean isReady(List<PodCondition> conditions) {
        if (conditions == null) {
            return false;
        }
        for (PodCondition c : conditions) {
            if (c != null && "Ready".equals(c.getType())) {
                return "True".equals(c.getStatus());
            }
        }
        return false;
    }

    private static boolean isIpAddress(String text) {
        return IPV4.matcher(text).matches() || (text.indexOf(':') >= 0 && IPV6.matcher(text).matches());
    }
}
