package dev.sextant.simulator.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sextant.simulator.tokenize.ChatMessage;
import dev.sextant.simulator.tokenize.ChatTemplate;
import dev.sextant.simulator.tokenize.TextTokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Turns an OpenAI-style JSON body into an {@link InferenceCall}, refusing malformed input with an
 * {@link ApiError} that names the field. Unknown fields are ignored, as vLLM ignores sampling
 * parameters the simulator has no use for.
 */
final class RequestParser {
    /** Most prompts one completions request may batch. */
    static final int MAX_PROMPTS = 256;
    /** Most messages or input items one request may carry. */
    static final int MAX_MESSAGES = 10_000;

    /**
     * Characters per token above which text is refused before tokenising: real text averages about
     * four, so this only stops bodies meant to keep an event loop busy tokenising megabytes.
     */
    static final int MAX_CHARS_PER_TOKEN = 32;

    private final String baseModel;
    private final Predicate<String> isAdapter;
    private final TextTokenizer tokenizer;
    private final long maxChars;

    RequestParser(String baseModel, Predicate<String> isAdapter, TextTokenizer tokenizer, int maxModelLen) {
        this.baseModel = baseModel;
        this.isAdapter = isAdapter;
        this.tokenizer = tokenizer;
        this.maxChars = (long) maxModelLen * MAX_CHARS_PER_TOKEN;
    }

    InferenceCall parse(InferenceCall.Api api, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiError.badRequest("request body: not a JSON object (expected: an object)", null);
        }
        String model = optionalString(body, "model");
        String adapter = resolveModel(model);
        if (model == null) {
            model = baseModel;
        }
        Integer n = optionalInt(body, "n", 1);
        if (n != null && n != 1) {
            throw ApiError.badRequest("n: " + n + " (expected: 1; the simulator generates one choice)", "n");
        }
        List<int[]> prompts = switch (api) {
            case COMPLETIONS -> completionPrompts(body);
            case CHAT -> List.of(encodeNonEmpty(ChatTemplate.render(chatMessages(body), true), "messages"));
            case RESPONSES -> List.of(encodeNonEmpty(ChatTemplate.render(responseInput(body), true), "input"));
        };
        Integer maxTokens = switch (api) {
            case COMPLETIONS -> optionalInt(body, "max_tokens", 1);
            case CHAT -> {
                Integer completion = optionalInt(body, "max_completion_tokens", 1);
                Integer legacy = optionalInt(body, "max_tokens", 1);
                yield completion != null ? completion : legacy;
            }
            case RESPONSES -> optionalInt(body, "max_output_tokens", 1);
        };
        boolean stream = optionalBoolean(body, "stream");
        boolean includeUsage = false;
        JsonNode streamOptions = body.get("stream_options");
        if (streamOptions != null && !streamOptions.isNull()) {
            if (!streamOptions.isObject()) {
                throw ApiError.badRequest("stream_options: not an object (expected: {\"include_usage\": bool})",
                        "stream_options");
            }
            includeUsage = optionalBoolean(streamOptions, "include_usage");
        }
        String cacheSalt = optionalString(body, "cache_salt");
        if (cacheSalt != null && cacheSalt.isEmpty()) {
            throw ApiError.badRequest("cache_salt: empty (expected: a non-empty string)", "cache_salt");
        }
        JsonNode seedNode = body.get("seed");
        Long seed = null;
        if (seedNode != null && !seedNode.isNull()) {
            if (!seedNode.canConvertToLong() || !seedNode.isIntegralNumber()) {
                throw ApiError.badRequest("seed: " + seedNode + " (expected: an integer)", "seed");
            }
            seed = seedNode.longValue();
        }
        boolean remoteDecode = false;
        boolean remotePrefill = false;
        JsonNode kv = body.get("kv_transfer_params");
        if (kv != null && !kv.isNull()) {
            if (!kv.isObject()) {
                throw ApiError.badRequest("kv_transfer_params: not an object (expected: an object)",
                        "kv_transfer_params");
            }
            remoteDecode = optionalBoolean(kv, "do_remote_decode");
            remotePrefill = optionalBoolean(kv, "do_remote_prefill");
            if (remoteDecode && remotePrefill) {
                throw ApiError.badRequest("kv_transfer_params: do_remote_decode and do_remote_prefill both true "
                        + "(expected: at most one)", "kv_transfer_params");
            }
        }
        return new InferenceCall(api, model, adapter, prompts, maxTokens, optionalBoolean(body, "ignore_eos"), stream,
                includeUsage, cacheSalt, seed, remoteDecode, remotePrefill,
                api == InferenceCall.Api.RESPONSES ? optionalString(body, "instructions") : null);
    }

    /** The adapter a model name selects (null for the base model); 404 for an unknown name. */
    String resolveModel(String model) {
        if (model == null || model.equals(baseModel)) {
            return null;
        }
        if (isAdapter.test(model)) {
            return model;
        }
        throw ApiError.notFound("The model `" + model + "` does not exist.", "model");
    }

    /** The messages of a {@code /tokenize} or chat body. */
    List<ChatMessage> chatMessages(JsonNode body) {
        JsonNode messages = body.get("messages");
        if (messages == null || messages.isNull()) {
            throw ApiError.badRequest("messages: missing (expected: a list of at least one message)", "messages");
        }
        if (!messages.isArray() || messages.isEmpty()) {
            throw ApiError.badRequest("messages: " + describe(messages) + " (expected: a list of at least one message)",
                    "messages");
        }
        if (messages.size() > MAX_MESSAGES) {
            throw ApiError.badRequest("messages: " + messages.size() + " messages (expected: <= " + MAX_MESSAGES + ")",
                    "messages");
        }
        List<ChatMessage> out = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            String field = "messages[" + i + "]";
            if (!m.isObject()) {
                throw ApiError.badRequest(field + ": " + describe(m) + " (expected: an object)", "messages");
            }
            JsonNode role = m.get("role");
            if (role == null || !role.isTextual() || role.asText().isEmpty()) {
                throw ApiError.badRequest(field + ".role: " + (role == null ? "missing" : describe(role))
                        + " (expected: a string such as \"user\")", "messages");
            }
            out.add(new ChatMessage(role.asText(), content(m.get("content"), field + ".content")));
        }
        return out;
    }

    int[] encode(String text) {
        if (text.length() > maxChars) {
            throw ApiError.badRequest("prompt: " + text.length() + " characters (expected: <= " + maxChars
                    + "; longer text cannot fit in max_model_len)", "prompt");
        }
        return tokenizer.encode(text);
    }

    private List<int[]> completionPrompts(JsonNode body) {
        JsonNode prompt = body.get("prompt");
        if (prompt == null || prompt.isNull()) {
            throw ApiError.badRequest(
                    "prompt: missing (expected: a string, a list of strings, or a list of token ids)", "prompt");
        }
        if (prompt.isTextual()) {
            return List.of(encodeNonEmpty(prompt.asText(), "prompt"));
        }
        if (!prompt.isArray() || prompt.isEmpty()) {
            throw ApiError.badRequest("prompt: " + describe(prompt)
                    + " (expected: a string, a list of strings, or a list of token ids)", "prompt");
        }
        if (prompt.get(0).isIntegralNumber()) {
            return List.of(tokenIds(prompt, "prompt"));
        }
        if (prompt.size() > MAX_PROMPTS) {
            throw ApiError.badRequest("prompt: " + prompt.size() + " prompts (expected: <= " + MAX_PROMPTS + ")",
                    "prompt");
        }
        List<int[]> out = new ArrayList<>(prompt.size());
        for (int i = 0; i < prompt.size(); i++) {
            JsonNode p = prompt.get(i);
            String field = "prompt[" + i + "]";
            if (p.isTextual()) {
                out.add(encodeNonEmpty(p.asText(), field));
            } else if (p.isArray() && !p.isEmpty()) {
                out.add(tokenIds(p, field));
            } else {
                throw ApiError.badRequest(field + ": " + describe(p) + " (expected: a string or a list of token ids)",
                        "prompt");
            }
        }
        return out;
    }

    private static int[] tokenIds(JsonNode array, String field) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode t = array.get(i);
            if (!t.isIntegralNumber() || !t.canConvertToInt() || t.intValue() < 0) {
                throw ApiError.badRequest(field + "[" + i + "]: " + describe(t) + " (expected: a token id >= 0)",
                        "prompt");
            }
            out[i] = t.intValue();
        }
        return out;
    }

    private List<ChatMessage> responseInput(JsonNode body) {
        List<ChatMessage> out = new ArrayList<>();
        String instructions = optionalString(body, "instructions");
        if (instructions != null) {
            out.add(new ChatMessage("system", instructions));
        }
        JsonNode input = body.get("input");
        if (input == null || input.isNull()) {
            throw ApiError.badRequest("input: missing (expected: a string or a list of input items)", "input");
        }
        if (input.isTextual()) {
            out.add(new ChatMessage("user", input.asText()));
            return out;
        }
        if (!input.isArray() || input.isEmpty() || input.size() > MAX_MESSAGES) {
            throw ApiError.badRequest("input: " + describe(input) + " (expected: a string or a list of input items)",
                    "input");
        }
        for (int i = 0; i < input.size(); i++) {
            JsonNode item = input.get(i);
            String field = "input[" + i + "]";
            if (!item.isObject()) {
                throw ApiError.badRequest(field + ": " + describe(item) + " (expected: an object)", "input");
            }
            String type = item.path("type").asText("message");
            switch (type) {
                case "message" -> {
                    JsonNode role = item.get("role");
                    if (role == null || !role.isTextual()) {
                        throw ApiError.badRequest(field + ".role: " + (role == null ? "missing" : describe(role))
                                + " (expected: a string such as \"user\")", "input");
                    }
                    out.add(new ChatMessage(role.asText(), content(item.get("content"), field + ".content")));
                }
                case "function_call_output" -> out.add(new ChatMessage("tool", item.path("output").asText("")));
                default -> throw ApiError.badRequest(field + ".type: '" + type
                        + "' (expected: message or function_call_output)", "input");
            }
        }
        return out;
    }

    /** Flattens message content: a string, null, or parts (text kept, media as placeholders, joined by "\n"). */
    private static String content(JsonNode content, String field) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        if (!content.isArray()) {
            throw ApiError.badRequest(field + ": " + describe(content) + " (expected: a string or a list of parts)",
                    "messages");
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < content.size(); i++) {
            JsonNode part = content.get(i);
            String partField = field + "[" + i + "]";
            if (!part.isObject() || !part.path("type").isTextual()) {
                throw ApiError.badRequest(partField + ": " + describe(part)
                        + " (expected: an object with a string 'type')", "messages");
            }
            String text = switch (part.get("type").asText()) {
                case "text", "input_text", "output_text" -> {
                    JsonNode t = part.get("text");
                    if (t == null || !t.isTextual()) {
                        throw ApiError.badRequest(partField + ".text: " + (t == null ? "missing" : describe(t))
                                + " (expected: a string)", "messages");
                    }
                    yield t.asText();
                }
                case "image_url", "input_image" -> "<image>";
                case "input_audio" -> "<audio>";
                case "video_url" -> "<video>";
                case "file", "input_file" -> "<file>";
                default -> throw ApiError.badRequest(partField + ".type: '" + part.get("type").asText()
                        + "' (expected: text, image_url, input_audio, video_url or file)", "messages");
            };
            if (i > 0) {
                sb.append('\n');
            }
            sb.append(text);
        }
        return sb.toString();
    }

    private int[] encodeNonEmpty(String text, String field) {
        int[] tokens = encode(text);
        if (tokens.length == 0) {
            throw ApiError.badRequest(field + ": empty (expected: at least one token)", field);
        }
        return tokens;
    }

    static String optionalString(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw ApiError.badRequest(field + ": " + describe(v) + " (expected: a string)", field);
        }
        return v.asText();
    }

    static boolean optionalBoolean(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw ApiError.badRequest(field + ": " + describe(v) + " (expected: true or false)", field);
        }
        return v.booleanValue();
    }

    static Integer optionalInt(JsonNode body, String field, int min) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw ApiError.badRequest(field + ": " + describe(v) + " (expected: an integer >= " + min + ")", field);
        }
        if (v.intValue() < min) {
            throw ApiError.badRequest(field + ": " + v.intValue() + " (expected: >= " + min + ")", field);
        }
        return v.intValue();
    }

    /** A short description of a JSON value for error messages (never the whole of a large value). */
    static String describe(JsonNode v) {
        if (v == null) {
            return "missing";
        }
        return switch (v.getNodeType()) {
            case ARRAY -> v.isEmpty() ? "an empty list" : "a list";
            case OBJECT -> "an object";
            case STRING -> v.asText().length() > 40 ? "a string" : "\"" + v.asText() + "\"";
            case NULL -> "null";
            default -> v.toString().length() > 40 ? v.getNodeType().name().toLowerCase() : v.toString();
        };
    }
}
