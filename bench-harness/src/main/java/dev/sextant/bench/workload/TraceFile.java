package dev.sextant.bench.workload;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Arrays;
import java.util.Objects;

/**
 * A Mooncake-style trace read into memory and checked line by line before anything runs, so a bad line
 * late in a long file is reported at once with its line number. Each line is one JSON object with
 * {@code timestamp} (milliseconds, non-decreasing), {@code input_length}, {@code output_length} and
 * {@code hash_ids}; other fields are ignored, blank lines skipped.
 *
 * <p>Immutable.
 */
public final class TraceFile {
    static final int MAX_LINE_CHARS = 1 << 20;
    static final int MAX_INPUT_LENGTH = 1_000_000;
    static final int MAX_OUTPUT_LENGTH = 1_000_000;
    static final int MAX_REQUESTS = 10_000_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String source;
    private final long[] timestampNanos;
    private final int[] inputLengths;
    private final int[] outputLengths;
    private final int[][] hashIds;

    private TraceFile(String source, long[] timestampNanos, int[] inputLengths, int[] outputLengths, int[][] hashIds) {
        this.source = source;
        this.timestampNanos = timestampNanos;
        this.inputLengths = inputLengths;
        this.outputLengths = outputLengths;
        this.hashIds = hashIds;
    }

    /**
     * Reads and checks a trace file.
     *
     * @throws WorkloadException naming the file, the line and the field of the first problem
     */
    public static TraceFile read(Path file) {
        Objects.requireNonNull(file, "file");
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(reader, file.toString());
        } catch (NoSuchFileException e) {
            throw new WorkloadException(file + ": no such file");
        } catch (CharacterCodingException e) {
            throw new WorkloadException(file + ": not UTF-8 text");
        } catch (IOException e) {
            throw new WorkloadException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * Reads and checks a trace from {@code reader}.
     *
     * @param source the name used in error messages
     * @throws WorkloadException naming the source, the line and the field of the first problem
     */
    public static TraceFile read(Reader reader, String source) throws IOException {
        BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        LongList ts = new LongList();
        IntList inputs = new IntList();
        IntList outputs = new IntList();
        List<int[]> ids = new ArrayList<>();
        long first = -1;
        long previous = Long.MIN_VALUE;
        int lineNumber = 0;
        StringBuilder line = new StringBuilder();
        while (readLine(in, line, source, lineNumber + 1)) {
            lineNumber++;
            String text = line.toString().strip();
            if (text.isEmpty()) {
                continue;
            }
            if (ts.size() >= MAX_REQUESTS) {
                throw problem(source, lineNumber, null, "more than " + MAX_REQUESTS + " requests (expected: fewer)");
            }
            ObjectNode object = parse(text, source, lineNumber);
            long timestamp = timestampNanos(object, source, lineNumber);
            if (timestamp < previous) {
                throw problem(source, lineNumber, "timestamp", millis(timestamp) + " is earlier than the line before ("
                        + millis(previous) + ") (expected: non-decreasing timestamps)");
            }
            previous = timestamp;
            if (first < 0) {
                first = timestamp;
            }
            ts.add(timestamp - first);
            inputs.add(intField(object, "input_length", 1, MAX_INPUT_LENGTH, source, lineNumber));
            outputs.add(intField(object, "output_length", 1, MAX_OUTPUT_LENGTH, source, lineNumber));
            ids.add(hashIds(object, source, lineNumber));
        }
        if (ts.size() == 0) {
            throw new WorkloadException(source + ": no requests (expected: one JSON object per line)");
        }
        return new TraceFile(source, ts.toArray(), inputs.toArray(), outputs.toArray(), ids.toArray(new int[0][]));
    }

    private static boolean readLine(BufferedReader in, StringBuilder line, String source, int lineNumber)
            throws IOException {
        line.setLength(0);
        int c;
        boolean any = false;
        while ((c = in.read()) >= 0) {
            any = true;
            if (c == '\n') {
                return true;
            }
            if (line.length() >= MAX_LINE_CHARS) {
                throw problem(source, lineNumber, null, "line longer than " + MAX_LINE_CHARS + " characters");
            }
            line.append((char) c);
        }
        return any;
    }

    private static ObjectNode parse(String text, String source, int line) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonParseException e) {
            throw problem(source, line, null, "not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw problem(source, line, null, "not JSON: " + e.getMessage());
        }
        if (!(node instanceof ObjectNode object)) {
            throw problem(source, line, null, "a JSON " + kind(node) + " (expected: an object with timestamp,"
                    + " input_length, output_length and hash_ids)");
        }
        return object;
    }

    private static long timestampNanos(ObjectNode object, String source, int line) {
        JsonNode v = object.get("timestamp");
        if (v == null || v.isNull()) {
            throw problem(source, line, "timestamp", "missing (expected: milliseconds >= 0)");
        }
        if (!v.isNumber() || !Double.isFinite(v.doubleValue()) || v.doubleValue() < 0 || v.doubleValue() > 1e12) {
            throw problem(source, line, "timestamp", describe(v) + " (expected: milliseconds >= 0)");
        }
        return Math.round(v.doubleValue() * 1e6);
    }

    private static int intField(ObjectNode object, String field, int min, int max, String source, int line) {
        JsonNode v = object.get(field);
        if (v == null || v.isNull()) {
            throw problem(source, line, field, "missing (expected: an integer " + min + ".." + max + ")");
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < min || v.intValue() > max) {
            throw problem(source, line, field, describe(v) + " (expected: an integer " + min + ".." + max + ")");
        }
        return v.intValue();
    }

    private static int[] hashIds(ObjectNode object, String source, int line) {
        JsonNode v = object.get("hash_ids");
        if (v == null || v.isNull()) {
            throw problem(source, line, "hash_ids", "missing (expected: a list of block ids)");
        }
        if (!v.isArray()) {
            throw problem(source, line, "hash_ids", describe(v) + " (expected: a list of block ids)");
        }
        int[] out = new int[v.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode id = v.get(i);
            if (!id.isIntegralNumber() || !id.canConvertToInt() || id.intValue() < 0) {
                throw problem(source, line, "hash_ids[" + i + "]", describe(id) + " (expected: an integer >= 0)");
            }
            out[i] = id.intValue();
        }
        return out;
    }

    private static WorkloadException problem(String source, int line, String field, String message) {
        return new WorkloadException(source + ":" + line + ": " + (field == null ? "" : field + ": ") + message);
    }

    private static String describe(JsonNode v) {
        String text = v.toString();
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }

    private static String kind(JsonNode node) {
        return node.isArray() ? "list" : node.isTextual() ? "string" : node.isNumber() ? "number" : "value";
    }

    private static String millis(long nanos) {
        return nanos % 1_000_000 == 0 ? Long.toString(nanos / 1_000_000) : Double.toString(nanos / 1e6);
    }

    /** Where the trace came from. */
    public String source() {
        return source;
    }

    /** Number of requests. */
    public int size() {
        return timestampNanos.length;
    }

    /** Arrival of request {@code i}, nanoseconds after the first one. */
    public long arrivalNanos(int i) {
        return timestampNanos[i];
    }

    /** Prompt length of request {@code i}. */
    public int inputLength(int i) {
        return inputLengths[i];
    }

    /** Output length of request {@code i}. */
    public int outputLength(int i) {
        return outputLengths[i];
    }

    /** Block ids of request {@code i} (not copied: do not mutate). */
    int[] hashIds(int i) {
        return hashIds[i];
    }

    /** A growable list of longs. */
    private static final class LongList {
        private long[] values = new long[1024];
        private int size;

        void add(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        int size() {
            return size;
        }

        long[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }

    /** A growable list of ints. */
    private static final class IntList {
        private int[] values = new int[1024];
        private int size;

        void add(int v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
