package dev.sextant.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class SeenPairsTest {

    @Property(tries = 300)
    void behavesLikeASetOfDigests(@ForAll @Size(max = 3000) List<@LongRange(min = 0, max = 2000) Long> values) {
        SeenPairs seen = new SeenPairs();
        Set<List<Long>> reference = new HashSet<>();
        for (long v : values) {
            long high = v * 0x9E3779B97F4A7C15L; // spread the small values over the table
            long low = v % 7;
            assertThat(seen.add(high, low)).isEqualTo(reference.add(List.of(high, low)));
        }
        assertThat(seen.size()).isEqualTo(reference.size());
    }

    @Test
    void aPairIsTheInstructionAndTheOutputTogether() {
        SeenPairs seen = new SeenPairs();
        byte[] src = "func A() {}func A() {}".getBytes(StandardCharsets.UTF_8);
        assertThat(seen.add("doc", src, 0, 11)).isTrue();
        assertThat(seen.add("doc", src, 11, 22)).isFalse(); // same text elsewhere
        assertThat(seen.add("other doc", src, 0, 11)).isTrue();
        assertThat(seen.add("doc", src, 0, 10)).isTrue();
        // The boundary between the two texts is part of the digest.
        byte[] shifted = "c func A() {}".getBytes(StandardCharsets.UTF_8);
        assertThat(seen.add("do", shifted, 0, 13)).isTrue();
    }
}
