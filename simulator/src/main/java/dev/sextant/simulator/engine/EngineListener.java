package dev.sextant.simulator.engine;

/**
 * What the engine tells its caller as steps complete. Called on the thread that drives the engine,
 * in time order; implementations must not call back into the engine. Every method has a no-op
 * default, so a virtual-time driver implements only what it needs.
 */
public interface EngineListener {

    /** Listens to nothing. */
    EngineListener NONE = new EngineListener() {};

    /** {@code request} produced its first token at {@code nanos}; {@code cachedTokens} came from the prefix cache. */
    default void firstToken(EngineRequest request, long nanos, int cachedTokens) {}

    /** {@code request} produced its {@code outputTokens}-th token (2 or more) at {@code nanos}. */
    default void token(EngineRequest request, long nanos, int outputTokens) {}

    /** {@code completion.request()} finished or was cancelled. */
    default void finished(Completion completion) {}
}
