package dev.sextant.sidecar;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostPortTest {

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            "10.0.0.1:8000, true",
            "[fd00::1]:8000, true",
            "prefill-0.pool.svc:8000, true",
            "10.0.0.1, false",
            "10.0.0.1:, false",
            ":8000, false",
            "10.0.0.1:0, false",
            "10.0.0.1:65536, false",
            "10.0.0.1:80a, false",
            "fd00::1:8000, false",
            "evil.com/x:80, false",
            "user@10.0.0.1:80, false"})
    void acceptsOnlyHostAndPort(String text, boolean expected) {
        assertThat(HostPort.isHostPort(text)).isEqualTo(expected);
    }

    @Test
    void theFirstOfSeveralTargetsIsUsed() {
        assertThat(SidecarService.firstTarget(" 10.0.0.1:8000 , 10.0.0.2:8000")).isEqualTo("10.0.0.1:8000");
        assertThat(SidecarService.firstTarget(" ")).isNull();
        assertThat(SidecarService.firstTarget(null)).isNull();
    }

    @Test
    void fallbackReasonsAreSafeHeaderValues() {
        assertThat(SidecarService.headerSafe("connection refused:\r\n  at x")).isEqualTo("connection refused:   at x");
        assertThat(SidecarService.headerSafe("y".repeat(500))).hasSize(200);
    }

    @Test
    void allowedTargetsCompareTrimmedAndCaseInsensitive() {
        PrefillTargets targets = PrefillTargets.only(List.of("Prefill-0:8000 "));
        assertThat(targets.allows("prefill-0:8000")).isTrue();
        assertThat(targets.allows("prefill-0:8001")).isFalse();
        assertThat(targets.allows("prefill-0")).isFalse();
    }
}
