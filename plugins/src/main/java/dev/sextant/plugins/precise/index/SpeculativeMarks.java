package dev.sextant.plugins.precise.index;

/**
 * Which GPU holder bits of the block table are speculative: set at a pick for a prompt the engine has not
 * announced yet ({@link KvBlockIndex#speculate}), to be cleared at expiry unless the engine confirms them.
 * Readers see a speculative holder as a GPU holder, so the table keeps one bit for both; this side table,
 * small because speculation lasts seconds, remembers per (key, endpoint slot) that the bit is speculative
 * and whether the engine also holds the block on GPU (then expiry must leave the bit set).
 *
 * <p>Together they behave exactly as a separate speculative word would: the table's GPU bit is
 * "held on GPU or speculative". Writer only (under the index's lock); the words live in an
 * {@link OpenBlockTable} whose "GPU" word is the mark and whose "CPU" word is the "also held" flag.
 */
final class SpeculativeMarks {
    private static final int MARK_WORD = Holders.GPU;
    private static final int HELD_WORD = Holders.CPU;

    /** What an unmarked bit was. */
    enum Was {
        /** No speculation on it. */
        NOT_MARKED,
        /** Speculative only: the engine does not hold the block. */
        SPECULATIVE_ONLY,
        /** Speculative, and the engine holds the block on GPU too. */
        ALSO_HELD
    }

    private final OpenBlockTable marks = new OpenBlockTable();

    boolean isEmpty() {
        return marks.size() == 0;
    }

    boolean isMarked(long key, int slot) {
        return !isEmpty() && (marks.word(key, Holders.word(slot, MARK_WORD)) & bit(slot)) != 0;
    }

    /** Marks the bit of {@code slot} at {@code key} speculative; {@code alsoHeld}: the engine holds it too. */
    void mark(long key, int slot, boolean alsoHeld) {
        marks.setBit(key, Holders.word(slot, MARK_WORD), bit(slot));
        if (alsoHeld) {
            marks.setBit(key, Holders.word(slot, HELD_WORD), bit(slot));
        }
    }

    /** Removes the mark (expiry, or the engine confirmed the block) and says what the bit was. */
    Was unmark(long key, int slot) {
        if (!isMarked(key, slot)) {
            return Was.NOT_MARKED;
        }
        boolean alsoHeld = (marks.word(key, Holders.word(slot, HELD_WORD)) & bit(slot)) != 0;
        marks.clearBit(key, Holders.word(slot, HELD_WORD), bit(slot));
        marks.clearBit(key, Holders.word(slot, MARK_WORD), bit(slot));
        return alsoHeld ? Was.ALSO_HELD : Was.SPECULATIVE_ONLY;
    }

    /**
     * The engine no longer holds the block on GPU: returns true when the bit is speculative, so it must stay
     * set until the mark expires; false when the bit is the engine's alone (the caller clears it).
     */
    boolean engineDropped(long key, int slot) {
        if (!isMarked(key, slot)) {
            return false;
        }
        marks.clearBit(key, Holders.word(slot, HELD_WORD), bit(slot));
        return true;
    }

    private static long bit(int slot) {
        return 1L << (slot & 63);
    }
}
