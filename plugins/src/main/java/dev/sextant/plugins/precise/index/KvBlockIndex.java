package dev.sextant.plugins.precise.index;

import static java.util.Objects.requireNonNull;

import dev.sextant.api.endpoint.EndpointId;
import dev.sextant.api.time.Clock;
import dev.sextant.plugins.precise.events.KvCacheEvent;
import dev.sextant.plugins.precise.events.StorageTier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The precise prefix index: which endpoint holds which block of which prompt, on which tier, built
 * from the engines' KV-cache events (see package-info for the design).
 *
 * <p>Writers (the event subscriber, pre-request speculation, endpoint removal) are serialised by one
 * lock that guards no I/O and is held for one batch at most; readers ({@link PrefixMatcher}) take no lock
 * and allocate nothing. Memory is bounded per endpoint by {@code maxBlocksPerEndpoint}: stored blocks
 * beyond it are ignored and counted.
 */
public final class KvBlockIndex {
    private final BlockKeys blockKeys;
    private final BlockTable table;
    private final int maxBlocksPerEndpoint;
    private final Clock clock;
    private final ReentrantLock writer = new ReentrantLock();
    private final ConcurrentHashMap<EndpointId, EndpointBlocks> endpoints = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Long> roots = new ConcurrentHashMap<>();
    private final BitSet usedSlots = new BitSet();
    private final ArrayDeque<Speculation> speculations = new ArrayDeque<>();
    private final SpeculativeMarks speculative = new SpeculativeMarks();
    private final byte[] writerScratch = new byte[8];
    private long[] writerWords = new long[Holders.WORDS_PER_GROUP];

    /**
     * @param blockKeys how prompts are cut into keyed blocks
     * @param table the key → holders map
     * @param maxBlocksPerEndpoint most engine blocks kept per endpoint, &gt; 0
     * @param clock for expiry of speculative entries and batch times
     */
    public KvBlockIndex(BlockKeys blockKeys, BlockTable table, int maxBlocksPerEndpoint, Clock clock) {
        this.blockKeys = requireNonNull(blockKeys, "blockKeys");
        this.table = requireNonNull(table, "table");
        if (maxBlocksPerEndpoint <= 0) {
            throw new IllegalArgumentException("maxBlocksPerEndpoint: " + maxBlocksPerEndpoint + " (expected: > 0)");
        }
        this.maxBlocksPerEndpoint = maxBlocksPerEndpoint;
        this.clock = requireNonNull(clock, "clock");
    }

    /** How prompts are keyed. */
    public BlockKeys blockKeys() {
        return blockKeys;
    }

    /** The root key for prompts of {@code model} (a base model or an adapter name); cached. */
    public long root(String model) {
        Long r = roots.get(model);
        if (r == null) {
            r = blockKeys.root(model);
            if (roots.size() < 4096) {
                roots.put(model, r);
            }
        }
        return r;
    }

    /** A matcher for one reader thread. */
    public PrefixMatcher newMatcher() {
        return new PrefixMatcher(table);
    }

    /** The bit slot of {@code endpoint}, or -1 when the index knows nothing of it. Lock-free. */
    public int slotOf(EndpointId endpoint) {
        EndpointBlocks e = endpoints.get(endpoint);
        return e == null ? -1 : e.slot;
    }

    /** Distinct block keys held by any endpoint (speculative ones included). */
    public int size() {
        return table.size();
    }

    /** Per-endpoint status, in no particular order. */
    public List<EndpointIndexStatus> status() {
        List<EndpointIndexStatus> out = new ArrayList<>(endpoints.size());
        for (EndpointBlocks e : endpoints.values()) {
            out.add(e.status());
        }
        return out;
    }

    /** The engine hashes indexed for {@code endpoint} (all tiers), sorted; for debugging and tests. */
    public long[] engineHashes(EndpointId endpoint) {
        writer.lock();
        try {
            EndpointBlocks e = endpoints.get(endpoint);
            if (e == null) {
                return new long[0];
            }
            long[] out = e.engineHashes.hashes();
            java.util.Arrays.sort(out);
            return out;
        } finally {
            writer.unlock();
        }
    }

    /** Registers {@code endpoint} (idempotent): it gets a slot and an empty entry set. */
    public void addEndpoint(EndpointId endpoint) {
        writer.lock();
        try {
            blocksOf(endpoint);
        } finally {
            writer.unlock();
        }
    }

    /** Forgets {@code endpoint}: drops its entries and frees its slot. */
    public void removeEndpoint(EndpointId endpoint) {
        writer.lock();
        try {
            EndpointBlocks e = endpoints.remove(endpoint);
            if (e != null) {
                dropEntries(e);
                usedSlots.clear(e.slot);
            }
        } finally {
            writer.unlock();
        }
    }

    /** Drops everything known about {@code endpoint}'s cache (it is rebuilt from later events). */
    public void reset(EndpointId endpoint) {
        writer.lock();
        try {
            EndpointBlocks e = endpoints.get(endpoint);
            if (e != null) {
                dropEntries(e);
            }
        } finally {
            writer.unlock();
        }
    }

    /**
     * Applies one batch of events published by {@code endpoint}.
     *
     * @param model the served base model (from the topic); BlockStored events of an adapter are keyed
     *     under the adapter's name instead
     * @param sequence the batch's sequence number, or -1 when unknown; a number that does not follow the
     *     previous one is a gap: the endpoint's entries are dropped before the batch is applied
     * @return true when a gap was detected
     */
    public boolean apply(EndpointId endpoint, String model, long sequence, List<KvCacheEvent> events) {
        writer.lock();
        try {
            expireSpeculations(clock.nanos());
            EndpointBlocks e = blocksOf(endpoint);
            boolean gap = false;
            if (sequence >= 0) {
                if (e.lastSequence >= 0 && sequence != e.lastSequence + 1) {
                    gap = true;
                    e.gaps++;
                    dropEntries(e);
                }
                e.lastSequence = sequence;
            }
            for (KvCacheEvent event : events) {
                switch (event) {
                    case KvCacheEvent.BlockStored s -> stored(e, model, s);
                    case KvCacheEvent.BlockRemoved r -> removed(e, r);
                    case KvCacheEvent.AllBlocksCleared c -> dropEntries(e);
                }
            }
            e.blocks = e.engineHashes.size();
            e.batches++;
            e.lastBatchNanos = clock.nanos();
            return gap;
        } finally {
            writer.unlock();
        }
    }

    /**
     * Marks the first {@code count} blocks of {@code keys} as held by {@code endpoint} until
     * {@code ttlNanos} from now, unless events confirm them first: the pick just sent the prompt there.
     */
    public void speculate(EndpointId endpoint, long[] keys, int count, long ttlNanos) {
        if (count <= 0) {
            return;
        }
        writer.lock();
        try {
            long now = clock.nanos();
            expireSpeculations(now);
            EndpointBlocks e = blocksOf(endpoint);
            long[] copy = java.util.Arrays.copyOf(keys, count);
            for (long key : copy) {
                speculated(key, e.slot);
            }
            speculations.addLast(new Speculation(now + ttlNanos, e.slot, copy));
        } finally {
            writer.unlock();
        }
    }

    /** Removes speculative entries whose time is up. Called by writers; callable from a timer too. */
    public void expireSpeculations() {
        writer.lock();
        try {
            expireSpeculations(clock.nanos());
        } finally {
            writer.unlock();
        }
    }

    private void expireSpeculations(long now) {
        Speculation s;
        while ((s = speculations.peekFirst()) != null && s.expiresAtNanos - now <= 0) {
            speculations.pollFirst();
            for (long key : s.keys) {
                if (speculative.unmark(key, s.slot) == SpeculativeMarks.Was.SPECULATIVE_ONLY) {
                    clearBit(key, s.slot, Holders.GPU);
                }
            }
        }
    }

    private void stored(EndpointBlocks e, String model, KvCacheEvent.BlockStored s) {
        int n = s.blockHashes().length;
        if (s.blockSize() != blockKeys.blockSize()) {
            e.orphanBlocks += n;
            return;
        }
        long parent;
        if (s.hasParent()) {
            parent = e.engineHashes.key(s.parentHash());
            if (parent == EngineHashes.NO_KEY) {
                e.orphanBlocks += n;
                return;
            }
        } else {
            parent = root(s.loraName() != null ? s.loraName() : model);
        }
        int tier = s.tier() == StorageTier.GPU ? Holders.GPU : Holders.CPU;
        int[] tokens = s.tokenIds();
        for (int i = 0; i < n; i++) {
            long key = blockKeys.next(parent, tokens, i * s.blockSize());
            long hash = s.blockHashes()[i];
            if (e.engineHashes.size() >= maxBlocksPerEndpoint && !e.engineHashes.contains(hash)) {
                e.overflowBlocks += n - i;
                return;
            }
            e.engineHashes.put(hash, key, tier);
            engineStored(key, e.slot, tier);
            parent = key;
        }
    }

    private void removed(EndpointBlocks e, KvCacheEvent.BlockRemoved r) {
        int tier = r.tier() == StorageTier.GPU ? Holders.GPU : Holders.CPU;
        for (long hash : r.blockHashes()) {
            long key = e.engineHashes.key(hash);
            if (key == EngineHashes.NO_KEY) {
                continue;
            }
            e.engineHashes.removeTier(hash, tier);
            engineDropped(key, e.slot, tier);
        }
    }

    private void dropEntries(EndpointBlocks e) {
        int slot = e.slot;
        e.engineHashes.forEach((key, tierBits) -> {
            for (int tier = Holders.GPU; tier <= Holders.CPU; tier++) {
                if ((tierBits & (1 << tier)) != 0) {
                    engineDropped(key, slot, tier);
                }
            }
        });
        e.engineHashes.clear();
        e.blocks = 0;
        e.resets++;
    }

    private EndpointBlocks blocksOf(EndpointId endpoint) {
        EndpointBlocks e = endpoints.get(endpoint);
        if (e == null) {
            int slot = usedSlots.nextClearBit(0);
            usedSlots.set(slot);
            e = new EndpointBlocks(endpoint, slot);
            endpoints.put(endpoint, e);
        }
        return e;
    }

    /**
     * The pick sent a prompt with this block to {@code slot}: its GPU bit is set, marked speculative unless
     * already so, remembering whether the engine holds the block on GPU as well (then expiry keeps the bit).
     */
    private void speculated(long key, int slot) {
        if (speculative.isMarked(key, slot)) {
            return;
        }
        speculative.mark(key, slot, holdsOnGpu(key, slot));
        setBit(key, slot, Holders.GPU);
    }

    /** The engine announced the block on {@code tier}; that confirms any speculation on it. */
    private void engineStored(long key, int slot, int tier) {
        SpeculativeMarks.Was was = speculative.unmark(key, slot);
        setBit(key, slot, tier);
        if (was == SpeculativeMarks.Was.SPECULATIVE_ONLY && tier != Holders.GPU) {
            clearBit(key, slot, Holders.GPU);
        }
    }

    /** The engine no longer holds the block on {@code tier}; a speculative GPU bit stays until it expires. */
    private void engineDropped(long key, int slot, int tier) {
        if (tier == Holders.GPU && speculative.engineDropped(key, slot)) {
            return;
        }
        clearBit(key, slot, tier);
    }

    private boolean holdsOnGpu(long key, int slot) {
        int words = Holders.word(slot, Holders.GPU) + 1;
        if (writerWords.length < words) {
            writerWords = new long[words];
        }
        return table.read(key, writerWords, words, writerScratch)
                && (writerWords[Holders.word(slot, Holders.GPU)] & (1L << (slot & 63))) != 0;
    }

    private void setBit(long key, int slot, int tier) {
        table.setBit(key, Holders.word(slot, tier), 1L << (slot & 63));
    }

    private void clearBit(long key, int slot, int tier) {
        table.clearBit(key, Holders.word(slot, tier), 1L << (slot & 63));
    }

    /** Speculative entries of one pick, expiring together. */
    private record Speculation(long expiresAtNanos, int slot, long[] keys) {}
}
