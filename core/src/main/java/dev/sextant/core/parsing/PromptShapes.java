package dev.sextant.core.parsing;

import static dev.sextant.core.parsing.InvalidRequestException.badRequest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sextant.api.request.PromptView;

/**
 * Checks the prompt-carrying field of each API except chat ({@link ChatMessagesReader}) and turns it
 * into a {@link PromptView}. The view of structured input is its compact JSON, so two requests whose
 * prompts share a prefix produce views that share a prefix, whatever whitespace the clients used.
 */
final class PromptShapes {
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
