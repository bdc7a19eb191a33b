package dev.sextant.art;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The {@link Node16Search#VECTOR} search: the 16 key bytes of a Node16 (two longs, little-endian,
 * so byte i is lane i) moved into one 128-bit register, compared with the wanted byte in one
 * operation, the comparison mask turned into bits, the bits past the node's count cleared, and the
 * lowest set bit taken as the index (keys are distinct, so at most one is set).
 *
 * <p>This is the only class that touches {@code jdk.incubator.vector}; it is loaded only when a tree
 * uses the VECTOR search, so the library runs without the incubator module when SCALAR is chosen.
 */
final class VectorKeySearch {
    private static final VectorSpecies<Long> LONGS_128 = LongVector.SPECIES_128;
    private static final VectorSpecies<Byte> BYTES_128 = ByteVector.SPECIES_128;

    private VectorKeySearch() {}

    /** The index of {@code keyByte} among the first {@code count} key bytes of a Node16, or -1. */
    static int indexOf(long keysLow, long keysHigh, int count, byte keyByte) {
        long matches = LongVector.zero(LONGS_128).withLane(0, keysLow).withLane(1, keysHigh)
                .reinterpretAsBytes().eq(keyByte).toLong() & ((1L << count) - 1);
        return matches == 0 ? -1 : Long.numberOfTrailingZeros(matches);
    }

    /** Whether the running JVM compiles 128-bit byte vectors to SIMD instructions. */
    static boolean isAccelerated() {
        return ByteVector.SPECIES_PREFERRED.vectorBitSize() >= BYTES_128.vectorBitSize();
    }
}
