package dev.sextant.bench.load;

import java.util.Arrays;

/**
 * Splits a server-sent event stream, fed in chunks as they arrive, into the payloads of its {@code data:}
 * lines. Other fields, comments and blank lines are skipped. A line longer than {@link #MAX_LINE} bytes is a
 * protocol error. Not thread-safe: one stream, one caller.
 */
final class SseLines {
    static final int MAX_LINE = 1 << 20;

    /** Receives each {@code data:} payload, without the field name, one leading space, or the line end. */
    @FunctionalInterface
    interface DataHandler {
        /** @return false to stop reading the stream */
        boolean data(byte[] buffer, int offset, int length);
    }

    private final DataHandler handler;
    private byte[] line = new byte[512];
    private int length;
    private boolean stopped;

    SseLines(DataHandler handler) {
        this.handler = handler;
    }

    /**
     * Feeds the next bytes of the stream.
     *
     * @return false when the handler stopped the stream or a line was too long
     */
    boolean feed(byte[] chunk, int offset, int count) {
        int end = offset + count;
        for (int i = offset; i < end && !stopped; i++) {
            byte b = chunk[i];
            if (b == '\n') {
                endOfLine();
            } else {
                if (length == line.length) {
                    if (length >= MAX_LINE) {
                        stopped = true;
                        return false;
                    }
                    line = Arrays.copyOf(line, Math.min(MAX_LINE, length * 2));
                }
                line[length++] = b;
            }
        }
        return !stopped;
    }

    /** Whether a line was too long or the handler stopped the stream. */
    boolean stopped() {
        return stopped;
    }

    private void endOfLine() {
        int n = length;
        length = 0;
        if (n > 0 && line[n - 1] == '\r') {
            n--;
        }
        if (n < 5 || line[0] != 'd' || line[1] != 'a' || line[2] != 't' || line[3] != 'a' || line[4] != ':') {
            return;
        }
        int from = 5;
        if (from < n && line[from] == ' ') {
            from++;
        }
        if (!handler.data(line, from, n - from)) {
            stopped = true;
        }
    }
}
