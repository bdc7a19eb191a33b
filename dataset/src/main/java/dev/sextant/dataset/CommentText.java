package dev.sextant.dataset;

import java.nio.charset.StandardCharsets;

/**
 * The text of one comment as go/scanner hands it to go/ast: the source bytes with carriage returns
 * removed (a line comment's final one first; in a general comment every one except where removing it
 * would turn {@code *\r/} into an early {@code *}{@code /}).
 */
final class CommentText {
    private CommentText() {}

    /** The comment {@code src[start, end)}, which starts with {@code //} or {@code /*}. */
    static String of(byte[] src, int start, int end) {
        String text = new String(src, start, end - start, StandardCharsets.UTF_8);
        if (text.indexOf('\r') < 0) {
            return text;
        }
        boolean general = text.charAt(1) == '*';
        if (!general && text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int j = 0; j < text.length(); j++) {
            char c = text.charAt(j);
            boolean keepsCommentOpen = general && out.length() > 2 && out.charAt(out.length() - 1) == '*'
                    && j + 1 < text.length() && text.charAt(j + 1) == '/';
            if (c != '\r' || keepsCommentOpen) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
