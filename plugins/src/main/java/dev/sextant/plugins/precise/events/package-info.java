/**
 * vLLM's KV-cache events as Sextant reads them: the event records, the msgpack batch decoder (both the
 * positional-array and the tagged-map encodings, REFERENCE §7) and the ZeroMQ topic
 * {@code kv@<ip:port>@<model>}. Pure data and parsing: no sockets, no threads.
 */
package dev.sextant.plugins.precise.events;
