package dev.sextant.plugins.datalayer.metrics;

import dev.sextant.api.endpoint.LoraState;
import dev.sextant.plugins.datalayer.prometheus.Labels;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Reads vLLM's {@code vllm:lora_requests_info} labels: {@code running_lora_adapters} and
 * {@code waiting_lora_adapters} are comma-separated adapter names, {@code max_lora} the number of
 * adapter slots.
 */
final class LoraInfo {
    static final String RUNNING_LABEL = "running_lora_adapters";
    static final String WAITING_LABEL = "waiting_lora_adapters";
    static final String MAX_LABEL = "max_lora";

    private LoraInfo() {}

    /** The state the labels describe, or {@code null} if {@code max_lora} is not a count. */
    static LoraState read(Labels labels) {
        String max = labels.get(MAX_LABEL).orElse("").strip();
        int maxActive = 0;
        if (!max.isEmpty()) {
            maxActive = Counts.parseNonNegativeInt(max);
            if (maxActive < 0) {
                return null;
            }
        }
        return new LoraState(adapters(labels.get(RUNNING_LABEL).orElse("")),
                adapters(labels.get(WAITING_LABEL).orElse("")), maxActive);
    }

    private static Set<String> adapters(String list) {
        if (list.isBlank()) {
            return Set.of();
        }
        Set<String> names = new LinkedHashSet<>();
        for (String name : list.split(",")) {
            String trimmed = name.strip();
            if (!trimmed.isEmpty()) {
                names.add(trimmed);
            }
        }
        return names;
    }
}
