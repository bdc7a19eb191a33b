package dev.sextant.core.requestcontrol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.api.request.ApiKind;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RequestReaderTest {

    @Test
    void aRequestWithoutAnIdGetsAFreshVersion4Uuid() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = RequestReader.read(ApiKind.OTHER, Map.of(), null, 0).request().requestId();
            UUID uuid = UUID.fromString(id);
            assertThat(uuid.version()).isEqualTo(4);
            assertThat(uuid.variant()).isEqualTo(2);
            assertThat(uuid.toString()).isEqualTo(id);
            ids.add(id);
        }
        assertThat(ids).hasSize(10_000);
    }

    @Test
    void aClientsIdIsKept() {
        assertThat(RequestReader.read(ApiKind.OTHER, Map.of("X-Request-Id", "abc-1"), null, 0).request().requestId())
                .isEqualTo("abc-1");
    }
}
