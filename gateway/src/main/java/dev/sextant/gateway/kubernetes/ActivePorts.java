package dev.sextant.gateway.kubernetes;

import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Which of a pool's target ports a pod serves, from its {@value #ANNOTATION} annotation: a
 * comma-separated list of port numbers ({@code "8000, 8002"}). Without the annotation every target
 * port is active; an empty annotation means none is. Ports the pool does not target are ignored, as
 * in GIE; entries that are not port numbers are reported and skipped.
 */
sealed interface ActivePorts {
    /** The pod annotation that narrows the ports. */
    String ANNOTATION = "inference.networking.k8s.io/active-ports";

    /** Whether {@code port} is active. */
    boolean includes(int port);

    /** No annotation: every target port. */
    record All() implements ActivePorts {
        @Override
        public boolean includes(int port) {
            return true;
        }
    }

    /** The ports the annotation lists. */
    record Only(Set<Integer> ports) implements ActivePorts {
        public Only {
            ports = Set.copyOf(ports);
        }

        @Override
        public boolean includes(int port) {
            return ports.contains(port);
        }
    }

    /**
     * Reads the annotation's value ({@code null} when absent), reporting each entry that is not a port
     * number to {@code problems}.
     */
    static ActivePorts parse(String annotation, Consumer<String> problems) {
        Objects.requireNonNull(problems, "problems");
        if (annotation == null) {
            return new All();
        }
        Set<Integer> ports = new LinkedHashSet<>();
        if (annotation.isBlank()) {
            return new Only(ports);
        }
        for (String entry : annotation.split(",", -1)) {
            String trimmed = entry.strip();
            int port = -1;
            if (!trimmed.isEmpty() && trimmed.length() <= 5 && trimmed.chars().allMatch(c -> c >= '0' && c <= '9')) {
                port = Integer.parseInt(trimmed);
            }
            if (port < 1 || port > 65_535) {
                problems.accept("annotation " + ANNOTATION + ": entry \"" + trimmed + "\" skipped (expected: a port 1..65535)");
                continue;
            }
            ports.add(port);
        }
        return new Only(ports);
    }
}
