package dev.sextant.gateway.kubernetes;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which pods are model servers and on which ports: an InferencePool's {@code selector.matchLabels}
 * and {@code targetPorts}, or the same given on the command line ({@code --endpoint-selector},
 * {@code --endpoint-target-ports}).
 *
 * @param matchLabels labels a pod must all carry, at least one
 * @param targetPorts 1 to 8 distinct ports; an endpoint's rank is its port's index here
 */
public record PodSelection(Map<String, String> matchLabels, List<Integer> targetPorts) {
    /** The most ports an InferencePool allows. */
    public static final int MAX_TARGET_PORTS = 8;

    // Kubernetes label syntax: an optional DNS-subdomain prefix and a name of at most 63 characters.
    private static final Pattern LABEL_NAME = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");
    private static final Pattern LABEL_PREFIX = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");
    private static final Pattern LABEL_VALUE = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?");

    public PodSelection {
        Objects.requireNonNull(matchLabels, "matchLabels");
        Objects.requireNonNull(targetPorts, "targetPorts");
        if (matchLabels.isEmpty()) {
            throw new IllegalArgumentException("matchLabels: empty (expected: at least one label)");
        }
        matchLabels.forEach(PodSelection::checkLabel);
        if (targetPorts.isEmpty() || targetPorts.size() > MAX_TARGET_PORTS) {
            throw new IllegalArgumentException("targetPorts: " + targetPorts.size() + " entries (expected: 1.."
                    + MAX_TARGET_PORTS + ")");
        }
        Set<Integer> seen = new HashSet<>();
        for (Integer port : targetPorts) {
            if (port == null || port < 1 || port > 65_535) {
                throw new IllegalArgumentException("targetPorts: " + port + " (expected: 1..65535)");
            }
            if (!seen.add(port)) {
                throw new IllegalArgumentException("targetPorts: " + port + " twice (expected: distinct ports)");
            }
        }
        matchLabels = Map.copyOf(matchLabels);
        targetPorts = List.copyOf(targetPorts);
    }

    /** Whether a pod with {@code labels} is selected. */
    public boolean matches(Map<String, String> labels) {
        for (Map.Entry<String, String> wanted : matchLabels.entrySet()) {
            if (!wanted.getValue().equals(labels.get(wanted.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Parses {@code key=value[,key=value...]}, GIE's {@code --endpoint-selector} format.
     *
     * @throws IllegalArgumentException naming the entry that is not a label
     */
    public static Map<String, String> parseLabels(String text) {
        Objects.requireNonNull(text, "text");
        Map<String, String> labels = new LinkedHashMap<>();
        for (String pair : text.split(",", -1)) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("\"" + pair + "\" (expected: key=value[,key=value...])");
            }
            String key = pair.substring(0, eq);
            String value = pair.substring(eq + 1);
            checkLabel(key, value);
            if (labels.put(key, value) != null) {
                throw new IllegalArgumentException("\"" + key + "\" twice (expected: each label once)");
            }
        }
        return labels;
    }

    /**
     * Parses {@code port[,port...]}, GIE's {@code --endpoint-target-ports} format.
     *
     * @throws IllegalArgumentException naming the entry that is not a port
     */
    public static List<Integer> parsePorts(String text) {
        Objects.requireNonNull(text, "text");
        List<Integer> ports = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            try {
                ports.add(Integer.parseInt(part.strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("\"" + part + "\" (expected: port[,port...] with ports 1..65535)");
            }
        }
        return ports;
    }

    private static void checkLabel(String key, String value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        int slash = key.indexOf('/');
        String prefix = slash < 0 ? null : key.substring(0, slash);
        String name = slash < 0 ? key : key.substring(slash + 1);
        if ((prefix != null && !LABEL_PREFIX.matcher(prefix).matches()) || !LABEL_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("label key \"" + key + "\" (expected: [prefix/]name, a name of at most 63"
                    + " letters, digits, '-', '_' or '.')");
        }
        if (!LABEL_VALUE.matcher(value).matches()) {
            throw new IllegalArgumentException("label " + key + ": value \"" + value + "\" (expected: at most 63 letters,"
                    + " digits, '-', '_' or '.', starting and ending with a letter or digit)");
        }
    }

    /** {@code app=vllm ports 8000,8200}, for logs. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        new java.util.TreeMap<>(matchLabels).forEach((k, v) -> sb.append(sb.isEmpty() ? "" : ",").append(k).append('=').append(v));
        sb.append(" ports ");
        for (int i = 0; i < targetPorts.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(targetPorts.get(i));
        }
        return sb.toString();
    }
}
