package dev.sextant.bench.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class WorkloadParserTest {

    private static Workload parse(String yaml) {
        return WorkloadParser.parse(yaml, "w.yaml", "w", Path.of("/data"));
    }

    @Test
    void readsEachKind() {
        Workload sp = parse("""
                kind: shared-prefix
                seed: 7
                groups: 150
                prefixTokens: 6000
                usersPerGroup: 5
                questionTokens: 1200
                outputTokens: 1000
                arrivals:
                  stages:
                  - {rate: 15, duration: 50}
                  - {rate: 3, duration: 20s}
                  maxRequests: 100
                """);
        assertThat(sp.name()).isEqualTo("w");
        assertThat(sp.seed()).isEqualTo(7L);
        assertThat(sp.spec()).isEqualTo(new WorkloadSpec.SharedPrefix(150, 6000, 5, 1200, 1000));
        assertThat(sp.arrivals()).isEqualTo(new ArrivalSchedule(List.of(new Stage(15, Duration.ofSeconds(50)),
                new Stage(3, Duration.ofSeconds(20))), 100));
        Workload mt = parse("""
                kind: multi-turn
                name: chat
                turns: 4
                questionTokens: {min: 10, max: 20}
                outputTokens: 30
                thinkTime: 1.5s
                arrivals: {rate: 2, duration: 1m}
                """);
        assertThat(mt.name()).isEqualTo("chat");
        assertThat(mt.spec()).isEqualTo(new WorkloadSpec.MultiTurn(0, 4, new LengthRange(10, 20), LengthRange.of(30),
                Duration.ofMillis(1500)));
        Workload r = parse("""
                kind: random
                inputTokens: 100
                outputTokens: {min: 1, max: 5}
                arrivals: {rate: 0.5, duration: 10}
                """);
        assertThat(r.spec()).isEqualTo(new WorkloadSpec.RandomPrompts(LengthRange.of(100), new LengthRange(1, 5)));
        Workload t = parse("""
                kind: trace
                file: traces/mooncake.jsonl
                speedup: 4
                """);
        assertThat(t.spec()).isEqualTo(new WorkloadSpec.TraceReplay(Path.of("/data/traces/mooncake.jsonl"), 512, 4.0));
        assertThat(t.arrivals()).isNull();
    }

    static Stream<Arguments> badFiles() {
        return Stream.of(
                Arguments.of("kind: shared\n", "w.yaml:1: kind: 'shared' (expected: one of multi-turn, random, shared-prefix, trace)"),
                Arguments.of("groups: 3\n", "w.yaml: kind: missing (expected: one of multi-turn, random, shared-prefix, trace)"),
                Arguments.of("kind: random\ninputTokens: 0\noutputTokens: 5\narrivals: {rate: 1, duration: 1s}\n", "w.yaml:2: inputTokens: 0 (expected: a token count >= 1, or {min, max})"),
                Arguments.of("kind: random\ninputTokens: 5\noutputTokens: 5\nrate: 3\narrivals: {rate: 1, duration: 1s}\n", "w.yaml:4: rate: unknown key (expected one of: arrivals, inputTokens, kind, name, outputTokens, seed)"),
                Arguments.of("kind: random\ninputTokens: 5\noutputTokens: 5\narrivals: {rate: -1, duration: 1s}\n", "w.yaml:4: arrivals.rate: -1 (expected: a number >= 0)"),
                Arguments.of("kind: random\ninputTokens: 5\noutputTokens: 5\narrivals: {rate: 1, duration: soon}\n", "w.yaml:4: arrivals.duration: 'soon' (expected: a duration such as 20s, or seconds)"),
                Arguments.of("kind: random\ninputTokens: 5\noutputTokens: 5\n", "w.yaml: arrivals: missing (expected: {rate, duration} or {stages: [...]})"),
                Arguments.of("kind: random\ninputTokens: 5\noutputTokens: {min: 9, max: 2}\narrivals: {rate: 1, duration: 1s}\n", "w.yaml:3: outputTokens.max: 2 (expected: >= min 9)"),
                Arguments.of("kind: shared-prefix\ngroups: 2\nprefixTokens: 5\nusersPerGroup: 2\nquestionTokens: 3\narrivals: {rate: 1, duration: 1s}\n", "w.yaml: outputTokens: missing (expected: an integer 1..1000000)"),
                Arguments.of("kind: trace\nfile: t.jsonl\narrivals: {rate: 1, duration: 1s}\n", "w.yaml:3: arrivals: not allowed for a trace (expected: arrival times from the trace's timestamps)"),
                Arguments.of("kind: random\ninputTokens: 5\noutputTokens: 5\narrivals:\n  stages:\n  - {rate: 1}\n", "w.yaml:6: arrivals.stages[0].duration: missing (expected: a duration such as 60s)"),
                Arguments.of("kind: [random\n", "w.yaml:1: invalid YAML:"));
    }

    @ParameterizedTest
    @MethodSource("badFiles")
    void refusesBadFilesNamingTheLineAndField(String yaml, String expected) {
        assertThatThrownBy(() -> parse(yaml)).isInstanceOf(WorkloadException.class)
                .hasMessageStartingWith(expected);
    }

    @Test
    void reportsEveryProblemAtOnce() {
        assertThatThrownBy(() -> parse("""
                kind: shared-prefix
                groups: 0
                prefixTokens: -1
                usersPerGroup: 2
                questionTokens: 3
                outputTokens: 4
                extra: 1
                arrivals: {rate: 1, duration: 1s}
                """)).hasMessage("""
                w.yaml:7: extra: unknown key (expected one of: arrivals, groups, kind, name, outputTokens, prefixTokens, \
                questionTokens, seed, usersPerGroup)
                w.yaml:2: groups: 0 (expected: an integer 1..1000000)
                w.yaml:3: prefixTokens: -1 (expected: an integer 0..1000000)""");
    }

    @Test
    void refusesDuplicateKeys() {
        assertThatThrownBy(() -> parse("kind: random\nkind: random\n")).hasMessageContaining("Duplicate field 'kind'");
    }
}
