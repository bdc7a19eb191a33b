package dev.sextant.api.endpoint;

import java.util.Set;

/**
 * Which LoRA adapters a replica is running or waiting to load (vLLM's {@code vllm:lora_requests_info}).
 *
 * @param running adapters currently loaded and serving requests
 * @param waiting adapters that requests are waiting for
 * @param maxActive the replica's adapter slots ({@code max_lora}); 0 when unknown or LoRA is off
 */
public record LoraState(Set<String> running, Set<String> waiting, int maxActive) {

    /** No adapters and no slots. */
    public static final LoraState NONE = new LoraState(Set.of(), Set.of(), 0);

    public LoraState {
        running = Set.copyOf(running);
        waiting = Set.copyOf(waiting);
        if (maxActive < 0) {
            throw new IllegalArgumentException("maxActive: " + maxActive + " (expected: >= 0)");
        }
    }

    /** Whether a new adapter could be loaded without evicting one: used slots are below the maximum. */
    public boolean hasFreeSlot() {
        return running.size() + waiting.size() < maxActive;
    }
}
