package dev.sextant.api.flowcontrol;

import dev.sextant.api.plugin.Plugin;

/**
 * Orders the requests of one flow: which waiting request of that flow is dispatched next.
 *
 * <p>A strict weak order that must not change while requests wait (it may use only the request's
 * fixed properties). Thread-safe and stateless.
 */
public interface OrderingPolicy extends Plugin {

    /** Negative when {@code a} goes before {@code b}, positive when after, 0 only for the same request. */
    int compare(QueuedRequest a, QueuedRequest b);
}
