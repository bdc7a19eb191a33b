package dev.sextant.core.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.sextant.api.endpoint.Endpoint;
import dev.sextant.api.endpoint.EndpointId;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses an endpoints file, the way to list model servers without Kubernetes:
 *
 * <pre>{@code
 * endpoints:
 * - address: 10.0.0.7:8000            # required, ip:port
 *   name: vllm-decode-0               # optional, defaults to the address
 *   labels:                           # optional
 *     llm-d.ai/role: decode
 *     inference.networking.k8s.io/engine-type: vllm
 *   models: [meta-llama/Llama-3.1-8B-Instruct, sql-lora]   # optional; absent = any model
 * }</pre>
 *
 * Strict like the configuration: unknown keys and bad values are problems with their YAML path.
 */
public final class EndpointsFileParser {
    private static final ObjectMapper YAML = YAMLMapper.builder(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private EndpointsFileParser() {}

    /**
     * Reads and parses an endpoints file.
     *
     * @throws ConfigException listing every problem
     */
    public static List<Endpoint> parse(Path file) {
        return parse(ConfigParser.read(file), file.toString());
    }

    /**
     * Parses endpoints-file text.
     *
     * @throws ConfigException listing every problem
     */
    public static List<Endpoint> parse(String yaml, String source) {
        List<ConfigProblem> problems = new ArrayList<>();
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            var location = e.getLocation();
            throw new ConfigException(source, List.of(new ConfigProblem(
                    location == null ? "" : "line " + location.getLineNr() + ", column " + location.getColumnNr(),
                    "not valid YAML: " + e.getOriginalMessage())));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new ConfigException(source, List.of(new ConfigProblem("", "empty (expected: endpoints: [...])")));
        }
        StrictReader in = new StrictReader(problems);
        ObjectNode doc = in.object(root, "");
        List<Endpoint> endpoints = new ArrayList<>();
        if (doc != null) {
            in.allowOnly(doc, "", Set.of("endpoints"));
            if (!doc.has("endpoints")) {
                in.problem("endpoints", "missing (expected: a list of endpoints)");
            }
            Map<EndpointId, String> seen = new HashMap<>();
            List<JsonNode> items = in.list(doc, "endpoints", "");
            for (int i = 0; i < items.size(); i++) {
                Endpoint e = endpoint(in, items.get(i), "endpoints[" + i + "]");
                if (e == null) {
                    continue;
                }
                String earlier = seen.putIfAbsent(e.id(), "endpoints[" + i + "]");
                if (earlier != null) {
                    in.problem("endpoints[" + i + "].address", "duplicate address " + e.id() + ", also in " + earlier
                            + " (expected: each ip:port once)");
                } else {
                    endpoints.add(e);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(source, problems);
        }
        return List.copyOf(endpoints);
    }

    private static Endpoint endpoint(StrictReader in, JsonNode node, String where) {
        ObjectNode item = in.object(node, where);
        if (item == null) {
            return null;
        }
        in.allowOnly(item, where, Set.of("address", "name", "labels", "models"));
        String address = in.string(item, "address", where, true);
        String name = in.string(item, "name", where, false);
        Map<String, String> labels = new LinkedHashMap<>();
        JsonNode labelsNode = item.get("labels");
        if (labelsNode != null && !labelsNode.isNull()) {
            ObjectNode l = in.object(labelsNode, where + ".labels");
            if (l != null) {
                Iterator<String> keys = l.fieldNames();
                while (keys.hasNext()) {
                    String key = keys.next();
                    JsonNode value = l.get(key);
                    if (value.isTextual()) {
                        labels.put(key, value.textValue());
                    } else {
                        in.problem(where + ".labels." + key, StrictReader.describe(value) + " (expected: a string)");
                    }
                }
            }
        }
        Set<String> models = new LinkedHashSet<>(in.strings(item, "models", where));
        if (address == null) {
            return null;
        }
        try {
            return new Endpoint(EndpointId.parse(address), name, labels, models);
        } catch (IllegalArgumentException e) {
            in.problem(where + ".address", e.getMessage());
            return null;
        }
    }
}
