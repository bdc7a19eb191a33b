/**
 * An Adaptive Radix Tree: an ordered map over byte-string keys with lock-free readers, one writer,
 * allocation-free lookups (exact, longest prefix, floor/ceiling) and a SIMD Node16 search through the
 * Vector API.
 *
 * <p>Public API: {@link dev.sextant.art.AdaptiveRadixTree} (with its {@code Builder} and
 * {@code Entry}), {@link dev.sextant.art.Node16Search} and {@link dev.sextant.art.KeyEncoders};
 * everything else is package-private. Depends on nothing but the JDK ({@code jdk.incubator.vector}
 * only for {@code Node16Search.VECTOR}).
 */
package dev.sextant.art;
