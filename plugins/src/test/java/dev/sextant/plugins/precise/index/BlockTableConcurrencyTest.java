package dev.sextant.plugins.precise.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One writer inserting, changing and deleting entries (tombstones, rebuilds, growth to a second group of
 * slots) while two readers read: a reader must never see a bit that the writer never set for that key.
 */
class BlockTableConcurrencyTest {
    private static final int KEYS = 4096;

    /** The only bits key {@code k} ever gets, in word {@code w}. */
    private static long allowed(long k, int w) {
        return 0xFFL << (((k * 7 + w) & 7) * 8);
    }

    @ParameterizedTest
    @EnumSource(BlockTable.Kind.class)
    void readersNeverSeeAnotherKeysBits(BlockTable.Kind kind) throws Exception {
        BlockTable table = kind.create();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<String> failure = new AtomicReference<>();
        AtomicLong reads = new AtomicLong();
        Runnable reader = () -> {
            SplittableRandom random = new SplittableRandom(Thread.currentThread().threadId());
            long[] out = new long[6];
            byte[] scratch = new byte[8];
            while (!stop.get()) {
                long k = random.nextInt(KEYS) + 16; // clear of 0..3, which the open table merges (see its Javadoc)
                if (table.read(k, out, 6, scratch)) {
                    for (int w = 0; w < 6; w++) {
                        if ((out[w] & ~allowed(k, w)) != 0) {
                            failure.compareAndSet(null, "key " + k + " word " + w + ": " + Long.toHexString(out[w]));
                        }
                    }
                }
                reads.incrementAndGet();
            }
        };
        Thread r1 = Thread.ofPlatform().start(reader);
        Thread r2 = Thread.ofPlatform().start(reader);
        SplittableRandom random = new SplittableRandom(1);
        long deadline = System.nanoTime() + 1_500_000_000L;
        while (System.nanoTime() < deadline && failure.get() == null) {
            long k = random.nextInt(KEYS) + 16; // clear of 0..3, which the open table merges (see its Javadoc)
            int w = random.nextInt(random.nextInt(10) == 0 ? 6 : 3);
            long bits = allowed(k, w);
            long bit = Long.lowestOneBit(bits) << random.nextInt(8);
            if (random.nextBoolean()) {
                table.setBit(k, w, bit);
            } else {
                table.clearBit(k, w, bit);
            }
        }
        stop.set(true);
        r1.join();
        r2.join();
        assertThat(failure.get()).isNull();
        assertThat(reads.get()).isPositive();
    }
}
