package dev.sextant.core.parsing;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Replaces the {@code model} value of a request body in place: the bytes before and after the
 * model's string token are kept exactly, so nothing else in the body changes.
 */
public final class ModelRewrite {
    private ModelRewrite() {}

    /**
     * The body with its model replaced by {@code newModel}, or the same array when the model is
     * unchanged.
     *
     * @throws IllegalArgumentException when {@code parsed} has no model field to replace
     */
    public static byte[] apply(byte[] body, ParsedBody parsed, String newModel) {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(parsed, "parsed");
        Objects.requireNonNull(newModel, "newModel");
        if (newModel.equals(parsed.model())) {
            return body;
        }
        if (!parsed.hasModelField()) {
            throw new IllegalArgumentException("parsed: no model field (expected: a body with a model to replace)");
        }
        byte[] quoted = quote(newModel);
        int start = parsed.modelStart();
        int end = parsed.modelEnd();
        byte[] out = new byte[body.length - (end - start) + quoted.length];
        System.arraycopy(body, 0, out, 0, start);
        System.arraycopy(quoted, 0, out, start, quoted.length);
        System.arraycopy(body, end, out, start + quoted.length, body.length - end);
        return out;
    }

    private static byte[] quote(String value) {
        byte[] escaped = JsonStringEncoder.getInstance().quoteAsUTF8(value);
        byte[] out = new byte[escaped.length + 2];
        out[0] = '"';
        System.arraycopy(escaped, 0, out, 1, escaped.length);
        out[out.length - 1] = '"';
        return out;
    }

    /** The body as text, for messages and tests. */
    static String text(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }
}
