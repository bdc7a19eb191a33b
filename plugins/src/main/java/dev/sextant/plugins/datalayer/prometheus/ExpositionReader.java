package dev.sextant.plugins.datalayer.prometheus;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one text exposition line by line into a {@link ParsedMetrics}. A malformed line is skipped
 * and counted, and reading goes on with the next one; the position only moves forward, so every
 * input is read in one pass.
 *
 * <p>Not thread-safe: one instance per parse.
 */
final class ExpositionReader {
    private static final int MAX_LABELS = 128;
    private static final int EXCERPT_LENGTH = 60;

    // Reasons are constants so that a hostile body of malformed lines allocates nothing per line.
    private static final String NOT_A_LINE = "expected a sample, a # comment or a blank line";
    private static final String BAD_DIRECTIVE_NAME = "expected a metric name after HELP or TYPE";
    private static final String BAD_HELP_TEXT = "HELP text is not valid UTF-8";
    private static final String SECOND_HELP = "second HELP line for the family";
    private static final String MISSING_TYPE = "expected a type after the metric name";
    private static final String UNKNOWN_TYPE = "unknown type (expected: counter, gauge, histogram, summary or untyped)";
    private static final String SECOND_TYPE = "second TYPE line for the family";
    private static final String LATE_TYPE = "TYPE line after samples of the family";
    private static final String UNTERMINATED_LABELS = "label set not closed with }";
    private static final String BAD_LABEL_NAME = "invalid label name";
    private static final String RESERVED_LABEL = "label name __name__ is reserved";
    private static final String MISSING_EQUALS = "expected = after the label name";
    private static final String UNQUOTED_VALUE = "expected a label value in double quotes";
    private static final String UNTERMINATED_VALUE = "label value not closed with \"";
    private static final String BAD_ESCAPE = "invalid escape in label value (expected: \\\\, \\\" or \\n)";
    private static final String BAD_UTF8 = "label value is not valid UTF-8";
    private static final String DUPLICATE_LABEL = "label given twice";
    private static final String TOO_MANY_LABELS = "more than " + MAX_LABELS + " labels";
    private static final String LABEL_SEPARATOR = "expected , or } after the label value";
    private static final String MISSING_VALUE = "sample without a value";
    private static final String BAD_VALUE = "invalid sample value";
    private static final String BAD_TIMESTAMP = "invalid timestamp (expected: integer milliseconds)";
    private static final String TRAILING_TEXT = "unexpected text after the timestamp";
    private static final String HISTOGRAM_WITHOUT_SUFFIX = "histogram sample without _bucket, _sum or _count";
    private static final String BUCKET_WITHOUT_LE = "histogram bucket without a numeric le label";
    private static final String QUANTILE_MISSING = "summary sample without a numeric quantile label";

    /**
     * The proportions of the last exposition read, to size the next one's columns: the same pages
     * are parsed again every 50 ms, so this usually gets them right at once and saves growing them.
     * Shared by all threads; a lost update only costs a less fitting guess.
     */
    private static volatile SizeHint sizeHint = new SizeHint(64, 4, 4);

    private record SizeHint(int bytesPerSample, int stringsPerSample, int samplesPerFamily) {}

    private final byte[] text;
    private final int start;
    private final int end;
    private final StringCache strings;
    /** The sample names to keep, or null for all. */
    private final SampleNames wanted;
    private final NumberReader numbers = new NumberReader();
    private final SampleTable.Builder samples;
    private final Map<String, MetricFamily> families;
    private final List<MetricFamily> familyOrder;
    private MetricFamily current;
    /** The name of the last sample read and the family it went to: histogram lines repeat both. */
    private String lastSampleName;
    private MetricFamily lastSampleFamily;

    private int pos;
    private int lineEnd;
    /** The hash of the name {@link #scanMetricName} last passed. */
    private int nameHash;
    private int lineNumber;
    private int validLines;
    private int skippedLines;
    private String firstProblem;
    /** Why the last {@link #readLabelValue} returned {@code null}. */
    private String valueProblem;
    private byte[] scratch = new byte[64];

    ExpositionReader(byte[] text, int offset, int length, StringCache strings) {
        this(text, offset, length, strings, null);
    }

    /** A reader that keeps only the samples named in {@code wanted} (all when it is null). */
    ExpositionReader(byte[] text, int offset, int length, StringCache strings, SampleNames wanted) {
        this.text = text;
        this.start = offset;
        this.end = offset + length;
        this.strings = strings;
        this.wanted = wanted;
        SizeHint hint = sizeHint;
        // Never more than the input can hold (a sample takes at least 4 bytes, a label string 2),
        // whatever the previous page looked like.
        int expectedSamples = Math.min(length / hint.bytesPerSample(), length / 4) + 8;
        int expectedStrings = (int) Math.min((long) expectedSamples * hint.stringsPerSample(), length / 2 + 16L);
        this.samples = new SampleTable.Builder(expectedSamples, expectedStrings);
        int expectedFamilies = expectedSamples / hint.samplesPerFamily() + 4;
        this.families = HashMap.newHashMap(expectedFamilies);
        this.familyOrder = new ArrayList<>(expectedFamilies);
    }

    ParsedMetrics read() {
        int p = start;
        if (end - p >= 3 && text[p] == (byte) 0xef && text[p + 1] == (byte) 0xbb && text[p + 2] == (byte) 0xbf) {
            p += 3;
        }
        while (p < end) {
            int newline = p;
            while (newline < end && text[newline] != '\n') {
                newline++;
            }
            int stop = newline > p && text[newline - 1] == '\r' ? newline - 1 : newline;
            lineNumber++;
            String problem = readLine(p, stop);
            if (problem != null) {
                skip(problem, p, stop);
            }
            p = newline + 1;
        }
        if (validLines == 0 && skippedLines > 0) {
            throw new PrometheusParseException(skippedLines, firstProblem);
        }
        return build();
    }

    /** Reads the line {@code text[from, to)}; returns why it is malformed, or {@code null}. */
    private String readLine(int from, int to) {
        pos = from;
        lineEnd = to;
        skipBlanks();
        if (pos == lineEnd) {
            return null;
        }
        if (text[pos] == '#') {
            pos++;
            return readComment();
        }
        return readSample();
    }

    private String readComment() {
        skipBlanks();
        int keyword = pos;
        while (pos < lineEnd && !Ascii.isBlank(text[pos])) {
            pos++;
        }
        boolean help = isWord(keyword, pos, "HELP");
        boolean type = isWord(keyword, pos, "TYPE");
        if (!(help || type) || pos == lineEnd) {
            return null;
        }
        skipBlanks();
        String name = readMetricName();
        if (name == null || (pos < lineEnd && !Ascii.isBlank(text[pos]))) {
            return BAD_DIRECTIVE_NAME;
        }
        skipBlanks();
        return help ? readHelp(name) : readType(name);
    }

    private String readHelp(String name) {
        String helpText = readHelpText();
        if (helpText == null) {
            return BAD_HELP_TEXT;
        }
        MetricFamily family = family(name);
        if (family.helpDeclared()) {
            return SECOND_HELP;
        }
        family.declareHelp(helpText);
        current = family;
        validLines++;
        return null;
    }

    private String readType(String name) {
        int keyword = pos;
        while (pos < lineEnd && !Ascii.isBlank(text[pos])) {
            pos++;
        }
        if (keyword == pos) {
            return MISSING_TYPE;
        }
        MetricType type = MetricType.fromKeyword(text, keyword, pos);
        skipBlanks();
        if (type == null || pos != lineEnd) {
            return UNKNOWN_TYPE;
        }
        MetricFamily family = family(name);
        if (family.typeDeclared()) {
            return SECOND_TYPE;
        }
        if (!family.isEmpty()) {
            return LATE_TYPE;
        }
        family.declareType(type);
        current = family;
        validLines++;
        return null;
    }

    private String readSample() {
        int nameStart = pos;
        if (!scanMetricName()) {
            return NOT_A_LINE;
        }
        if (wanted != null && !wanted.contains(text, nameStart, pos, nameHash)) {
            return skipUnwantedSample();
        }
        String name = strings.get(text, nameStart, pos, nameHash);
        skipBlanks();
        int mark = samples.labelMark();
        String problem = readSampleRest(name, mark);
        if (problem != null) {
            samples.dropLabelsFrom(mark);
        }
        return problem;
    }

    /**
     * Passes over a sample nobody reads, after its name: its label set is stepped over (quotes and
     * escapes respected, nothing decoded) and only its value is checked, so that a page of garbage
     * is still refused as one.
     */
    private String skipUnwantedSample() {
        skipBlanks();
        if (pos < lineEnd && text[pos] == '{') {
            if (!skipLabelSet()) {
                return UNTERMINATED_LABELS;
            }
            skipBlanks();
        }
        String problem = readValue();
        if (problem == null) {
            validLines++;
        }
        return problem;
    }

    /** Moves past a label set from its '{' to its '}', inside quotes too; false if the line ends first. */
    private boolean skipLabelSet() {
        boolean quoted = false;
        for (pos++; pos < lineEnd; pos++) {
            byte b = text[pos];
            if (quoted && b == '\\') {
                pos++; // the escaped character
            } else if (b == '"') {
                quoted = !quoted;
            } else if (b == '}' && !quoted) {
                pos++;
                return true;
            }
        }
        return false;
    }

    /** Reads a sample's value into {@code numbers.value}; returns why it is not one, or {@code null}. */
    private String readValue() {
        int valueStart = pos;
        while (pos < lineEnd && !Ascii.isBlank(text[pos])) {
            pos++;
        }
        if (valueStart == pos) {
            return MISSING_VALUE;
        }
        if (!numbers.readFloat(text, valueStart, pos)) {
            return BAD_VALUE;
        }
        return null;
    }

    private String readSampleRest(String name, int mark) {
        if (pos < lineEnd && text[pos] == '{') {
            pos++;
            String problem = readLabels(mark);
            if (problem != null) {
                return problem;
            }
            skipBlanks();
        }
        String notAValue = readValue();
        if (notAValue != null) {
            return notAValue;
        }
        double value = numbers.value;
        skipBlanks();
        long timestamp = Sample.NO_TIMESTAMP;
        if (pos < lineEnd) {
            int timestampStart = pos;
            while (pos < lineEnd && !Ascii.isBlank(text[pos])) {
                pos++;
            }
            if (!numbers.readInt64(text, timestampStart, pos) || numbers.integer == Sample.NO_TIMESTAMP) {
                return BAD_TIMESTAMP;
            }
            timestamp = numbers.integer;
            skipBlanks();
            if (pos < lineEnd) {
                return TRAILING_TEXT;
            }
        }
        MetricFamily family = familyOfSample(name);
        String problem = checkRole(family, name, mark);
        if (problem != null) {
            return problem;
        }
        family.addRow(samples.add(name, value, timestamp, mark));
        current = family;
        lastSampleName = name;
        lastSampleFamily = family;
        validLines++;
        return null;
    }

    private String readLabels(int mark) {
        while (true) {
            skipBlanks();
            if (pos >= lineEnd) {
                return UNTERMINATED_LABELS;
            }
            if (text[pos] == '}') {
                pos++;
                return null;
            }
            if (!Ascii.isLabelNameStart(text[pos])) {
                return BAD_LABEL_NAME;
            }
            int nameStart = pos;
            int hash = 0;
            while (pos < lineEnd && Ascii.isLabelNameChar(text[pos])) {
                hash = StringCache.step(hash, text[pos]);
                pos++;
            }
            String labelName = strings.get(text, nameStart, pos, hash);
            if (labelName.equals("__name__")) {
                return RESERVED_LABEL;
            }
            skipBlanks();
            if (pos >= lineEnd || text[pos] != '=') {
                return MISSING_EQUALS;
            }
            pos++;
            skipBlanks();
            if (pos >= lineEnd || text[pos] != '"') {
                return UNQUOTED_VALUE;
            }
            pos++;
            String value = readLabelValue();
            if (value == null) {
                return valueProblem;
            }
            if (samples.labelSince(mark, labelName) != null) {
                return DUPLICATE_LABEL;
            }
            if (samples.labelsSince(mark) == MAX_LABELS) {
                return TOO_MANY_LABELS;
            }
            samples.addLabel(labelName, value);
            skipBlanks();
            if (pos < lineEnd && text[pos] == ',') {
                pos++;
            } else if (pos < lineEnd && text[pos] == '}') {
                pos++;
                return null;
            } else {
                return LABEL_SEPARATOR;
            }
        }
    }

    /** Reads a label value up to its closing quote; {@code null} with {@link #valueProblem} set if malformed. */
    private String readLabelValue() {
        int valueStart = pos;
        int hash = 0;
        boolean ascii = true;
        while (pos < lineEnd) {
            byte b = text[pos];
            if (b == '"') {
                if (!ascii && !Utf8.isValid(text, valueStart, pos)) {
                    valueProblem = BAD_UTF8;
                    return null;
                }
                String value = strings.get(text, valueStart, pos, hash);
                pos++;
                return value;
            }
            if (b == '\\') {
                return readEscapedLabelValue(valueStart);
            }
            ascii &= b >= 0;
            hash = StringCache.step(hash, b);
            pos++;
        }
        valueProblem = UNTERMINATED_VALUE;
        return null;
    }

    private String readEscapedLabelValue(int valueStart) {
        int length = pos - valueStart;
        ensureScratch(lineEnd - valueStart);
        System.arraycopy(text, valueStart, scratch, 0, length);
        while (pos < lineEnd) {
            byte b = text[pos++];
            if (b == '"') {
                if (!Utf8.isValid(scratch, 0, length)) {
                    valueProblem = BAD_UTF8;
                    return null;
                }
                return strings.get(scratch, 0, length, StringCache.hash(scratch, 0, length));
            }
            if (b == '\\') {
                if (pos >= lineEnd) {
                    break;
                }
                byte escaped = text[pos++];
                switch (escaped) {
                    case '\\', '"' -> scratch[length++] = escaped;
                    case 'n' -> scratch[length++] = '\n';
                    default -> {
                        valueProblem = BAD_ESCAPE;
                        return null;
                    }
                }
            } else {
                scratch[length++] = b;
            }
        }
        valueProblem = UNTERMINATED_VALUE;
        return null;
    }

    /**
     * The rest of the line as HELP text: {@code \\} and {@code \n} unescaped, other backslashes kept
     * as written (help text is for people, so it is not worth dropping a family over); {@code null}
     * if it is not valid UTF-8.
     */
    private String readHelpText() {
        int from = pos;
        int hash = 0;
        boolean escaped = false;
        boolean ascii = true;
        for (int p = from; p < lineEnd; p++) {
            byte b = text[p];
            escaped |= b == '\\';
            ascii &= b >= 0;
            hash = StringCache.step(hash, b);
        }
        pos = lineEnd;
        if (!escaped) {
            return ascii || Utf8.isValid(text, from, lineEnd) ? strings.get(text, from, lineEnd, hash) : null;
        }
        ensureScratch(lineEnd - from);
        int length = 0;
        for (int p = from; p < lineEnd; p++) {
            byte b = text[p];
            if (b == '\\' && p + 1 < lineEnd && (text[p + 1] == '\\' || text[p + 1] == 'n')) {
                p++;
                scratch[length++] = text[p] == 'n' ? (byte) '\n' : (byte) '\\';
            } else {
                scratch[length++] = b;
            }
        }
        return Utf8.isValid(scratch, 0, length)
                ? strings.get(scratch, 0, length, StringCache.hash(scratch, 0, length)) : null;
    }

    /** Reads a metric name at {@link #pos}; {@code null} if none starts there. */
    private String readMetricName() {
        int nameStart = pos;
        return scanMetricName() ? strings.get(text, nameStart, pos, nameHash) : null;
    }

    /**
     * Moves past a metric name, leaving its {@link StringCache#hash} in {@link #nameHash}; false
     * (nothing consumed) if no name starts here.
     */
    private boolean scanMetricName() {
        if (pos >= lineEnd || !Ascii.isMetricNameStart(text[pos])) {
            return false;
        }
        int hash = 0;
        while (pos < lineEnd && Ascii.isMetricNameChar(text[pos])) {
            hash = StringCache.step(hash, text[pos]);
            pos++;
        }
        nameHash = hash;
        return true;
    }

    /**
     * The family a sample named {@code name} belongs to: the family being read if the name fits it
     * (exactly, or with a suffix its type allows), else an earlier family of that name or of its
     * histogram/summary base, else a new untyped family named after the sample.
     */
    private MetricFamily familyOfSample(String name) {
        // Names come from the string cache, so a repeated name is usually the very same instance.
        if (name == lastSampleName && lastSampleFamily == current) {
            return current;
        }
        MetricFamily family = current;
        if (family != null && (family.name().equals(name) || family.takesSuffixed(name))) {
            return family;
        }
        family = families.get(name);
        if (family != null) {
            return family;
        }
        for (HistogramSuffix suffix : HistogramSuffix.ALL) {
            String base = suffix.baseOf(name);
            MetricFamily candidate = base == null ? null : families.get(base);
            if (candidate != null && suffix.allowedIn(candidate.type())) {
                return candidate;
            }
        }
        return family(name);
    }

    /** Why a sample named {@code name} with the labels read since {@code mark} cannot join {@code family}. */
    private String checkRole(MetricFamily family, String name, int mark) {
        switch (family.type()) {
            case HISTOGRAM -> {
                if (name.equals(family.name())) {
                    return HISTOGRAM_WITHOUT_SUFFIX;
                }
                if (HistogramSuffix.BUCKET.joins(family.name(), name) && !hasNumericLabel(mark, "le")) {
                    return BUCKET_WITHOUT_LE;
                }
            }
            case SUMMARY -> {
                if (name.equals(family.name()) && !hasNumericLabel(mark, "quantile")) {
                    return QUANTILE_MISSING;
                }
            }
            case COUNTER, GAUGE, UNTYPED -> {
                // Any sample named exactly like the family belongs to it.
            }
        }
        return null;
    }

    private boolean hasNumericLabel(int mark, String label) {
        String value = samples.labelSince(mark, label);
        return value != null && numbers.readFloat(value);
    }

    private MetricFamily family(String name) {
        MetricFamily family = families.get(name);
        if (family == null) {
            family = new MetricFamily(name);
            families.put(name, family);
            familyOrder.add(family);
        }
        return family;
    }

    private void skip(String problem, int from, int to) {
        skippedLines++;
        if (firstProblem == null) {
            firstProblem = "line " + lineNumber + ": " + problem + ": " + excerpt(from, to);
        }
    }

    /** The start of the line for a message: printable ASCII only, since the input may be hostile. */
    private String excerpt(int from, int to) {
        StringBuilder out = new StringBuilder("\"");
        int stop = Math.min(to, from + EXCERPT_LENGTH);
        for (int p = from; p < stop; p++) {
            byte b = text[p];
            out.append(b >= 0x20 && b < 0x7f ? (char) b : '?');
        }
        return out.append(to > stop ? "...\"" : "\"").toString();
    }

    private void skipBlanks() {
        while (pos < lineEnd && Ascii.isBlank(text[pos])) {
            pos++;
        }
    }

    private boolean isWord(int from, int to, String word) {
        if (to - from != word.length()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (text[from + i] != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private void ensureScratch(int length) {
        if (scratch.length < length) {
            scratch = new byte[Math.max(length, scratch.length * 2)];
        }
    }

    private ParsedMetrics build() {
        SampleTable table = samples.build();
        for (MetricFamily family : familyOrder) {
            family.attach(table);
        }
        int sampleCount = Math.max(1, table.size);
        SizeHint hint = new SizeHint(Math.max(8, (end - start) / sampleCount),
                Math.max(2, -Math.floorDiv(-samples.strings(), sampleCount)),
                Math.max(1, sampleCount / Math.max(1, familyOrder.size())));
        if (table.size > 0 && !hint.equals(sizeHint)) {
            sizeHint = hint;
        }
        return new ParsedMetrics(table, Collections.unmodifiableList(familyOrder),
                Collections.unmodifiableMap(families), skippedLines, firstProblem);
    }
}
