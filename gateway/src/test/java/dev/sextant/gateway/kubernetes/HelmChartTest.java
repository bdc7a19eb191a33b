package dev.sextant.gateway.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.sextant.core.config.ConfigLoader;
import dev.sextant.core.registry.EnginePluginContext;
import dev.sextant.core.registry.PluginRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What can be checked of the Helm chart without a helm binary (none can be installed here): the
 * templates are well formed (balanced delimiters and blocks, only defined helpers), every
 * {@code .Values} path they use exists in values.yaml and every value is used, and the default
 * configuration loads. Rendering is not checked; docs/kubernetes.md says so.
 */
class HelmChartTest {
    private static final Path CHART = Path.of("..", "deploy", "helm", "sextant");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern ACTION = Pattern.compile("\\{\\{-?\\s*(.*?)\\s*-?}}", Pattern.DOTALL);
    private static final Pattern VALUES_PATH = Pattern.compile("\\.Values((?:\\.[A-Za-z_][A-Za-z0-9_]*)+)");
    private static final Pattern INCLUDE = Pattern.compile("include \"([^\"]+)\"");
    private static final Pattern DEFINE = Pattern.compile("define \"([^\"]+)\"");

    static Stream<Path> templates() throws IOException {
        try (Stream<Path> files = Files.list(CHART.resolve("templates"))) {
            List<Path> all = files.sorted().toList();
            assertThat(all).isNotEmpty();
            return all.stream();
        }
    }

    private static Map<?, ?> values() throws IOException {
        return YAML.readValue(CHART.resolve("values.yaml").toFile(), Map.class);
    }

    /** The actions of a template, checking that every {{ closes with }} before the next one opens. */
    static List<String> actions(String template, String name) {
        int depth = 0;
        for (int i = 0; i + 1 < template.length(); i++) {
            String two = template.substring(i, i + 2);
            if (two.equals("{{")) {
                assertThat(depth).as(name + ": '{{' inside an action at offset " + i).isZero();
                depth = 1;
                i++;
            } else if (two.equals("}}")) {
                assertThat(depth).as(name + ": '}}' without '{{' at offset " + i).isOne();
                depth = 0;
                i++;
            }
        }
        assertThat(depth).as(name + ": an action is not closed").isZero();
        List<String> out = new ArrayList<>();
        Matcher m = ACTION.matcher(template);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("templates")
    void delimitersAndBlocksAreBalanced(Path template) throws IOException {
        String name = template.getFileName().toString();
        Deque<String> open = new ArrayDeque<>();
        for (String action : actions(Files.readString(template), name)) {
            if (action.startsWith("/*")) {
                continue;
            }
            String keyword = action.split("[\\s(]", 2)[0];
            switch (keyword) {
                case "if", "range", "with", "define" -> open.push(keyword);
                case "else" -> assertThat(open).as(name + ": else outside a block").isNotEmpty();
                case "end" -> {
                    assertThat(open).as(name + ": end without a block").isNotEmpty();
                    open.pop();
                }
                default -> { }
            }
        }
        assertThat(open).as(name + ": blocks left open").isEmpty();
    }

    @Test
    void everyValuesPathUsedExistsAndEveryValueIsUsed() throws IOException {
        Map<?, ?> values = values();
        Set<String> used = new TreeSet<>();
        for (Path template : templates().toList()) {
            Matcher m = VALUES_PATH.matcher(Files.readString(template));
            while (m.find()) {
                used.add(m.group(1).substring(1));
            }
        }
        assertThat(used).isNotEmpty();
        for (String path : used) {
            Object node = values;
            for (String key : path.split("\\.")) {
                assertThat(node).as(".Values." + path + ": " + key + " is below a value that is not a map")
                        .isInstanceOf(Map.class);
                assertThat(((Map<?, ?>) node).containsKey(key)).as(".Values." + path + " in values.yaml").isTrue();
                node = ((Map<?, ?>) node).get(key);
            }
        }
        for (String leaf : leaves(values, "")) {
            assertThat(used.stream().anyMatch(u -> leaf.equals(u) || leaf.startsWith(u + ".")))
                    .as("values.yaml: " + leaf + " is not used by any template").isTrue();
        }
    }

    @Test
    void everyIncludedHelperIsDefined() throws IOException {
        Set<String> defined = new TreeSet<>();
        Set<String> included = new TreeSet<>();
        for (Path template : templates().toList()) {
            String text = Files.readString(template);
            DEFINE.matcher(text).results().forEach(r -> defined.add(r.group(1)));
            INCLUDE.matcher(text).results().forEach(r -> included.add(r.group(1)));
        }
        assertThat(defined).containsAll(included);
    }

    @Test
    void theChartAndItsDefaultConfigurationAreValid() throws IOException {
        Map<?, ?> chart = YAML.readValue(CHART.resolve("Chart.yaml").toFile(), Map.class);
        assertThat(chart.get("apiVersion")).isEqualTo("v2");
        assertThat(chart.get("name")).isEqualTo("sextant");
        assertThat(chart.get("version")).isNotNull();
        Map<?, ?> values = values();
        new ConfigLoader(PluginRegistry.withBuiltinsAndServiceLoader(), EnginePluginContext.production())
                .load((String) values.get("config"), "values.yaml config");
        Map<?, ?> pool = (Map<?, ?>) values.get("inferencePool");
        @SuppressWarnings("unchecked")
        List<Integer> ports = (List<Integer>) pool.get("targetPorts");
        @SuppressWarnings("unchecked")
        Map<String, String> selector = (Map<String, String>) pool.get("modelServerSelector");
        new PodSelection(selector, ports);
    }

    private static List<String> leaves(Map<?, ?> map, String prefix) {
        List<String> out = new ArrayList<>();
        map.forEach((k, v) -> {
            String path = prefix + k;
            if (v instanceof Map<?, ?> child && !child.isEmpty()) {
                out.addAll(leaves(child, path + "."));
            } else {
                out.add(path);
            }
        });
        return out;
    }
}
