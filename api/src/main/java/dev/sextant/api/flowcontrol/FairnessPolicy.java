package dev.sextant.api.flowcontrol;

import dev.sextant.api.plugin.Plugin;
import java.util.List;

/**
 * Chooses which flow of a priority band dispatches next, when several flows have requests waiting.
 *
 * <p>One instance serves every band: state that must persist between picks (a round-robin cursor)
 * lives in the object {@link #newBandState()} returns, which the engine keeps per band and passes
 * back. Called only from flow control's single dispatch thread, so the state needs no locking.
 */
public interface FairnessPolicy extends Plugin {

    /** Fresh per-band state, or null if the policy keeps none. */
    Object newBandState();

    /**
     * The index in {@code flows} of the flow to serve next.
     *
     * @param flows the band's flows that have requests waiting, ordered by fairness id; never empty
     * @param ordering the band's ordering policy, for policies that compare the flows' heads
     */
    int pick(Object bandState, List<? extends FlowView> flows, OrderingPolicy ordering);
}
