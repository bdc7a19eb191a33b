package dev.sextant.core.requestcontrol;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A routing decision that may still be waiting in flow control.
 *
 * @param decision completes with the decision: at once when the request need not wait
 * @param cancel withdraws the request if it still waits (its client went away)
 */
public record PendingRoute(CompletableFuture<RoutingDecision> decision, Runnable cancel) {

    public PendingRoute {
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(cancel, "cancel");
    }

    /** A decision that is already made. */
    static PendingRoute done(RoutingDecision decision) {
        return new PendingRoute(CompletableFuture.completedFuture(decision), () -> {});
    }
}
