/**
 * The KV-event subscriber: ZeroMQ SUB sockets to the engines' publishers (or one bound socket they
 * connect to), framing and sequence checks, decoding into the prefix index, and a watchdog that replaces
 * SUB sockets that stay silent although their endpoint is busy (JeroMQ 0.6 now and then never delivers on
 * a fresh connection). One thread owns every socket.
 */
package dev.sextant.plugins.precise.subscriber;
