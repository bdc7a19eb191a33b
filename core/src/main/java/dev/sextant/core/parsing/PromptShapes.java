package dev.sextant.core.parsing;

import static dev.sextant.core.parsing.InvalidRequestException.badRequest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sextant.api.request.PromptView;
import java.util.Set;

/**
 * Checks the prompt-carrying field of each API and turns it into a {@link PromptView}. The view of
 * structured input is its compact JSON, so two requests whose prompts share a prefix produce views
 * that share a prefix, whatever whitespace the clients used.
 */
final class PromptShapes {
    /** Content part types of chat messages (OpenAI and vLLM). */
    private static final Set<String> PART_TYPES = Set.of("text", "image_url", "input_audio", "video_url",
            "input_image", "input_text", "file", "refusal", "audio_url");

    private PromptShapes() {}

    /** {@code prompt}: a string, a list of strings, a list of token ids, or a list of such lists. */
    static PromptView completionsPrompt(JsonNode prompt) {
        if (prompt == null || prompt.isNull()) {
            throw badRequest("prompt: missing (expected: a string or a list of strings)");
        }
        if (prompt.isTextual()) {
            return PromptView.ofText(prompt.textValue());
        }
        if (prompt.isArray()) {
            if (prompt.isEmpty()) {
                throw badRequest("prompt: an empty list (expected: at least one prompt)");
            }
            boolean allStrings = true;
            for (int i = 0; i < prompt.size(); i++) {
                JsonNode item = prompt.get(i);
                if (!item.isTextual()) {
                    allStrings = false;
                    if (!item.isIntegralNumber() && !isTokenList(item)) {
                        throw badRequest("prompt[" + i + "]: " + kind(item)
                                + " (expected: a string, a token id or a list of token ids)");
                    }
                }
            }
            if (allStrings) {
                StringBuilder text = new StringBuilder();
                for (int i = 0; i < prompt.size(); i++) {
                    text.append(i == 0 ? "" : "\n").append(prompt.get(i).textValue());
                }
                return PromptView.ofText(text.toString());
            }
            return new PromptView(PromptView.Form.STRUCTURED_JSON, RequestBodyParser.compactJson(prompt));
        }
        throw badRequest("prompt: " + kind(prompt) + " (expected: a string or a list of strings)");
    }

    /** {@code messages}: a non-empty list of message objects whose content is a string, parts or null. */
    static PromptView chatMessages(JsonNode messages) {
        if (messages == null || messages.isNull()) {
            throw badRequest("messages: missing (expected: a list of at least one message)");
        }
        if (!messages.isArray() || messages.isEmpty()) {
            throw badRequest("messages: " + kind(messages) + " (expected: a list of at least one message)");
        }
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            String where = "messages[" + i + "]";
            if (!message.isObject()) {
                throw badRequest(where + ": " + kind(message) + " (expected: an object with role and content)");
            }
            JsonNode role = message.get("role");
            if (role == null || !role.isTextual() || role.textValue().isBlank()) {
                throw badRequest(where + ".role: " + kind(role) + " (expected: a role such as \"user\")");
            }
            content(message.get("content"), where + ".content");
        }
        return PromptView.ofMessagesJson(RequestBodyParser.compactJson(messages));
    }

    private static void content(JsonNode content, String where) {
        if (content == null || content.isNull() || content.isTextual()) {
            return;
        }
        if (!content.isArray()) {
            throw badRequest(where + ": " + kind(content) + " (expected: a string or a list of content parts)");
        }
        for (int j = 0; j < content.size(); j++) {
            JsonNode part = content.get(j);
            JsonNode type = part.isObject() ? part.get("type") : null;
            if (type == null || !type.isTextual()) {
                throw badRequest(where + "[" + j + "]: " + kind(part) + " (expected: a content part with a type)");
            }
            if (!PART_TYPES.contains(type.textValue())) {
                throw badRequest(where + "[" + j + "].type: \"" + RequestBodyParser.abbreviate(type.textValue())
                        + "\" (expected: one of text, image_url, input_audio, video_url)");
            }
            if (type.textValue().equals("text") && !(part.get("text") != null && part.get("text").isTextual())) {
                throw badRequest(where + "[" + j + "].text: " + kind(part.get("text")) + " (expected: a string)");
            }
        }
    }

    /** Responses API: {@code input} is required; the view is instructions, then tools, then input. */
    static PromptView responsesInput(JsonNode instructions, JsonNode tools, JsonNode input) {
        if (input == null || input.isNull()) {
            throw badRequest("input: missing (expected: a string or a list of input items)");
        }
        if (!input.isTextual() && !input.isArray()) {
            throw badRequest("input: " + kind(input) + " (expected: a string or a list of input items)");
        }
        ObjectNode view = RequestBodyParser.objectNode();
        if (instructions != null && !instructions.isNull()) {
            view.set("instructions", instructions);
        }
        if (tools != null && !tools.isNull()) {
            view.set("tools", tools);
        }
        view.set("input", input);
        return new PromptView(PromptView.Form.STRUCTURED_JSON, RequestBodyParser.compactJson(view));
    }

    /** Conversations API: {@code items} is required and must be a list. */
    static PromptView conversationItems(JsonNode items) {
        if (items == null || items.isNull()) {
            throw badRequest("items: missing (expected: a list of conversation items)");
        }
        if (!items.isArray()) {
            throw badRequest("items: " + kind(items) + " (expected: a list of conversation items)");
        }
        return new PromptView(PromptView.Form.STRUCTURED_JSON, RequestBodyParser.compactJson(items));
    }

    /** Embeddings API: {@code input} is a string, a list of strings, or token ids. */
    static PromptView embeddingsInput(JsonNode input) {
        if (input == null || input.isNull()) {
            throw badRequest("input: missing (expected: a string or a list of strings)");
        }
        if (input.isTextual()) {
            return PromptView.ofText(input.textValue());
        }
        if (input.isArray() && !input.isEmpty()) {
            return new PromptView(PromptView.Form.STRUCTURED_JSON, RequestBodyParser.compactJson(input));
        }
        throw badRequest("input: " + kind(input) + " (expected: a string or a non-empty list)");
    }

    private static boolean isTokenList(JsonNode node) {
        if (!node.isArray() || node.isEmpty()) {
            return false;
        }
        for (JsonNode n : node) {
            if (!n.isIntegralNumber()) {
                return false;
            }
        }
        return true;
    }

    private static String kind(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "missing";
        }
        if (node.isNull()) {
            return "null";
        }
        if (node.isTextual()) {
            return '"' + RequestBodyParser.abbreviate(node.textValue()) + '"';
        }
        if (node.isObject()) {
            return "an object";
        }
        if (node.isArray()) {
            return node.isEmpty() ? "an empty list" : "a list";
        }
        return node.toString();
    }
}
