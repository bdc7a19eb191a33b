package dev.sextant.api.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoDurationTest {

    @ParameterizedTest
    @CsvSource({
        "200ms, 200000000",
        "5s, 5000000000",
        "1m30s, 90000000000",
        "1.5h, 5400000000000",
        "100us, 100000",
        "100µs, 100000",
        "7ns, 7",
        "0, 0",
        "0s, 0",
        "2h45m, 9900000000000"
    })
    void parsesGoSyntax(String text, long nanos) {
        assertThat(GoDuration.parse(text)).contains(Duration.ofNanos(nanos));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "5", "ms", "5 s", "-5s", "5d", "1.2.3s", "s5"})
    void refusesAnythingElse(String text) {
        assertThat(GoDuration.parse(text)).isEmpty();
    }

    @Property
    void formatThenParseIsIdentity(@ForAll @LongRange(min = 0, max = 400L * 3_600_000_000_000L) long nanos) {
        Duration d = Duration.ofNanos(nanos);
        assertThat(GoDuration.parse(GoDuration.format(d))).contains(d);
    }
}
