package dev.sextant.core.config;

import dev.sextant.api.plugin.Plugin;
import dev.sextant.api.scheduling.Filter;
import dev.sextant.api.scheduling.Picker;
import dev.sextant.api.scheduling.SchedulingProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One compiled scheduling profile: its filters in order, its weighted scorers and its picker.
 * Immutable; this is also the {@link SchedulingProfile} that profile handlers see.
 */
public record ProfileConfig(String name, List<Filter> filters, List<WeightedScorer> scorers, Picker picker)
        implements SchedulingProfile {

    public ProfileConfig {
        Objects.requireNonNull(name, "name");
        filters = List.copyOf(filters);
        scorers = List.copyOf(scorers);
        Objects.requireNonNull(picker, "picker");
    }

    @Override
    public List<String> pluginNames() {
        List<String> names = new ArrayList<>();
        filters.forEach(f -> names.add(f.name()));
        scorers.forEach(s -> names.add(s.scorer().name()));
        names.add(picker.name());
        return names;
    }

    /** Every plugin of the profile, filters first, then scorers, then the picker. */
    public List<Plugin> plugins() {
        List<Plugin> out = new ArrayList<>(filters);
        scorers.forEach(s -> out.add(s.scorer()));
        out.add(picker);
        return out;
    }
}
