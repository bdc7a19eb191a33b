package dev.sextant.api.scheduling;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * The results of the profiles that ran in one scheduling cycle, by profile name, in the order they
 * ran. An immutable map: {@link #with} returns a copy, so the engine can hand the same instance to
 * the profile handler and on into the {@link SchedulingResult} without copying. Thread-safe.
 */
public final class ProfileResults extends AbstractMap<String, ProfileResult> {
    /** No results yet. */
    public static final ProfileResults EMPTY = new ProfileResults(new ProfileResult[0]);

    private final ProfileResult[] results;

    private ProfileResults(ProfileResult[] results) {
        this.results = results;
    }

    /** These results plus {@code result}, replacing an earlier result of the same profile. */
    public ProfileResults with(ProfileResult result) {
        Objects.requireNonNull(result, "result");
        for (int i = 0; i < results.length; i++) {
            if (results[i].profile().equals(result.profile())) {
                ProfileResult[] copy = results.clone();
                copy[i] = result;
                return new ProfileResults(copy);
            }
        }
        ProfileResult[] copy = Arrays.copyOf(results, results.length + 1);
        copy[results.length] = result;
        return new ProfileResults(copy);
    }

    /** The results in {@code map}, in its iteration order; keys must equal each result's profile. */
    public static ProfileResults copyOf(Map<String, ? extends ProfileResult> map) {
        if (map instanceof ProfileResults results) {
            return results;
        }
        ProfileResults out = EMPTY;
        for (Map.Entry<String, ? extends ProfileResult> e : map.entrySet()) {
            if (!e.getKey().equals(e.getValue().profile())) {
                throw new IllegalArgumentException("profile result under '" + e.getKey() + "' is for profile '"
                        + e.getValue().profile() + "' (expected: the same name)");
            }
            out = out.with(e.getValue());
        }
        return out;
    }

    /** The result at {@code index} in run order (0 = first profile run). */
    public ProfileResult result(int index) {
        return results[index];
    }

    /** The result of {@code profile} if it ran and picked endpoints, else {@code null}. */
    public ProfileResult.Picked picked(String profile) {
        return get(profile) instanceof ProfileResult.Picked p ? p : null;
    }

    @Override
    public int size() {
        return results.length;
    }

    @Override
    public ProfileResult get(Object profile) {
        for (ProfileResult r : results) {
            if (r.profile().equals(profile)) {
                return r;
            }
        }
        return null;
    }

    @Override
    public boolean containsKey(Object profile) {
        return get(profile) != null;
    }

    @Override
    public Set<Entry<String, ProfileResult>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, ProfileResult>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < results.length;
                    }

                    @Override
                    public Entry<String, ProfileResult> next() {
                        if (next >= results.length) {
                            throw new NoSuchElementException();
                        }
                        ProfileResult r = results[next++];
                        return new SimpleImmutableEntry<>(r.profile(), r);
                    }
                };
            }

            @Override
            public int size() {
                return results.length;
            }
        };
    }
}
