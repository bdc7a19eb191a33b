package dev.sextant.dataset;

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
        List<String> lines = new ArrayList<>();
        for (int i = from; i < comments.size(); i++) {
            String c = CommentText.of(src, comments.start(i), comments.end(i));
            if (c.charAt(1) == '/') {
                c = c.substring(2);
                if (!c.isEmpty()) {
                    if (c.charAt(0) == ' ') {
                        c = c.substring(1);
                    } else if (isDirective(c)) {
                        continue;
                    }
                }
            } else {
                c = c.substring(2, c.length() - 2);
            }
            for (String line : c.split("\n", -1)) {
                lines.add(stripTrailingWhitespace(line));
            }
        }
        StringBuilder text = new StringBuilder();
        boolean blankPending = false; // a run of blank lines after text becomes one blank line
        for (String line : lines) {
            if (line.isEmpty()) {
                blankPending = !text.isEmpty();
                continue;
            }
            if (!text.isEmpty()) {
                text.append(blankPending ? "\n\n" : "\n");
            }
            text.append(line);
            blankPending = false;
        }
        return text.toString();
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

    private static String stripTrailingWhitespace(String s) {
        int i = s.length();
        while (i > 0 && isWhitespace(s.charAt(i - 1))) {
            i--;
        }
        return s.substring(0, i);
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }
}
