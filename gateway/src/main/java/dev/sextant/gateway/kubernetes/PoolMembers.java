package dev.sextant.gateway.kubernetes;

import dev.sextant.api.endpoint.Endpoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The pods discovery has seen and the selection in force, and from them the endpoint set. Pods are
 * kept whether or not they are selected, so a new pool selector applies at once, without a relist.
 *
 * <p>Not thread-safe: its owner serialises access.
 */
final class PoolMembers {
    private static final System.Logger LOG = System.getLogger(PoolMembers.class.getName());

    private final String namespace;
    private final Map<String, ModelServerPod> pods = new TreeMap<>();
    private final Map<String, List<String>> reportedProblems = new HashMap<>();
    private PodSelection selection;

    PoolMembers(String namespace) {
        this.namespace = Objects.requireNonNull(namespace, "namespace");
    }

    /** Uses {@code next} from now on; null means there is no (valid) pool, so no endpoints. */
    void select(PodSelection next) {
        selection = next;
    }

    /** The selection in force, or null. */
    PodSelection selection() {
        return selection;
    }

    /** Adds or replaces a pod. */
    void put(ModelServerPod pod) {
        pods.put(pod.name(), pod);
    }

    /** Forgets a pod. */
    void remove(String podName) {
        pods.remove(podName);
        reportedProblems.remove(podName);
    }

    /**
     * The endpoints of every selected, serving pod, ordered by pod name and rank. Problems of selected
     * pods are logged once each time they change, not on every call.
     */
    List<Endpoint> endpoints() {
        if (selection == null) {
            return List.of();
        }
        List<Endpoint> out = new ArrayList<>();
        for (ModelServerPod pod : pods.values()) {
            if (!selection.matches(pod.labels())) {
                continue;
            }
            reportProblems(pod);
            out.addAll(pod.endpoints(selection.targetPorts()));
        }
        return out;
    }

    private void reportProblems(ModelServerPod pod) {
        List<String> before = reportedProblems.getOrDefault(pod.name(), List.of());
        if (before.equals(pod.problems())) {
            return;
        }
        reportedProblems.put(pod.name(), pod.problems());
        for (String problem : pod.problems()) {
            LOG.log(System.Logger.Level.WARNING, "pod has a problem: namespace={0} pod={1} problem={2}", namespace,
                    pod.name(), problem);
        }
    }
}
