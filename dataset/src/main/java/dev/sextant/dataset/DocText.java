package dev.sextant.dataset;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The text of a doc comment the way go/doc presents it ({@code ast.CommentGroup.Text}): comment
 * markers removed, the first space after {@code //} removed, directives such as {@code //go:noinline},
 * {@code //line}, {@code //export} and {@code //nolint:x} dropped, trailing spaces removed, leading and
 * trailing blank lines removed and runs of blank lines reduced to one. Unlike go/doc's text, the result
 * has no final newline.
 */
final class DocText {
    private DocText() {}

    /** The doc text of comments {@code from} to the last of {@code comments}. */
    static String of(byte[] src, PendingComments comments, int from) {
        Lines lines = new Lines();
        for (int i = from; i < comments.size(); i++) {
            int start = comments.start(i);
            int end = comments.end(i);
            if (contains(src, start, end, (byte) '\r')) {
                lines.addText(CommentText.of(src, start, end));
            } else if (src[start + 1] == '/') {
                addLineComment(lines, src, start + 2, end);
            } else {
                // Between the markers of a general comment, each line as it is.
                int p = start + 2;
                int stop = end - 2;
                while (true) {
                    int newline = indexOf(src, p, stop, (byte) '\n');
                    lines.add(src, p, newline < 0 ? stop : newline);
                    if (newline < 0) {
                        break;
                    }
                    p = newline + 1;
                }
            }
        }
        return lines.text();
    }

    private static void addLineComment(Lines lines, byte[] src, int from, int end) {
        if (from < end && src[from] == ' ') {
            lines.add(src, from + 1, end);
        } else if (!isDirective(new String(src, from, end - from, StandardCharsets.UTF_8))) {
            lines.add(src, from, end);
        }
    }

    /** A comment directive: {@code line }, {@code extern }, {@code export } or {@code [a-z0-9]+:[a-z0-9]}. */
    static boolean isDirective(String c) {
        if (c.startsWith("line ") || c.startsWith("extern ") || c.startsWith("export ")) {
            return true;
        }
        int colon = c.indexOf(':');
        if (colon <= 0 || colon + 1 >= c.length()) {
            return false;
        }
        for (int i = 0; i <= colon + 1; i++) {
            char b = c.charAt(i);
            if (i != colon && !(b >= 'a' && b <= 'z' || b >= '0' && b <= '9')) {
                return false;
            }
        }
        return true;
    }

    private static boolean contains(byte[] src, int from, int to, byte b) {
        return indexOf(src, from, to, b) >= 0;
    }

    private static int indexOf(byte[] src, int from, int to, byte b) {
        for (int i = from; i < to; i++) {
            if (src[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** The lines of a doc as they are added: trailing white space cut, blank runs collapsed. */
    private static final class Lines {
        private final ByteArrayOutputStream text = new ByteArrayOutputStream();
        private boolean blankPending;

        void add(byte[] src, int from, int to) {
            int end = to;
            while (end > from && isWhitespace(src[end - 1])) {
                end--;
            }
            if (end == from) {
                blankPending = text.size() > 0; // leading blank lines go; a run of inner ones becomes one
                return;
            }
            if (text.size() > 0) {
                text.write('\n');
                if (blankPending) {
                    text.write('\n');
                }
            }
            text.write(src, from, end - from);
            blankPending = false;
        }

        /** A whole comment's text (with its markers), for comments that had carriage returns. */
        void addText(String comment) {
            String c = comment;
            if (c.charAt(1) == '/') {
                byte[] bytes = c.getBytes(StandardCharsets.UTF_8);
                addLineComment(this, bytes, 2, bytes.length);
                return;
            }
            List<String> parts = new ArrayList<>(List.of(c.substring(2, c.length() - 2).split("\n", -1)));
            for (String part : parts) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                add(bytes, 0, bytes.length);
            }
        }

        String text() {
            return text.toString(StandardCharsets.UTF_8);
        }

        private static boolean isWhitespace(byte b) {
            return b == ' ' || b == '\t' || b == '\n' || b == '\r';
        }
    }
}
