/**
 * {@code precise-prefix-cache-scorer}: routes to the endpoint whose engine reports holding the longest
 * leading part of the prompt in its KV cache. The plugin ({@link dev.sextant.plugins.precise.PrecisePrefixCacheScorer}),
 * its settings and local tokenisation live here; the index in {@code index}, the event records and decoder
 * in {@code events}, the ZeroMQ subscriber in {@code subscriber}. Depends on the api, the {@code art}
 * module, JeroMQ, msgpack-core, jtokkit and jackson-core. The design is in docs/prefix-index.md.
 */
package dev.sextant.plugins.precise;
