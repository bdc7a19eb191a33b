package dev.sextant.plugins.flowcontrol;

import dev.sextant.api.flowcontrol.OrderingPolicy;
import dev.sextant.api.flowcontrol.QueuedRequest;
import dev.sextant.api.plugin.PluginFactory;
import dev.sextant.plugins.SimplePluginFactory;

/** First come, first served within a flow. */
public record FcfsOrderingPolicy(String name) implements OrderingPolicy {
    public static final String TYPE = "fcfs-ordering-policy";

    public static final PluginFactory FACTORY = SimplePluginFactory.of(TYPE,
            "flow control: within a flow, first come first served", (name, params, ctx) -> new FcfsOrderingPolicy(name));

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public int compare(QueuedRequest a, QueuedRequest b) {
        return Long.compare(a.sequence(), b.sequence());
    }
}
