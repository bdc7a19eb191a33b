package dev.sextant.plugins.precise.events;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ArrayValue;
import org.msgpack.value.MapValue;
import org.msgpack.value.Value;

/**
 * Decodes the msgpack payload frame of a vLLM KV-event message (REFERENCE §7).
 *
 * <p>The batch is an array {@code [ts, [event, ...], dp_rank?]}. Each event is either a positional array
 * {@code ["BlockStored", hashes, parent, tokens, block_size, lora_id, medium, lora_name, ...]} (vLLM
 * before PR #42892; older releases send fewer trailing positions) or a map with a {@code type} key and
 * field names (newer vLLM, defaults omitted). Hashes are unsigned 64-bit integers or bytes (last 8 bytes,
 * big-endian). Fields Sextant does not use ({@code extra_keys}, {@code kv_cache_spec_*}) are ignored.
 * Events of KV-cache groups other than 0 (hybrid-attention models) are skipped: the prefix index
 * tracks the full-attention group only.
 *
 * <p>A malformed event is skipped and counted in {@link KvEventBatch#skippedEvents()}; the others in
 * the batch still decode. A payload whose outer shape is wrong throws {@link KvEventDecodeException}.
 * Stateless and thread-safe.
 */
public final class KvEventDecoder {

    private KvEventDecoder() {}

    /**
     * Decodes one payload frame.
     *
     * @throws KvEventDecodeException when the payload is not a batch at all
     */
    public static KvEventBatch decode(byte[] payload) {
        Value root;
        try (MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(payload)) {
            root = unpacker.unpackValue();
            if (unpacker.hasNext()) {
                throw new KvEventDecodeException("kv event batch: trailing bytes after the batch");
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof KvEventDecodeException d) {
                throw d;
            }
            throw new KvEventDecodeException("kv event batch: not msgpack (" + e.getMessage() + ")", e);
        }
        if (!root.isArrayValue() || root.asArrayValue().size() < 2) {
            throw new KvEventDecodeException("kv event batch: " + root.getValueType()
                    + " (expected: an array [timestamp, events, dp_rank])");
        }
        ArrayValue batch = root.asArrayValue();
        Value ts = batch.get(0);
        double timestamp = ts.isNumberValue() ? number(ts) : Double.NaN;
        if (!batch.get(1).isArrayValue()) {
            throw new KvEventDecodeException("kv event batch: events are " + batch.get(1).getValueType()
                    + " (expected: an array)");
        }
        int rank = batch.size() > 2 && batch.get(2).isIntegerValue() ? batch.get(2).asIntegerValue().toInt() : -1;
        ArrayValue rawEvents = batch.get(1).asArrayValue();
        List<KvCacheEvent> events = new ArrayList<>(rawEvents.size());
        int skipped = 0;
        for (Value raw : rawEvents) {
            try {
                KvCacheEvent event = decodeEvent(raw);
                if (event == null) {
                    skipped++;
                } else {
                    events.add(event);
                }
            } catch (RuntimeException e) { // MessageTypeCastException, KvEventDecodeException, overflows
                skipped++;
            }
        }
        return new KvEventBatch(timestamp, events, rank, skipped);
    }

    /** One event, or null for an event this decoder deliberately skips (unknown kind, other KV group). */
    static KvCacheEvent decodeEvent(Value raw) {
        EventFields f = raw.isMapValue() ? EventFields.ofMap(raw.asMapValue())
                : raw.isArrayValue() ? EventFields.ofArray(raw.asArrayValue()) : null;
        if (f == null) {
            throw new KvEventDecodeException("kv event: " + raw.getValueType() + " (expected: an array or a map)");
        }
        Value group = f.get("group_idx");
        if (group != null && !group.isNilValue() && group.asIntegerValue().toLong() != 0) {
            return null;
        }
        return switch (f.type()) {
            case "BlockStored" -> blockStored(f);
            case "BlockRemoved" -> new KvCacheEvent.BlockRemoved(hashes(f.require("block_hashes")),
                    StorageTier.ofMedium(optionalString(f.get("medium"))));
            case "AllBlocksCleared" -> new KvCacheEvent.AllBlocksCleared();
            default -> null;
        };
    }

    private static KvCacheEvent.BlockStored blockStored(EventFields f) {
        long[] hashes = hashes(f.require("block_hashes"));
        Value parent = f.get("parent_block_hash");
        boolean hasParent = parent != null && !parent.isNilValue();
        ArrayValue tokenValues = f.require("token_ids").asArrayValue();
        int[] tokens = new int[tokenValues.size()];
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = tokenValues.get(i).asIntegerValue().asInt();
        }
        Value bs = f.get("block_size");
        int blockSize = bs == null || bs.isNilValue() ? (hashes.length == 0 ? 0 : tokens.length / hashes.length)
                : bs.asIntegerValue().asInt();
        if (blockSize <= 0 || tokens.length != (long) blockSize * hashes.length) {
            throw new KvEventDecodeException("BlockStored: " + tokens.length + " tokens for " + hashes.length
                    + " blocks of " + blockSize + " (expected: block_size tokens per block)");
        }
        Value loraId = f.get("lora_id");
        return new KvCacheEvent.BlockStored(hashes, hasParent ? hash(parent) : 0, hasParent, tokens, blockSize,
                optionalString(f.get("lora_name")),
                loraId == null || loraId.isNilValue() ? null : loraId.asIntegerValue().asInt(),
                StorageTier.ofMedium(optionalString(f.get("medium"))));
    }

    private static long[] hashes(Value v) {
        ArrayValue a = v.asArrayValue();
        long[] out = new long[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = hash(a.get(i));
        }
        return out;
    }

    /** An unsigned 64-bit integer as its bits, or the last 8 bytes of a byte string, big-endian. */
    static long hash(Value v) {
        if (v.isIntegerValue()) {
            var i = v.asIntegerValue();
            if (i.isInLongRange()) {
                return i.toLong();
            }
            return i.toBigInteger().longValue(); // uint64 >= 2^63: keep the low 64 bits
        }
        if (v.isBinaryValue() || v.isRawValue()) {
            byte[] b = v.asRawValue().asByteArray();
            long h = 0;
            for (int i = Math.max(0, b.length - 8); i < b.length; i++) {
                h = (h << 8) | (b[i] & 0xff);
            }
            return h;
        }
        throw new KvEventDecodeException("block hash: " + v.getValueType() + " (expected: an integer or bytes)");
    }

    private static String optionalString(Value v) {
        if (v == null || v.isNilValue()) {
            return null;
        }
        return v.asStringValue().asString();
    }

    private static double number(Value v) {
        return v.isFloatValue() ? v.asFloatValue().toDouble() : v.asIntegerValue().toDouble();
    }

    /** An event's fields by name, whichever encoding it came in. */
    private record EventFields(String type, Map<String, Value> byName) {
        private static final List<String> STORED = List.of("block_hashes", "parent_block_hash", "token_ids",
                "block_size", "lora_id", "medium", "lora_name", "extra_keys", "group_idx");
        private static final List<String> REMOVED = List.of("block_hashes", "medium", "group_idx");

        static EventFields ofArray(ArrayValue a) {
            if (a.size() == 0 || !a.get(0).isStringValue()) {
                throw new KvEventDecodeException("kv event: array without a type tag");
            }
            String type = a.get(0).asStringValue().asString();
            List<String> names = switch (type) {
                case "BlockStored" -> STORED;
                case "BlockRemoved" -> REMOVED;
                default -> List.of();
            };
            Map<String, Value> fields = new java.util.HashMap<>();
            for (int i = 0; i < names.size() && i + 1 < a.size(); i++) {
                fields.put(names.get(i), a.get(i + 1));
            }
            return new EventFields(type, fields);
        }

        static EventFields ofMap(MapValue m) {
            Map<String, Value> fields = new java.util.HashMap<>();
            for (Map.Entry<Value, Value> e : m.entrySet()) {
                if (e.getKey().isStringValue()) {
                    fields.put(e.getKey().asStringValue().asString(), e.getValue());
                }
            }
            Value type = fields.get("type");
            if (type == null || !type.isStringValue()) {
                throw new KvEventDecodeException("kv event: map without a 'type' string");
            }
            return new EventFields(type.asStringValue().asString(), fields);
        }

        Value get(String name) {
            return byName.get(name);
        }

        Value require(String name) {
            Value v = byName.get(name);
            if (v == null || v.isNilValue()) {
                throw new KvEventDecodeException(type + ": " + name + " missing");
            }
            return v;
        }
    }
}
