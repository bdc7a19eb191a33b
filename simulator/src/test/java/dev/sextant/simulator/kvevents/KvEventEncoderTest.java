package dev.sextant.simulator.kvevents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.simulator.engine.KvEvent;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ArrayValue;
import org.msgpack.value.Value;

/**
 * Our payload against the reconstructed vLLM batch in fixtures/kv-events (copied from the shared fixtures): the same values
 * encode to the same leading positions (vLLM's newest array form has four more trailing fields,
 * which decoders treat as optional).
 */
class KvEventEncoderTest {
    static final Path FIXTURES = Path.of("..", "fixtures", "kv-events");

    private static ArrayValue decode(byte[] payload) throws IOException {
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(payload)) {
            return u.unpackValue().asArrayValue();
        }
    }

    @Test
    void encodesTheFixtureBatchWithVllmsPositionalLayout() throws IOException {
        byte[] fixture = HexFormat.of().parseHex(Files.readString(
                FIXTURES.resolve("vllm-0.26.0-kv-event-batch-qwen3-8b.reconstructed-array.msgpack.hex")).trim());
        ArrayValue expected = decode(fixture);
        ArrayValue expectedEvent = expected.get(1).asArrayValue().get(0).asArrayValue();
        int[] tokens = expectedEvent.get(3).asArrayValue().list().stream().mapToInt(v -> v.asIntegerValue().toInt())
                .toArray();
        long hash = expectedEvent.get(1).asArrayValue().get(0).asIntegerValue().asBigInteger().longValue();

        byte[] ours = KvEventEncoder.encode(expected.get(0).asFloatValue().toDouble(),
                List.of(new KvEvent.BlockStored(new long[] {hash}, null, tokens, 16, null, null)), 0);
        ArrayValue actual = decode(ours);
        ArrayValue actualEvent = actual.get(1).asArrayValue().get(0).asArrayValue();

        assertThat(actual.size()).isEqualTo(3);
        assertThat(actual.get(0)).isEqualTo(expected.get(0));
        assertThat(actual.get(2)).isEqualTo(expected.get(2));
        assertThat(actualEvent.size()).isEqualTo(8);
        for (int i = 0; i < 8; i++) {
            assertThat(actualEvent.get(i)).as("position %d", i).isEqualTo(expectedEvent.get(i));
        }
        // The hash is >= 2^63 and must go out as msgpack uint64, not as a negative int64.
        assertThat(expectedEvent.get(1).asArrayValue().get(0).asIntegerValue().asBigInteger())
                .isEqualTo(new BigInteger("15760518052499183552"));
        assertThat(HexFormat.of().formatHex(ours)).contains("cfdab89baa7b5857c0");
    }

    @Test
    void encodesRemovalsClearsAndAdapters() throws IOException {
        byte[] payload = KvEventEncoder.encode(1.5, List.of(
                new KvEvent.BlockStored(new long[] {1, -1}, 7L, new int[] {1, 2, 3, 4}, 2, 3, "alice"),
                new KvEvent.BlockRemoved(new long[] {Long.MIN_VALUE}),
                new KvEvent.AllBlocksCleared()), 0);
        List<Value> events = decode(payload).get(1).asArrayValue().list();
        ArrayValue stored = events.get(0).asArrayValue();
        assertThat(stored.get(0).asStringValue().asString()).isEqualTo("BlockStored");
        assertThat(stored.get(1).asArrayValue().get(1).asIntegerValue().asBigInteger())
                .isEqualTo(new BigInteger("18446744073709551615"));
        assertThat(stored.get(2).asIntegerValue().toLong()).isEqualTo(7);
        assertThat(stored.get(5).asIntegerValue().toInt()).isEqualTo(3);
        assertThat(stored.get(6).asStringValue().asString()).isEqualTo("GPU");
        assertThat(stored.get(7).asStringValue().asString()).isEqualTo("alice");
        ArrayValue removed = events.get(1).asArrayValue();
        assertThat(removed.get(0).asStringValue().asString()).isEqualTo("BlockRemoved");
        assertThat(removed.get(1).asArrayValue().get(0).asIntegerValue().asBigInteger())
                .isEqualTo(BigInteger.ONE.shiftLeft(63));
        assertThat(removed.get(2).asStringValue().asString()).isEqualTo("GPU");
        assertThat(events.get(2).asArrayValue().size()).isEqualTo(1);
    }
}
