package dev.sextant.core.parsing;

import static dev.sextant.core.parsing.InvalidRequestException.badRequest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sextant.api.request.ApiKind;
import dev.sextant.api.request.PromptView;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Reads the fields routing needs from an OpenAI-compatible request body (REFERENCE §2) in one
 * streaming pass: {@code model}, the prompt view, {@code cache_salt}, {@code stream}. Fields it does
 * not need are skipped without being built, so a large body costs little, and the body itself is
 * never re-serialised: unknown fields reach the model server untouched.
 *
 * <p>Invalid bodies raise {@link InvalidRequestException} with a message naming the field. Thread-safe.
 */
public final class RequestBodyParser {
    /** Deeper JSON than this is refused: no OpenAI request nests anywhere near it. */
    static final int MAX_NESTING_DEPTH = 64;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
            .build();
    private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

    private RequestBodyParser() {}

    /**
     * Parses {@code body} as a request to {@code apiKind}.
     *
     * @throws InvalidRequestException for malformed JSON, a missing or mistyped required field, or a
     *     body of the wrong shape for the API
     */
    public static ParsedBody parse(ApiKind apiKind, byte[] body) {
        Objects.requireNonNull(apiKind, "apiKind");
        Objects.requireNonNull(body, "body");
        if (apiKind == ApiKind.OTHER) {
            throw new IllegalArgumentException("apiKind: OTHER (expected: an API with a JSON body)");
        }
        try (JsonParser p = FACTORY.createParser(body)) {
            return new Reading(apiKind, p, body).read();
        } catch (JsonProcessingException e) {
            var location = e.getLocation();
            throw badRequest("body is not valid JSON: " + e.getOriginalMessage()
                    + (location == null ? "" : " (at byte " + location.getByteOffset() + ")"));
        } catch (IOException e) {
            throw badRequest("body could not be read: " + e.getMessage());
        }
    }

    /** The state of one pass over one body. */
    private static final class Reading {
        private final ApiKind api;
        private final JsonParser p;
        private final byte[] body;
        private String model;
        private int modelStart = -1;
        private int modelEnd = -1;
        private String cacheSalt = "";
        private Boolean stream;
        private boolean includeUsage;
        private JsonNode prompt;
        private ChatMessagesReader.Messages messages;
        private JsonNode input;
        private JsonNode instructions;
        private JsonNode tools;
        private JsonNode items;

        Reading(ApiKind api, JsonParser p, byte[] body) {
            this.api = api;
            this.p = p;
            this.body = body;
        }

        ParsedBody read() throws IOException {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw badRequest("body: expected a JSON object");
            }
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String field = p.currentName();
                p.nextToken();
                field(field);
            }
            if (p.nextToken() != null) {
                throw badRequest("body: unexpected content after the JSON object");
            }
            return build();
        }

        private void field(String name) throws IOException {
            switch (name) {
                case "model" -> {
                    if (model != null) {
                        throw badRequest("model: given twice (expected: once)");
                    }
                    if (p.currentToken() != JsonToken.VALUE_STRING) {
                        throw badRequest("model: " + describe() + " (expected: a string)");
                    }
                    modelStart = Math.toIntExact(p.currentTokenLocation().getByteOffset());
                    model = p.getText();
                    modelEnd = Math.toIntExact(p.currentLocation().getByteOffset());
                }
                case "cache_salt" -> {
                    if (p.currentToken() != JsonToken.VALUE_NULL) {
                        if (p.currentToken() != JsonToken.VALUE_STRING) {
                            throw badRequest("cache_salt: " + describe() + " (expected: a string)");
                        }
                        cacheSalt = p.getText();
                    }
                }
                case "stream" -> {
                    if (stream != null) {
                        throw badRequest("stream: given twice (expected: once)");
                    }
                    stream = switch (p.currentToken()) {
                        case VALUE_TRUE -> true;
                        case VALUE_FALSE, VALUE_NULL -> false;
                        default -> throw badRequest("stream: " + describe() + " (expected: true or false)");
                    };
                }
                case "stream_options" -> streamOptions();
                case "prompt" -> prompt = api == ApiKind.COMPLETIONS ? tree() : skip();
                case "messages" -> {
                    if (api == ApiKind.CHAT_COMPLETIONS) {
                        messages = ChatMessagesReader.read(p);
                    } else {
                        p.skipChildren();
                    }
                }
                case "input" -> input = api == ApiKind.RESPONSES || api == ApiKind.EMBEDDINGS ? tree() : skip();
                case "instructions" -> instructions = api == ApiKind.RESPONSES ? tree() : skip();
                case "tools" -> tools = api == ApiKind.RESPONSES ? tree() : skip();
                case "items" -> items = api == ApiKind.CONVERSATIONS ? tree() : skip();
                default -> p.skipChildren();
            }
        }

        private void streamOptions() throws IOException {
            if (p.currentToken() == JsonToken.VALUE_NULL) {
                return;
            }
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw badRequest("stream_options: " + describe() + " (expected: an object)");
            }
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals("include_usage")) {
                    if (value != JsonToken.VALUE_TRUE && value != JsonToken.VALUE_FALSE && value != JsonToken.VALUE_NULL) {
                        throw badRequest("stream_options.include_usage: " + describe() + " (expected: true or false)");
                    }
                    includeUsage = value == JsonToken.VALUE_TRUE;
                } else {
                    p.skipChildren();
                }
            }
        }

        private JsonNode tree() throws IOException {
            return MAPPER.readTree(p);
        }

        private JsonNode skip() throws IOException {
            p.skipChildren();
            return null;
        }

        private String describe() throws IOException {
            return switch (p.currentToken()) {
                case START_OBJECT -> "an object";
                case START_ARRAY -> "an array";
                case VALUE_STRING -> '"' + abbreviate(p.getText()) + '"';
                case VALUE_NULL -> "null";
                default -> p.getText();
            };
        }

        private ParsedBody build() {
            boolean modelRequired = api != ApiKind.CONVERSATIONS;
            if (model == null && modelRequired) {
                throw badRequest("model: missing (expected: the name of a model, e.g. \"meta-llama/Llama-3.1-8B-Instruct\")");
            }
            if (model != null && model.isBlank()) {
                throw badRequest("model: blank (expected: the name of a model)");
            }
            PromptView view = switch (api) {
                case COMPLETIONS -> PromptShapes.completionsPrompt(prompt);
                case CHAT_COMPLETIONS -> chatView();
                case RESPONSES -> PromptShapes.responsesInput(instructions, tools, input);
                case CONVERSATIONS -> PromptShapes.conversationItems(items);
                case EMBEDDINGS -> PromptShapes.embeddingsInput(input);
                case OTHER -> PromptView.EMPTY;
            };
            return new ParsedBody(api, model == null ? "" : model, modelStart, modelEnd, view, cacheSalt,
                    Boolean.TRUE.equals(stream), includeUsage);
        }

        private PromptView chatView() {
            if (messages == null) {
                throw badRequest("messages: missing (expected: a list of at least one message)");
            }
            if (messages.problem() != null) {
                throw badRequest(messages.problem());
            }
            return PromptView.ofMessagesJson(messages.compactText(body));
        }
    }

    /** The compact JSON text of {@code node}, as used in prompt views of structured input. */
    static String compactJson(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed JSON tree could not be written back", e);
        }
    }

    /** An object node builder for prompt views that combine several fields. */
    static ObjectNode objectNode() {
        return MAPPER.createObjectNode();
    }

    static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }

    /** UTF-8 bytes of {@code text}; a convenience for tests and fronts. */
    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
