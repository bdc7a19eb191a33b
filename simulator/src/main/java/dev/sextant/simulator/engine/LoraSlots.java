package dev.sextant.simulator.engine;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The adapter slots of one replica ({@code max_loras}): which adapters are loaded, how many running
 * requests use each, and which idle adapter to unload first (least recently used).
 *
 * <p>Not thread-safe: owned by one {@link ReplicaEngine}.
 */
final class LoraSlots {
    private final int maxLoras;
    /** Resident adapter → running requests using it; access order gives the LRU. */
    private final LinkedHashMap<String, int[]> resident = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<String, Integer> ids = new HashMap<>();
    private long loads;

    LoraSlots(int maxLoras) {
        this.maxLoras = maxLoras;
    }

    int maxLoras() {
        return maxLoras;
    }

    int residentCount() {
        return resident.size();
    }

    long loads() {
        return loads;
    }

    boolean isResident(String adapter) {
        return resident.containsKey(adapter);
    }

    /** Whether {@link #load} would succeed: a free slot, or an idle adapter to unload. */
    boolean canLoad(String adapter) {
        if (resident.containsKey(adapter) || resident.size() < maxLoras) {
            return maxLoras > 0;
        }
        for (int[] users : resident.values()) {
            if (users[0] == 0) {
                return true;
            }
        }
        return false;
    }

    /** Loads an adapter, unloading the least recently used idle one when the slots are full. */
    void load(String adapter) {
        if (resident.containsKey(adapter)) {
            return;
        }
        if (resident.size() >= maxLoras) {
            Iterator<int[]> it = resident.values().iterator();
            boolean unloaded = false;
            while (it.hasNext()) {
                if (it.next()[0] == 0) {
                    it.remove();
                    unloaded = true;
                    break;
                }
            }
            if (!unloaded) {
                throw new IllegalStateException("no idle adapter slot for " + adapter);
            }
        }
        resident.put(adapter, new int[1]);
        loads++;
    }

    /** A running request starts using a resident adapter. */
    void use(String adapter) {
        resident.get(adapter)[0]++;
    }

    /** A running request stops using an adapter. */
    void release(String adapter) {
        int[] users = resident.get(adapter);
        if (users != null && users[0] > 0) {
            users[0]--;
        }
    }

    /** The numeric id of an adapter (vLLM's {@code lora_int_id}), stable for the replica's life, from 1. */
    int idOf(String adapter) {
        return ids.computeIfAbsent(adapter, a -> ids.size() + 1);
    }
}
