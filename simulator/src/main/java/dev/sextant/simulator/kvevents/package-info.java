/** vLLM KV-cache events over ZeroMQ: the endpoint spec, the msgpack encoding and the publisher. */
package dev.sextant.simulator.kvevents;
