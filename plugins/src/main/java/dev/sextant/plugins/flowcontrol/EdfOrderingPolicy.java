package dev.sextant.plugins.flowcontrol;

import dev.sextant.api.flowcontrol.OrderingPolicy;
import dev.sextant.api.flowcontrol.QueuedRequest;
import dev.sextant.api.plugin.PluginFactory;
import dev.sextant.plugins.SimplePluginFactory;

/**
 * Earliest deadline first within a flow: the deadline is the queued time plus the request's TTL
 * (the configured default, or a shorter one the request asked for). Requests without a deadline go
 * after all that have one; ties are first come, first served.
 */
public record EdfOrderingPolicy(String name) implements OrderingPolicy {
    public static final String TYPE = "edf-ordering-policy";

    public static final PluginFactory FACTORY = SimplePluginFactory.of(TYPE,
            "flow control: within a flow, earliest deadline (queued time + TTL) first",
            (name, params, ctx) -> new EdfOrderingPolicy(name));

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public int compare(QueuedRequest a, QueuedRequest b) {
        int byDeadline = Long.compare(a.deadlineNanos(), b.deadlineNanos());
        return byDeadline != 0 ? byDeadline : Long.compare(a.sequence(), b.sequence());
    }
}
