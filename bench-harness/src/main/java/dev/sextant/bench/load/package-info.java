/**
 * The real-time load generator: open-loop, streamed requests to any OpenAI-compatible endpoint,
 * measured from the server-sent events.
 */
package dev.sextant.bench.load;
