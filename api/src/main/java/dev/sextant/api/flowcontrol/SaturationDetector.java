package dev.sextant.api.flowcontrol;

import dev.sextant.api.endpoint.EndpointSnapshot;
import dev.sextant.api.plugin.Plugin;
import java.util.List;

/**
 * Says how loaded the pool is, so flow control knows whether to dispatch or hold requests back.
 *
 * <p>Must be thread-safe, must not block and should not allocate.
 */
public interface SaturationDetector extends Plugin {

    /**
     * The saturation of the candidate pool: below 1 there is room (the value is the used share of
     * capacity); at or above 1 the pool is saturated (values above 1 say how far). An empty pool is
     * saturated (1.0).
     */
    double saturation(List<EndpointSnapshot> candidates);
}
