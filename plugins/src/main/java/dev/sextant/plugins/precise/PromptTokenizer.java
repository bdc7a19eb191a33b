package dev.sextant.plugins.precise;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.sextant.api.request.PromptView;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Turns a request's prompt into the token ids the engine will see, locally: a tiktoken encoding (jtokkit,
 * {@code encodeOrdinary}) and, for chat, the simulator's documented template ({@code <|role|>\n content \n}
 * per message, then {@code <|assistant|>\n}). That matches Sextant's simulated replicas exactly; a real
 * engine needs the same tokenizer and template.
 *
 * <p>Tokenisations are cached per completions prompt and per rendered chat message, so a conversation's
 * earlier turns and a shared system prompt are not tokenised again. The template puts a newline before
 * every {@code <|}, where tiktoken's pre-tokeniser always splits, so per-message tokens concatenate to the
 * tokens of the whole conversation. The cache holds at most {@code cacheEntries} texts and is emptied
 * when full (simple, and bounded). Thread-safe.
 */
public final class PromptTokenizer {
    private static final JsonFactory JSON = new JsonFactory();
    private static final String GENERATION_PROMPT = "<|assistant|>\n";
    /** One registry for the process: it loads each vocabulary once, however many scorers are configured. */
    private static final com.knuddels.jtokkit.api.EncodingRegistry ENCODINGS = Encodings.newLazyEncodingRegistry();

    private final Encoding encoding;
    private final int cacheEntries;
    private final ConcurrentHashMap<String, int[]> cache = new ConcurrentHashMap<>();
    private final int[] generationPrompt;

    /**
     * @param encodingName a jtokkit encoding: {@code cl100k_base} (the simulator's default), {@code o200k_base}, ...
     * @param cacheEntries most cached texts, &ge; 0
     * @throws IllegalArgumentException for an unknown encoding
     */
    public PromptTokenizer(String encodingName, int cacheEntries) {
        Optional<EncodingType> type = EncodingType.fromName(requireNonNull(encodingName, "encodingName"));
        if (type.isEmpty()) {
            throw new IllegalArgumentException("tokenizer: '" + encodingName + "' (expected: one of "
                    + Arrays.stream(EncodingType.values()).map(EncodingType::getName).collect(Collectors.joining(", "))
                    + ")");
        }
        this.encoding = ENCODINGS.getEncoding(type.get());
        this.cacheEntries = cacheEntries;
        this.generationPrompt = encoding.encodeOrdinary(GENERATION_PROMPT).toArray();
    }

    /** The prompt's tokens; empty for prompts that cannot be tokenised here (structured input, none). */
    public int[] tokens(PromptView prompt) {
        return switch (prompt.form()) {
            case TEXT -> cached(prompt.text());
            case MESSAGES_JSON -> chat(prompt.text());
            case EMPTY, STRUCTURED_JSON -> new int[0];
        };
    }

    /** Texts currently cached. */
    public int cachedTexts() {
        return cache.size();
    }

    private int[] chat(String messagesJson) {
        List<int[]> parts = new ArrayList<>();
        int total = 0;
        try (JsonParser p = JSON.createParser(messagesJson)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                return new int[0];
            }
            while (p.nextToken() == JsonToken.START_OBJECT) {
                String role = "";
                String content = "";
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    JsonToken value = p.nextToken();
                    if (field.equals("role") && value == JsonToken.VALUE_STRING) {
                        role = p.getText();
                    } else if (field.equals("content")) {
                        content = content(p, value);
                    } else {
                        p.skipChildren();
                    }
                }
                int[] tokens = cached("<|" + role + "|>\n" + content + "\n");
                parts.add(tokens);
                total += tokens.length;
            }
        } catch (IOException | RuntimeException e) {
            return new int[0];
        }
        int[] out = new int[total + generationPrompt.length];
        int at = 0;
        for (int[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        System.arraycopy(generationPrompt, 0, out, at, generationPrompt.length);
        return out;
    }

    /** A message's content as the simulator flattens it: text parts kept, media as placeholders, "\n" between. */
    private static String content(JsonParser p, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        if (value != JsonToken.START_ARRAY) {
            p.skipChildren();
            return "";
        }
        StringBuilder sb = new StringBuilder();
        int index = 0;
        while (p.nextToken() == JsonToken.START_OBJECT) {
            String type = "";
            String text = "";
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken v = p.nextToken();
                if (field.equals("type") && v == JsonToken.VALUE_STRING) {
                    type = p.getText();
                } else if (field.equals("text") && v == JsonToken.VALUE_STRING) {
                    text = p.getText();
                } else {
                    p.skipChildren();
                }
            }
            String piece = switch (type) {
                case "text", "input_text", "output_text" -> text;
                case "image_url", "input_image" -> "<image>";
                case "input_audio" -> "<audio>";
                case "video_url" -> "<video>";
                default -> "<file>";
            };
            if (index++ > 0) {
                sb.append('\n');
            }
            sb.append(piece);
        }
        return sb.toString();
    }

    private int[] cached(String text) {
        int[] tokens = cache.get(text);
        if (tokens == null) {
            tokens = encoding.encodeOrdinary(text).toArray();
            if (cache.size() >= cacheEntries) {
                cache.clear();
            }
            if (cacheEntries > 0) {
                cache.put(text, tokens);
            }
        }
        return tokens;
    }
}
