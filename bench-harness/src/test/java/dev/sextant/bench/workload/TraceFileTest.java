package dev.sextant.bench.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TraceFileTest {
    private static final String GOOD = "{\"timestamp\": 10, \"input_length\": 6755, \"output_length\": 500, \"hash_ids\": [0, 1]}";

    @Test
    void readsMooncakeLines() throws IOException {
        TraceFile t = TraceFile.read(new StringReader(GOOD + "\n\n{\"timestamp\": 12.5, \"input_length\": 7, "
                + "\"output_length\": 1, \"hash_ids\": [], \"extra\": true}\n"), "t.jsonl");
        assertThat(t.size()).isEqualTo(2);
        assertThat(t.arrivalNanos(0)).isZero();
        assertThat(t.arrivalNanos(1)).isEqualTo(2_500_000L);
        assertThat(t.inputLength(0)).isEqualTo(6755);
        assertThat(t.outputLength(1)).isEqualTo(1);
        assertThat(t.hashIds(0)).containsExactly(0, 1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "not json|t.jsonl:2: not JSON:",
        "[1, 2]|t.jsonl:2: a JSON list (expected: an object with timestamp, input_length, output_length and hash_ids)",
        "{\"input_length\": 5, \"output_length\": 1, \"hash_ids\": []}|t.jsonl:2: timestamp: missing (expected: milliseconds >= 0)",
        "{\"timestamp\": -3, \"input_length\": 5, \"output_length\": 1, \"hash_ids\": []}|t.jsonl:2: timestamp: -3 (expected: milliseconds >= 0)",
        "{\"timestamp\": 5, \"input_length\": 5, \"output_length\": 1, \"hash_ids\": []}|t.jsonl:2: timestamp: 5 is earlier than the line before (10) (expected: non-decreasing timestamps)",
        "{\"timestamp\": 20, \"input_length\": 0, \"output_length\": 1, \"hash_ids\": []}|t.jsonl:2: input_length: 0 (expected: an integer 1..1000000)",
        "{\"timestamp\": 20, \"input_length\": \"5\", \"output_length\": 1, \"hash_ids\": []}|t.jsonl:2: input_length: \"5\" (expected: an integer 1..1000000)",
        "{\"timestamp\": 20, \"input_length\": 5, \"output_length\": 1.5, \"hash_ids\": []}|t.jsonl:2: output_length: 1.5 (expected: an integer 1..1000000)",
        "{\"timestamp\": 20, \"input_length\": 5, \"output_length\": 1}|t.jsonl:2: hash_ids: missing (expected: a list of block ids)",
        "{\"timestamp\": 20, \"input_length\": 5, \"output_length\": 1, \"hash_ids\": [1, -2]}|t.jsonl:2: hash_ids[1]: -2 (expected: an integer >= 0)",
        "{\"timestamp\": 20, \"input_length\": 5, \"output_length\": 1, \"hash_ids\": 4}|t.jsonl:2: hash_ids: 4 (expected: a list of block ids)",
    })
    void namesTheLineAndFieldOfABadLine(String line, String expected) {
        assertThatThrownBy(() -> TraceFile.read(new StringReader(GOOD + "\n" + line + "\n"), "t.jsonl"))
                .isInstanceOf(WorkloadException.class).hasMessageStartingWith(expected);
    }

    @Test
    void refusesAnEmptyTrace() {
        assertThatThrownBy(() -> TraceFile.read(new StringReader("\n \n"), "t.jsonl"))
                .hasMessage("t.jsonl: no requests (expected: one JSON object per line)");
    }

    @Test
    void refusesAnEndlessLine() {
        String huge = "{\"timestamp\": 1, \"pad\": \"" + "x".repeat(TraceFile.MAX_LINE_CHARS) + "\"}";
        assertThatThrownBy(() -> TraceFile.read(new StringReader(huge), "t.jsonl"))
                .hasMessage("t.jsonl:1: line longer than 1048576 characters");
    }

    @Test
    void saysWhenTheFileIsMissing() {
        assertThatThrownBy(() -> TraceFile.read(java.nio.file.Path.of("/nonexistent/t.jsonl")))
                .hasMessage("/nonexistent/t.jsonl: no such file");
    }
}
