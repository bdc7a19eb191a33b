package dev.sextant.plugins.precise.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/** The decoder on the real and reconstructed vLLM payloads of fixtures/kv-events, quirks included. */
class KvEventDecoderTest {
    private static final long KTHENA_HASH = new BigInteger("15760518052499183552").longValue();
    private static final int[] KTHENA_TOKENS = {151644, 872, 198, 9064, 374, 279, 6722, 315, 5616, 30, 151645, 198,
            151644, 77091, 198, 151667};

    static byte[] fixtureHex(String name) throws IOException {
        try (InputStream in = KvEventDecoderTest.class.getResourceAsStream("/fixtures/kv-events/" + name)) {
            return HexFormat.of().parseHex(new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"vllm-0.26.0-kv-event-batch-qwen3-8b.reconstructed-map.msgpack.hex",
            "vllm-0.26.0-kv-event-batch-qwen3-8b.reconstructed-array.msgpack.hex"})
    void decodesBothEncodingsOfTheVllm026Batch(String file) throws IOException {
        KvEventBatch batch = KvEventDecoder.decode(fixtureHex(file));

        assertThat(batch.timestampSeconds()).isEqualTo(1789095808.8378847);
        assertThat(batch.dataParallelRank()).isZero();
        assertThat(batch.skippedEvents()).isZero();
        assertThat(batch.events()).hasSize(1);
        KvCacheEvent.BlockStored s = (KvCacheEvent.BlockStored) batch.events().getFirst();
        assertThat(s.blockHashes()).containsExactly(KTHENA_HASH); // >= 2^63, read as unsigned bits
        assertThat(Long.toUnsignedString(s.blockHashes()[0])).isEqualTo("15760518052499183552");
        assertThat(s.hasParent()).isFalse();
        assertThat(s.tokenIds()).containsExactly(KTHENA_TOKENS);
        assertThat(s.blockSize()).isEqualTo(16);
        assertThat(s.loraName()).isNull();
        assertThat(s.loraId()).isNull();
        assertThat(s.tier()).isEqualTo(StorageTier.GPU);
    }

    @Test
    void oldShortArraysAndBytesHashesAndRemovalsAndClears() throws IOException {
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        p.packArrayHeader(2); // no dp rank: older vLLM
        p.packLong(1_700_000_000L); // integer timestamp
        p.packArrayHeader(4);
        p.packArrayHeader(7); // pre lora_name release: 6 fields after the tag
        p.packString("BlockStored");
        p.packArrayHeader(1);
        p.packBinaryHeader(10);
        p.writePayload(new byte[] {9, 9, 1, 2, 3, 4, 5, 6, 7, 8});
        p.packBigInteger(new BigInteger("18446744073709551615"));
        p.packArrayHeader(2);
        p.packInt(5);
        p.packInt(6);
        p.packInt(2);
        p.packInt(3);
        p.packString("CPU");
        p.packArrayHeader(3);
        p.packString("BlockRemoved");
        p.packArrayHeader(1);
        p.packLong(42);
        p.packNil();
        p.packArrayHeader(1);
        p.packString("AllBlocksCleared");
        p.packMapHeader(2); // map form, removal on another KV group: skipped
        p.packString("type");
        p.packString("BlockRemoved");
        p.packString("group_idx");
        p.packInt(1);
        KvEventBatch batch = KvEventDecoder.decode(p.toByteArray());

        assertThat(batch.dataParallelRank()).isEqualTo(-1);
        assertThat(batch.skippedEvents()).isEqualTo(1);
        assertThat(batch.events()).hasSize(3);
        KvCacheEvent.BlockStored s = (KvCacheEvent.BlockStored) batch.events().get(0);
        assertThat(s.blockHashes()).containsExactly(0x0102030405060708L);
        assertThat(s.hasParent()).isTrue();
        assertThat(s.parentHash()).isEqualTo(-1L);
        assertThat(s.loraId()).isEqualTo(3);
        assertThat(s.tier()).isEqualTo(StorageTier.CPU);
        KvCacheEvent.BlockRemoved r = (KvCacheEvent.BlockRemoved) batch.events().get(1);
        assertThat(r.blockHashes()).containsExactly(42L);
        assertThat(r.tier()).isEqualTo(StorageTier.GPU);
        assertThat(batch.events().get(2)).isInstanceOf(KvCacheEvent.AllBlocksCleared.class);
    }

    @Test
    void malformedEventsAreSkippedAndCountedTheRestDecodes() throws IOException {
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        p.packArrayHeader(3);
        p.packDouble(1.0);
        p.packArrayHeader(5);
        p.packString("not an event");
        p.packArrayHeader(5); // tokens do not fill the blocks
        p.packString("BlockStored");
        p.packArrayHeader(1);
        p.packLong(1);
        p.packNil();
        p.packArrayHeader(3);
        p.packInt(1).packInt(2).packInt(3);
        p.packInt(16);
        p.packMapHeader(1); // map without type
        p.packString("block_hashes");
        p.packArrayHeader(0);
        p.packArrayHeader(2); // unknown kind
        p.packString("SomethingNew");
        p.packInt(1);
        p.packArrayHeader(3);
        p.packString("BlockRemoved");
        p.packArrayHeader(1);
        p.packLong(7);
        p.packString("GPU");
        p.packInt(0);

        KvEventBatch batch = KvEventDecoder.decode(p.toByteArray());

        assertThat(batch.skippedEvents()).isEqualTo(4);
        assertThat(batch.events()).singleElement().isInstanceOf(KvCacheEvent.BlockRemoved.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "c1", "92cb3ff000000000000000", "a0", "93cb3ff0000000000000009000", "9301c0c0"})
    void payloadsThatAreNotABatchThrowTheDecodeException(String hex) {
        assertThatThrownBy(() -> KvEventDecoder.decode(HexFormat.of().parseHex(hex)))
                .isInstanceOf(KvEventDecodeException.class);
    }

    @Test
    void topicsFollowLlmdsConvention() {
        KvEventTopic t = KvEventTopic.parse("kv@10.0.0.7:8000@Qwen/Qwen3-0.6B@v2");
        assertThat(t.endpoint()).hasValueSatisfying(e -> assertThat(e.toString()).isEqualTo("10.0.0.7:8000"));
        assertThat(t.model()).isEqualTo("Qwen/Qwen3-0.6B@v2");
        assertThat(KvEventTopic.parse("kv-events").endpoint()).isEmpty();
        assertThat(KvEventTopic.parse("kv@localhost@m").endpoint()).isEmpty();
        assertThat(KvEventTopic.parse("kv@localhost@m").model()).isEqualTo("m");
    }
}
