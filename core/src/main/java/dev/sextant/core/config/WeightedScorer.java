package dev.sextant.core.config;

import dev.sextant.api.scheduling.Scorer;
import java.util.Objects;

/**
 * A scorer with its weight in one profile.
 *
 * @param scorer the scorer
 * @param weight its weight, finite and &ge; 0
 */
public record WeightedScorer(Scorer scorer, double weight) {

    public WeightedScorer {
        Objects.requireNonNull(scorer, "scorer");
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("weight: " + weight + " (expected: finite and >= 0)");
        }
    }
}
