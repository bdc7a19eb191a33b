package dev.sextant.gateway.usage;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sextant.api.request.Usage;
import java.io.IOException;

/**
 * Reads token usage from an OpenAI-style JSON object: chat and completions use
 * {@code usage.prompt_tokens/completion_tokens/prompt_tokens_details.cached_tokens}; the Responses API
 * uses {@code input_tokens/output_tokens/input_tokens_details.cached_tokens}, at the top or under
 * {@code response} (its streamed {@code response.completed} event).
 */
public final class UsageJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private UsageJson() {}

    /**
     * The usage in {@code json} (one JSON document), or null when it has none or is not JSON. Only the
     * {@code usage} (and {@code response}) members become a tree; the rest of the document, such as
     * the generated text, is skipped token by token.
     */
    public static Usage parse(byte[] json, int offset, int length) {
        try (JsonParser parser = JSON.getFactory().createParser(json, offset, length)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            ObjectNode kept = JSON.createObjectNode();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                if (name.equals("usage") || name.equals("response")) {
                    kept.set(name, JSON.readTree(parser));
                } else {
                    parser.skipChildren();
                }
            }
            return fromDocument(kept);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The usage in an already parsed document, or null. */
    public static Usage fromDocument(JsonNode doc) {
        if (doc == null || !doc.isObject()) {
            return null;
        }
        JsonNode usage = doc.get("usage");
        if ((usage == null || !usage.isObject()) && doc.get("response") != null) {
            usage = doc.get("response").get("usage");
        }
        if (usage == null || !usage.isObject()) {
            return null;
        }
        long prompt = count(usage, "prompt_tokens", "input_tokens");
        long completion = count(usage, "completion_tokens", "output_tokens");
        JsonNode details = usage.has("prompt_tokens_details") ? usage.get("prompt_tokens_details")
                : usage.get("input_tokens_details");
        long cached = details != null && details.isObject() ? count(details, "cached_tokens", "cached_tokens") : 0;
        return new Usage(prompt, completion, Math.min(cached, prompt));
    }

    private static long count(JsonNode node, String name, String alternative) {
        JsonNode v = node.get(name);
        if (v == null || !v.canConvertToLong()) {
            v = node.get(alternative);
        }
        return v != null && v.isNumber() && v.canConvertToLong() ? Math.max(0, v.longValue()) : 0;
    }
}
