package dev.sextant.core.parsing;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Checks a chat request's {@code messages} in the body's token stream and remembers where the array
 * lies in the body, without building it: the prompt view of chat is then the array's own bytes minus
 * the whitespace between tokens. Building a tree of a 220 KB prompt and writing it back out as JSON
 * cost more than everything else the picker does with such a request.
 *
 * <p>The view keeps the client's spelling of strings (its escapes such as {@code \u00e9} or
 * {@code \/}) and numbers; requests from one client, which are the ones that share prefixes, spell
 * alike. A problem found is kept, not thrown, so that the parser reports problems in the same order
 * whatever the field order of the body: JSON syntax first, then a missing model, then the messages.
 */
final class ChatMessagesReader {
    /** Content part types of chat messages (OpenAI and vLLM). */
    private static final Set<String> PART_TYPES = Set.of("text", "image_url", "input_audio", "video_url",
            "input_image", "input_text", "file", "refusal", "audio_url");

    /**
     * Where the messages lie in the body, or what is wrong with them.
     *
     * @param start byte offset of the array's {@code [}
     * @param end byte offset just after its {@code ]}
     * @param problem the first problem found, with the field it names; null when the messages are valid
     */
    record Messages(int start, int end, String problem) {
        /** The prompt view's text: the array's bytes, whitespace outside strings removed. */
        String compactText(byte[] body) {
            return withoutWhitespace(body, start, end);
        }
    }

    private final JsonParser p;

    private ChatMessagesReader(JsonParser p) {
        this.p = p;
    }

    /** Reads the value at the parser's current token, leaving the parser on its last token. */
    static Messages read(JsonParser p) throws IOException {
        return new ChatMessagesReader(p).messages();
    }

    private Messages messages() throws IOException {
        int start = Math.toIntExact(p.currentTokenLocation().getByteOffset());
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return new Messages(start, start, "messages: missing (expected: a list of at least one message)");
        }
        if (t != JsonToken.START_ARRAY) {
            return new Messages(start, start,
                    "messages: " + describeAndSkip() + " (expected: a list of at least one message)");
        }
        String problem = null;
        int count = 0;
        for (t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken(), count++) {
            String found = message("messages[" + count + "]");
            problem = problem == null ? found : problem;
        }
        if (count == 0) {
            problem = "messages: an empty list (expected: a list of at least one message)";
        }
        return new Messages(start, Math.toIntExact(p.currentLocation().getByteOffset()), problem);
    }

    private String message(String where) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            return where + ": " + describeAndSkip() + " (expected: an object with role and content)";
        }
        boolean roleValid = false;
        String role = "missing";
        String contentProblem = null;
        for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "role" -> {
                    if (value == JsonToken.VALUE_STRING) {
                        String text = p.getText();
                        roleValid = !text.isBlank();
                        role = '"' + RequestBodyParser.abbreviate(text) + '"';
                    } else {
                        roleValid = false;
                        role = describeAndSkip();
                    }
                }
                case "content" -> contentProblem = content(where + ".content");
                default -> p.skipChildren();
            }
        }
        if (!roleValid) {
            return where + ".role: " + role + " (expected: a role such as \"user\")";
        }
        return contentProblem;
    }

    /** A string (left unread: the parser skips it without decoding), null, or a list of parts. */
    private String content(String where) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_STRING || t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.START_ARRAY) {
            return where + ": " + describeAndSkip() + " (expected: a string or a list of content parts)";
        }
        String problem = null;
        int index = 0;
        for (t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken(), index++) {
            String found = part(where + "[" + index + "]");
            problem = problem == null ? found : problem;
        }
        return problem;
    }

    private String part(String where) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            return where + ": " + describeAndSkip() + " (expected: a content part with a type)";
        }
        String type = null;
        boolean textValid = false;
        String text = "missing";
        for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "type" -> {
                    type = value == JsonToken.VALUE_STRING ? p.getText() : null;
                    p.skipChildren();
                }
                case "text" -> {
                    textValid = value == JsonToken.VALUE_STRING;
                    text = textValid ? "a string" : describeAndSkip();
                }
                default -> p.skipChildren();
            }
        }
        if (type == null) {
            return where + ": an object (expected: a content part with a type)";
        }
        if (!PART_TYPES.contains(type)) {
            return where + ".type: \"" + RequestBodyParser.abbreviate(type)
                    + "\" (expected: one of text, image_url, input_audio, video_url)";
        }
        if (type.equals("text") && !textValid) {
            return where + ".text: " + text + " (expected: a string)";
        }
        return null;
    }

    /** Describes the value at the current token for an error message and moves past it. */
    private String describeAndSkip() throws IOException {
        return switch (p.currentToken()) {
            case START_OBJECT -> {
                p.skipChildren();
                yield "an object";
            }
            case START_ARRAY -> {
                if (p.nextToken() == JsonToken.END_ARRAY) {
                    yield "an empty list";
                }
                do {
                    p.skipChildren();
                } while (p.nextToken() != JsonToken.END_ARRAY);
                yield "a list";
            }
            case VALUE_STRING -> '"' + RequestBodyParser.abbreviate(p.getText()) + '"';
            case VALUE_NULL -> "null";
            default -> p.getText();
        };
    }

    /**
     * The UTF-8 text of {@code body[from, to)}, a well-formed JSON value, without the whitespace
     * between its tokens. Strings are found with {@link String#indexOf(int, int)}, which the JIT turns
     * into a vector search, and are kept as they are; text without whitespace between tokens is
     * returned without a copy.
     */
    static String withoutWhitespace(byte[] body, int from, int to) {
        String json = new String(body, from, to - from, StandardCharsets.UTF_8);
        int length = json.length();
        StringBuilder out = null;
        int kept = 0;
        int i = 0;
        while (i < length) {
            char c = json.charAt(i);
            if (c == '"') {
                i = closingQuote(json, i + 1) + 1;
            } else if (isWhitespace(c)) {
                if (out == null) {
                    out = new StringBuilder(length);
                }
                out.append(json, kept, i);
                while (i < length && isWhitespace(json.charAt(i))) {
                    i++;
                }
                kept = i;
            } else {
                i++;
            }
        }
        return out == null ? json : out.append(json, kept, length).toString();
    }

    /** The index of the quote that ends the string whose content starts at {@code from}. */
    private static int closingQuote(String json, int from) {
        int quote = json.indexOf('"', from);
        while (quote > 0 && isEscaped(json, quote)) {
            quote = json.indexOf('"', quote + 1);
        }
        return quote < 0 ? json.length() - 1 : quote;
    }

    /** Whether an odd number of backslashes precedes {@code index}. */
    private static boolean isEscaped(String json, int index) {
        int start = index - 1;
        while (json.charAt(start) == '\\') {
            start--;
        }
        return ((index - 1 - start) & 1) == 1;
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\n' || c == '\r' || c == '\t';
    }
}
