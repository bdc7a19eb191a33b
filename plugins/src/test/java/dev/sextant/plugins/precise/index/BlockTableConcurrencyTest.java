package dev.sextant.plugins.precise.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One writer inserting, changing and deleting entries (tombstones, rebuilds, growth by an eighth and to more
 * groups of slots) while two readers read: a reader must never see a bit that the writer never set for that
 * key, and never miss a key that stays.
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

    @ParameterizedTest
    @EnumSource(BlockTable.Kind.class)
    void keysThatStayAreFoundThroughoutChurnAndGrowth(BlockTable.Kind kind) throws Exception {
        BlockTable table = kind.create();
        int stay = 2000;
        for (long k = 0; k < stay; k++) {
            table.setBit(stayingKey(k), Holders.GPU, 1L << (k & 63));
        }
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<String> failure = new AtomicReference<>();
        AtomicLong reads = new AtomicLong();
        Runnable reader = () -> {
            SplittableRandom random = new SplittableRandom(Thread.currentThread().threadId());
            long[] out = new long[Holders.WORDS_PER_GROUP];
            byte[] scratch = new byte[8];
            while (!stop.get()) {
                long k = random.nextInt(stay);
                if (!table.read(stayingKey(k), out, out.length, scratch) || out[Holders.GPU] != 1L << (k & 63)) {
                    failure.compareAndSet(null, "staying key " + k + ": " + Long.toHexString(out[Holders.GPU]));
                }
                reads.incrementAndGet();
            }
        };
        Thread r1 = Thread.ofPlatform().start(reader);
        Thread r2 = Thread.ofPlatform().start(reader);
        // churn: a sliding window of keys, so tombstones pile up and purges run; a third stays, so the table grows
        for (long k = 0; k < 600_000 && failure.get() == null; k++) {
            table.setBit(churningKey(k), Holders.CPU, 1);
            if (k % 3 != 0 && k >= 1000) {
                table.clearBit(churningKey(k - 1000), Holders.CPU, 1);
            }
        }
        stop.set(true);
        r1.join();
        r2.join();
        assertThat(failure.get()).isNull();
        assertThat(reads.get()).isPositive();
    }

    private static long stayingKey(long k) {
        return (k + 16) * 0x9E3779B97F4A7C15L >>> 2 | 1L << 61; // apart from the churning keys
    }

    private static long churningKey(long k) {
        return (k + 16) * 0xC2B2AE3D27D4EB4FL >>> 3; // below 2^61
    }
}
