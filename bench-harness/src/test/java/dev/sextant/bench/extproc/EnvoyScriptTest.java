package dev.sextant.bench.extproc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingRequest;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnvoyScriptTest {

    @ParameterizedTest
    @CsvSource({"CHAT, 8192, 16384, 1", "COMPLETIONS, 225280, 16384, 14", "CHAT, 225280, 65536, 4", "CHAT, 100, 100, 1"})
    void bodiesHaveTheExactSizeAndTravelInChunksOfAtMostTheChunkSize(BodyApi api, int bytes, int chunk, int chunks)
            throws Exception {
        List<byte[]> bodies = PromptBodies.of(api, "m", bytes, 3, 7);
        assertThat(bodies).hasSize(3).allSatisfy(b -> assertThat(b).hasSize(bytes));
        assertThat(bodies.get(0)).isNotEqualTo(bodies.get(1));
        JsonNode json = new ObjectMapper().readTree(bodies.get(0));
        assertThat(json.get("model").asText()).isEqualTo("m");
        assertThat(api == BodyApi.CHAT ? json.at("/messages/0/content") : json.get("prompt")).isNotNull();

        EnvoyScript script = EnvoyScript.of(api, bodies.get(0), chunk);
        assertThat(script.requestHeaders().getRequestHeaders().getHeaders().getHeadersList())
                .anySatisfy(h -> assertThat(h.getKey() + "=" + h.getRawValue().toStringUtf8())
                        .isEqualTo(":path=" + api.path()))
                .anySatisfy(h -> assertThat(h.getKey() + "=" + h.getRawValue().toStringUtf8())
                        .isEqualTo("content-length=" + bytes));
        assertThat(script.requestBodyChunks()).hasSize(chunks);
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (int i = 0; i < chunks; i++) {
            ProcessingRequest r = script.requestBodyChunks().get(i);
            assertThat(r.getRequestBody().getBody().size()).isLessThanOrEqualTo(chunk);
            assertThat(r.getRequestBody().getEndOfStream()).isEqualTo(i == chunks - 1);
            joined.writeBytes(r.getRequestBody().getBody().toByteArray());
        }
        assertThat(joined.toByteArray()).isEqualTo(bodies.get(0));
        assertThat(script.responseBody().getResponseBody().getEndOfStream()).isTrue();
    }
}
