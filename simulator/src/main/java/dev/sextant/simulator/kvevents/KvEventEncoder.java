package dev.sextant.simulator.kvevents;

import dev.sextant.simulator.engine.KvEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.List;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * Encodes a batch of KV events as vLLM's msgpack payload in the positional-array form:
 * {@code [timestamp, [event, ...], data_parallel_rank]} with
 * {@code ["BlockStored", hashes, parent, token_ids, block_size, lora_id, medium, lora_name]},
 * {@code ["BlockRemoved", hashes, medium]} and {@code ["AllBlocksCleared"]}. Hashes are unsigned
 * 64-bit integers (msgpack {@code uint64} when &ge; 2^63).
 */
public final class KvEventEncoder {
    private static final String MEDIUM = "GPU";

    private KvEventEncoder() {}

    /** The payload frame of one batch. */
    public static byte[] encode(double timestampSeconds, List<KvEvent> events, int dataParallelRank) {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            p.packArrayHeader(3);
            p.packDouble(timestampSeconds);
            p.packArrayHeader(events.size());
            for (KvEvent event : events) {
                switch (event) {
                    case KvEvent.BlockStored s -> {
                        p.packArrayHeader(8);
                        p.packString("BlockStored");
                        packHashes(p, s.blockHashes());
                        if (s.parentBlockHash() == null) {
                            p.packNil();
                        } else {
                            packHash(p, s.parentBlockHash());
                        }
                        p.packArrayHeader(s.tokenIds().length);
                        for (int t : s.tokenIds()) {
                            p.packInt(t);
                        }
                        p.packInt(s.blockSize());
                        if (s.loraId() == null) {
                            p.packNil();
                        } else {
                            p.packInt(s.loraId());
                        }
                        p.packString(MEDIUM);
                        if (s.loraName() == null) {
                            p.packNil();
                        } else {
                            p.packString(s.loraName());
                        }
                    }
                    case KvEvent.BlockRemoved r -> {
                        p.packArrayHeader(3);
                        p.packString("BlockRemoved");
                        packHashes(p, r.blockHashes());
                        p.packString(MEDIUM);
                    }
                    case KvEvent.AllBlocksCleared c -> {
                        p.packArrayHeader(1);
                        p.packString("AllBlocksCleared");
                    }
                }
            }
            p.packInt(dataParallelRank);
            return p.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("msgpack encoding into memory failed", e);
        }
    }

    private static void packHashes(MessageBufferPacker p, long[] hashes) throws IOException {
        p.packArrayHeader(hashes.length);
        for (long h : hashes) {
            packHash(p, h);
        }
    }

    private static void packHash(MessageBufferPacker p, long h) throws IOException {
        if (h >= 0) {
            p.packLong(h);
        } else {
            p.packBigInteger(new BigInteger(Long.toUnsignedString(h)));
        }
    }
}
