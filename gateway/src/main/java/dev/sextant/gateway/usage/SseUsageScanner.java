package dev.sextant.gateway.usage;

import dev.sextant.api.request.Usage;
import java.util.Arrays;

/**
 * Scans a server-sent event stream for {@code data:} lines that carry usage (the final chunk of a
 * chat stream with {@code include_usage}, or the Responses API's {@code response.completed}). Lines
 * may be split across chunks; a line longer than {@link #MAX_LINE} is skipped rather than buffered.
 */
public final class SseUsageScanner implements UsageCollector {
    /** The longest event line kept for inspection. */
    static final int MAX_LINE = 1 << 20;

    private static final byte[] DATA = "data:".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] USAGE = "\"usage\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private byte[] line = new byte[256];
    private int length;
    private boolean overflow;
    private Usage usage = Usage.NONE;

    @Override
    public void accept(byte[] chunk, int offset, int count) {
        int end = offset + count;
        for (int i = offset; i < end; i++) {
            byte b = chunk[i];
            if (b == '\n') {
                endOfLine();
            } else if (!overflow) {
                if (length == line.length) {
                    if (length >= MAX_LINE) {
                        overflow = true;
                        continue;
                    }
                    line = Arrays.copyOf(line, Math.min(MAX_LINE, length * 2));
                }
                line[length++] = b;
            }
        }
    }

    private void endOfLine() {
        int n = length;
        if (n > 0 && line[n - 1] == '\r') {
            n--;
        }
        if (!overflow && startsWith(line, n, DATA) && contains(line, n, USAGE)) {
            int start = DATA.length;
            while (start < n && line[start] == ' ') {
                start++;
            }
            Usage found = UsageJson.parse(line, start, n - start);
            if (found != null) {
                usage = found;
            }
        }
        length = 0;
        overflow = false;
    }

    @Override
    public Usage usage() {
        return usage;
    }

    private static boolean startsWith(byte[] buf, int n, byte[] prefix) {
        if (n < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (buf[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean contains(byte[] buf, int n, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= n; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (buf[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
