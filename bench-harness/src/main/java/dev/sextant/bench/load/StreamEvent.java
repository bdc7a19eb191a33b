package dev.sextant.bench.load;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * What one server-sent event of a streamed completion carries that the generator needs: the text it adds
 * (completions' {@code choices[].text}, chat's {@code choices[].delta.content}) and, in the last event, the
 * token usage. Read with a streaming parser, nothing built that is not needed.
 *
 * @param text the generated text in this event; empty when none
 * @param promptTokens {@code usage.prompt_tokens}, or -1
 * @param completionTokens {@code usage.completion_tokens}, or -1
 * @param cachedTokens {@code usage.prompt_tokens_details.cached_tokens}, or -1
 */
record StreamEvent(String text, long promptTokens, long completionTokens, long cachedTokens) {
    private static final JsonFactory JSON = new JsonFactory();

    /**
     * Parses the data of one event.
     *
     * @throws IOException when it is not JSON
     */
    static StreamEvent parse(String data) throws IOException {
        byte[] bytes = data.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return parse(bytes, 0, bytes.length);
    }

    /**
     * Parses the data of one event, {@code length} UTF-8 bytes at {@code offset}.
     *
     * @throws IOException when it is not JSON
     */
    static StreamEvent parse(byte[] data, int offset, int length) throws IOException {
        StringBuilder text = null;
        long prompt = -1;
        long completion = -1;
        long cached = -1;
        try (JsonParser p = JSON.createParser(data, offset, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            int depth = 1;
            boolean inUsage = false;
            int usageDepth = -1;
            JsonToken t;
            while (depth > 0 && (t = p.nextToken()) != null) {
                switch (t) {
                    case START_OBJECT, START_ARRAY -> depth++;
                    case END_OBJECT, END_ARRAY -> {
                        depth--;
                        if (inUsage && depth < usageDepth) {
                            inUsage = false;
                        }
                    }
                    case FIELD_NAME -> {
                        String name = p.currentName();
                        if (name.equals("usage") && !inUsage) {
                            if (p.nextToken() == JsonToken.START_OBJECT) {
                                depth++;
                                inUsage = true;
                                usageDepth = depth;
                            }
                        } else if (inUsage) {
                            JsonToken v = p.nextToken();
                            if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
                                depth++;
                            } else if (v == JsonToken.VALUE_NUMBER_INT) {
                                switch (name) {
                                    case "prompt_tokens" -> prompt = p.getLongValue();
                                    case "completion_tokens" -> completion = p.getLongValue();
                                    case "cached_tokens" -> cached = p.getLongValue();
                                    default -> { }
                                }
                            }
                        } else if (name.equals("text") || name.equals("content")) {
                            if (p.nextToken() == JsonToken.VALUE_STRING) {
                                String s = p.getText();
                                if (!s.isEmpty()) {
                                    text = text == null ? new StringBuilder(s) : text.append(s);
                                }
                            } else if (p.currentToken() == JsonToken.START_OBJECT || p.currentToken() == JsonToken.START_ARRAY) {
                                depth++;
                            }
                        }
                    }
                    default -> { }
                }
            }
        }
        return new StreamEvent(text == null ? "" : text.toString(), prompt, completion, cached);
    }
}
