package dev.sextant.plugins.precise.index;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sextant.api.endpoint.EndpointId;
import dev.sextant.api.time.ManualClock;
import dev.sextant.plugins.precise.events.KvCacheEvent;
import dev.sextant.plugins.precise.events.StorageTier;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The index against hand-made event streams and the real vLLM BlockStored captures, on both tables. */
class KvBlockIndexTest {
    private static final EndpointId A = EndpointId.parse("10.0.0.1:8000");
    private static final EndpointId B = EndpointId.parse("10.0.0.2:8000");
    private static final String MODEL = "m";

    private final ManualClock clock = new ManualClock();

    private KvBlockIndex index(BlockTable.Kind kind, int maxBlocks) {
        return new KvBlockIndex(new BlockKeys(4, ""), kind.create(), maxBlocks, clock);
    }

    private static int[] tokens(int count, int offset) {
        return IntStream.range(offset, offset + count).toArray();
    }

    private static KvCacheEvent.BlockStored stored(long[] hashes, Long parent, int[] tokens, StorageTier tier) {
        return new KvCacheEvent.BlockStored(hashes, parent == null ? 0 : parent, parent != null, tokens, 4, null, null,
                tier);
    }

    private static int[] match(KvBlockIndex index, int[] prompt, EndpointId... endpoints) {
        long[] keys = index.blockKeys().keys(MODEL, prompt);
        int[] slots = new int[endpoints.length];
        for (int i = 0; i < endpoints.length; i++) {
            slots[i] = index.slotOf(endpoints[i]);
        }
        int[] matched = new int[endpoints.length];
        index.newMatcher().match(keys, keys.length, slots, endpoints.length, matched, new double[endpoints.length]);
        return matched;
    }

    @ParameterizedTest
    @EnumSource(BlockTable.Kind.class)
    void storedChainsAreMatchedConsecutivelyAndRemovalsApplyThroughEngineHashes(BlockTable.Kind kind) {
        KvBlockIndex index = index(kind, 1000);
        int[] prompt = tokens(20, 0); // 5 blocks
        index.apply(A, MODEL, 0, List.of(stored(new long[] {11, 12}, null, tokens(8, 0), StorageTier.GPU)));
        index.apply(A, MODEL, 1, List.of(stored(new long[] {13, 14}, 12L, tokens(8, 8), StorageTier.GPU)));
        index.apply(B, MODEL, 0, List.of(stored(new long[] {21}, null, tokens(4, 0), StorageTier.GPU)));

        assertThat(match(index, prompt, A, B)).containsExactly(4, 1);

        index.apply(A, MODEL, 2, List.of(new KvCacheEvent.BlockRemoved(new long[] {13}, StorageTier.GPU)));
        assertThat(match(index, prompt, A, B)).containsExactly(2, 1);
        assertThat(index.status()).filteredOn(s -> s.endpoint().equals(A)).singleElement()
                .satisfies(s -> assertThat(s.blocks()).isEqualTo(3));

        index.apply(B, MODEL, 1, List.of(new KvCacheEvent.AllBlocksCleared()));
        assertThat(match(index, prompt, A, B)).containsExactly(2, 0);
        assertThat(index.size()).isEqualTo(3);
    }

    @ParameterizedTest
    @EnumSource(BlockTable.Kind.class)
    void aSequenceGapDropsTheEndpointsEntriesAndOrphansAreCounted(BlockTable.Kind kind) {
        KvBlockIndex index = index(kind, 1000);
        index.apply(A, MODEL, 5, List.of(stored(new long[] {11, 12}, null, tokens(8, 0), StorageTier.GPU)));
        index.apply(B, MODEL, 0, List.of(stored(new long[] {21}, null, tokens(4, 0), StorageTier.GPU)));

        boolean gap = index.apply(A, MODEL, 7, List.of(stored(new long[] {13}, 12L, tokens(4, 8), StorageTier.GPU)));

        assertThat(gap).isTrue();
        assertThat(match(index, tokens(12, 0), A, B)).containsExactly(0, 1);
        EndpointIndexStatus a = index.status().stream().filter(s -> s.endpoint().equals(A)).findFirst().orElseThrow();
        assertThat(a.gaps()).isEqualTo(1);
        assertThat(a.orphanBlocks()).isEqualTo(1);
        assertThat(a.blocks()).isZero();
        // rebuilt from later events
        index.apply(A, MODEL, 8, List.of(stored(new long[] {31, 32}, null, tokens(8, 0), StorageTier.GPU)));
        assertThat(match(index, tokens(12, 0), A, B)).containsExactly(2, 1);
    }

    @ParameterizedTest
    @EnumSource(BlockTable.Kind.class)
    void cpuBlocksWeighLessAndSpeculationExpires(BlockTable.Kind kind) {
        KvBlockIndex index = index(kind, 1000);
        index.apply(A, MODEL, 0, List.of(stored(new long[] {11, 12}, null, tokens(8, 0), StorageTier.CPU)));
        long[] keys = index.blockKeys().keys(MODEL, tokens(8, 0));
        int[] matched = new int[1];
        double[] weighted = new double[1];
        index.newMatcher().match(keys, 2, new int[] {index.slotOf(A)}, 1, matched, weighted);
        assertThat(matched[0]).isEqualTo(2);
        assertThat(weighted[0]).isEqualTo(1.6, org.assertj.core.data.Offset.offset(1e-9));

        index.speculate(B, keys, 2, 1_000_000L);
        assertThat(match(index, tokens(8, 0), A, B)).containsExactly(2, 2);
        clock.advanceNanos(2_000_000L);
        index.expireSpeculations();
        assertThat(match(index, tokens(8, 0), A, B)).containsExactly(2, 0);
    }

    @ParameterizedTest
    @EnumSource(BlockTable.Kind.class)
    void memoryIsBoundedPerEndpoint(BlockTable.Kind kind) {
        KvBlockIndex index = index(kind, 3);
        index.apply(A, MODEL, 0, List.of(stored(new long[] {1, 2, 3, 4, 5}, null, tokens(20, 0), StorageTier.GPU)));
        EndpointIndexStatus a = index.status().getFirst();
        assertThat(a.blocks()).isEqualTo(3);
        assertThat(a.overflowBlocks()).isEqualTo(2);
        assertThat(match(index, tokens(20, 0), A)).containsExactly(3);
        index.removeEndpoint(A);
        assertThat(index.size()).isZero();
    }

    @ParameterizedTest
    @EnumSource(BlockTable.Kind.class)
    void manyEndpointsAndManyBlocksGrowTheTable(BlockTable.Kind kind) {
        KvBlockIndex index = index(kind, 100_000);
        int endpoints = 130; // three groups of 64 slots
        int[] prompt = tokens(4 * 3000, 0); // 3,000 blocks: the open table rehashes several times
        for (int e = 0; e < endpoints; e++) {
            EndpointId id = EndpointId.parse("10.1." + (e / 200) + "." + (e % 200 + 1) + ":8000");
            int blocks = e == endpoints - 1 ? 3000 : e + 1;
            long[] hashes = new long[blocks];
            for (int i = 0; i < blocks; i++) {
                hashes[i] = e * 10_000L + i;
            }
            index.apply(id, MODEL, 0, List.of(stored(hashes, null, java.util.Arrays.copyOf(prompt, blocks * 4),
                    StorageTier.GPU)));
        }
        EndpointId[] ids = new EndpointId[endpoints];
        for (int e = 0; e < endpoints; e++) {
            ids[e] = EndpointId.parse("10.1." + (e / 200) + "." + (e % 200 + 1) + ":8000");
        }
        int[] matched = match(index, prompt, ids);
        for (int e = 0; e < endpoints; e++) {
            assertThat(matched[e]).as("endpoint %d", e).isEqualTo(e == endpoints - 1 ? 3000 : e + 1);
        }
        assertThat(index.size()).isEqualTo(3000);
        index.apply(ids[endpoints - 1], MODEL, 1, List.of(new KvCacheEvent.AllBlocksCleared()));
        assertThat(index.size()).isEqualTo(endpoints - 1);
    }

    @ParameterizedTest
    @EnumSource(BlockTable.Kind.class)
    void realVllmCapturesMapToOurKeysPerAdapter(BlockTable.Kind kind) throws IOException {
        KvBlockIndex index = new KvBlockIndex(new BlockKeys(16, ""), kind.create(), 100_000, clock);
        JsonNode base = fixture("vllm-kv-event-blockstored-qwen3-0.6b-base.json");
        JsonNode lora = fixture("vllm-kv-event-blockstored-qwen3-0.6b-lora.json");
        String model = base.get("model_name").asText();
        index.apply(A, model, 0, List.of(event(base, null)));
        index.apply(B, model, 0, List.of(event(lora, lora.get("lora_name").asText())));
        int[] tokens = ints(base.get("token_ids"));
        long[] baseKeys = index.blockKeys().keys(model, tokens);
        long[] loraKeys = index.blockKeys().keys("Alice", tokens);
        int[] slots = {index.slotOf(A), index.slotOf(B)};
        int[] matched = new int[2];
        index.newMatcher().match(baseKeys, baseKeys.length, slots, 2, matched, new double[2]);
        assertThat(matched).containsExactly(25, 0);
        index.newMatcher().match(loraKeys, loraKeys.length, slots, 2, matched, new double[2]);
        assertThat(matched).containsExactly(0, 25);

        index.apply(A, model, 1, List.of(new KvCacheEvent.BlockRemoved(hashes(base).clone(), StorageTier.GPU)));
        index.newMatcher().match(baseKeys, baseKeys.length, slots, 2, matched, new double[2]);
        assertThat(matched).containsExactly(0, 0);
    }

    private static KvCacheEvent.BlockStored event(JsonNode capture, String lora) {
        return new KvCacheEvent.BlockStored(hashes(capture), 0, false, ints(capture.get("token_ids")),
                capture.get("block_size").asInt(), lora, null, StorageTier.ofMedium(capture.get("medium").asText()));
    }

    private static long[] hashes(JsonNode capture) {
        JsonNode h = capture.get("block_hashes");
        long[] out = new long[h.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = new BigInteger(h.get(i).asText()).longValue();
        }
        return out;
    }

    private static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }

    private static JsonNode fixture(String name) throws IOException {
        try (InputStream in = KvBlockIndexTest.class.getResourceAsStream("/fixtures/kv-events/" + name)) {
            return new ObjectMapper().readTree(in);
        }
    }
}
