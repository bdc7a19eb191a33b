package dev.sextant.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class SseLinesProperties {
    private static final String STREAM = "data: {\"a\":1}\n\n: a comment\nevent: x\ndata:{\"b\":\"é\"}\r\n\r\n"
            + "id: 3\ndata: [DONE]\n\n";

    private static List<String> split(byte[] stream, List<Integer> cuts) {
        List<String> out = new ArrayList<>();
        SseLines lines = new SseLines((b, off, len) -> out.add(new String(b, off, len, StandardCharsets.UTF_8)));
        int from = 0;
        for (int cut : cuts) {
            int to = Math.min(stream.length, Math.max(from, cut));
            lines.feed(stream, from, to - from);
            from = to;
        }
        lines.feed(stream, from, stream.length - from);
        return out;
    }

    /** Bytes may arrive cut anywhere, even inside a UTF-8 character: the payloads are the same. */
    @Property(tries = 300)
    void chunkBoundariesDoNotMatter(@ForAll @Size(max = 12) List<@IntRange(min = 0, max = 80) Integer> cuts) {
        byte[] stream = STREAM.getBytes(StandardCharsets.UTF_8);
        List<Integer> sorted = cuts.stream().sorted().toList();
        assertThat(split(stream, sorted)).containsExactly("{\"a\":1}", "{\"b\":\"é\"}", "[DONE]");
    }

    @Test
    void aHandlerCanStopTheStream() {
        byte[] stream = STREAM.getBytes(StandardCharsets.UTF_8);
        List<String> seen = new ArrayList<>();
        SseLines lines = new SseLines((b, off, len) -> {
            seen.add(new String(b, off, len, StandardCharsets.UTF_8));
            return false;
        });
        assertThat(lines.feed(stream, 0, stream.length)).isFalse();
        assertThat(lines.stopped()).isTrue();
        assertThat(seen).containsExactly("{\"a\":1}");
    }

    @Test
    void anEndlessLineStopsTheStream() {
        SseLines lines = new SseLines((b, off, len) -> true);
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) 'x');
        boolean going = true;
        for (int i = 0; i < 20 && going; i++) {
            going = lines.feed(chunk, 0, chunk.length);
        }
        assertThat(going).isFalse();
    }
}
