/** A simulated vLLM replica: engine model, HTTP server, KV events. */
package dev.sextant.simulator;
