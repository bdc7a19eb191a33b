package dev.sextant.gateway.kubernetes;

import java.util.Objects;

/** What Kubernetes discovery watches: an InferencePool, or pods chosen by a fixed selector. */
public sealed interface DiscoveryTarget {

    /** The namespace of the pool and its pods. */
    String namespace();

    /**
     * The InferencePool {@code namespace/name}, and the pods its selector matches.
     *
     * @param namespace the pool's namespace
     * @param name the pool's name
     */
    record Pool(String namespace, String name) implements DiscoveryTarget {
        public Pool {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(name, "name");
            if (name.isBlank() || namespace.isBlank()) {
                throw new IllegalArgumentException("pool: \"" + namespace + "/" + name
                        + "\" (expected: a namespace and a name)");
            }
        }

        @Override
        public String toString() {
            return "InferencePool " + namespace + "/" + name;
        }
    }

    /**
     * Pods in {@code namespace} matching {@code selection}, without a pool (GIE's standalone mode).
     *
     * @param namespace where the pods are
     * @param selection their labels and ports
     */
    record Selector(String namespace, PodSelection selection) implements DiscoveryTarget {
        public Selector {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(selection, "selection");
            if (namespace.isBlank()) {
                throw new IllegalArgumentException("namespace: blank (expected: a namespace)");
            }
        }

        @Override
        public String toString() {
            return "pods in " + namespace + " matching " + selection;
        }
    }
}
