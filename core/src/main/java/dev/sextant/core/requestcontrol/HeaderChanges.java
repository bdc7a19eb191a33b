package dev.sextant.core.requestcontrol;

import dev.sextant.api.requestcontrol.HeaderMutations;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Header changes collected from plugins for one message: names in lower case, the last change to a
 * name wins. Not thread-safe: filled by the hooks of one request, then read by the front.
 */
public final class HeaderChanges implements HeaderMutations {
    private final Map<String, String> set = new HashMap<>();
    private final Set<String> removed = new HashSet<>();

    @Override
    public void set(String name, String value) {
        String lower = name.toLowerCase(Locale.ROOT);
        removed.remove(lower);
        set.put(lower, Objects.requireNonNull(value, "value"));
    }

    @Override
    public void remove(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        set.remove(lower);
        removed.add(lower);
    }

    /** Headers to set, by lower-case name. */
    public Map<String, String> set() {
        return Collections.unmodifiableMap(set);
    }

    /** Lower-case names of headers to remove. */
    public Set<String> removed() {
        return Collections.unmodifiableSet(removed);
    }

    /** Whether no plugin changed anything. */
    public boolean isEmpty() {
        return set.isEmpty() && removed.isEmpty();
    }
}
