/**
 * Tokenisation for the simulated replica: jtokkit's bundled tiktoken encodings by default, a local
 * HuggingFace {@code tokenizer.json} by flag, and the documented chat template.
 */
package dev.sextant.simulator.tokenize;
