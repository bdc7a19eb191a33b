package dev.sextant.bench.extproc;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Request bodies of an exact size, each a different run of common English words, so a picker that tokenises or
 * hashes the prompt does its real work and no two requests share more than chance prefixes.
 */
final class PromptBodies {
    private static final String[] WORDS = ("the of and to in is you that it he was for on are as with his they at be"
            + " this have from or one had by word but not what all were we when your can said there use an each"
            + " which she do how their if will up other about out many then them these so some her would make like"
            + " him into time has look two more write go see number no way could people my than first water been"
            + " call who oil its now find long down day did get come made may part").split(" ");

    /** Text around the prompt that every body carries; {@code %s} are the model and the prompt. */
    private static final String CHAT = "{\"model\":\"%s\",\"messages\":[{\"role\":\"user\",\"content\":\"%s\"}],"
            + "\"max_tokens\":16}";
    private static final String COMPLETIONS = "{\"model\":\"%s\",\"prompt\":\"%s\",\"max_tokens\":16}";

    private PromptBodies() {}

    /**
     * {@code count} distinct bodies of exactly {@code bytes} bytes each.
     *
     * @throws IllegalArgumentException if {@code bytes} cannot even hold the JSON around an empty prompt
     */
    static List<byte[]> of(BodyApi api, String model, int bytes, int count, long seed) {
        String template = template(api);
        int frame = smallest(api, model);
        if (bytes < frame) {
            throw new IllegalArgumentException("body-size: " + bytes + " (expected: >= " + frame
                    + ", the JSON around an empty prompt)");
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<byte[]> bodies = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] body = String.format(template, model, words(bytes - frame, random)).getBytes(StandardCharsets.UTF_8);
            bodies.add(body);
        }
        return bodies;
    }

    /** The size of a body with an empty prompt: no body can be smaller. */
    static int smallest(BodyApi api, String model) {
        return String.format(template(api), model, "").getBytes(StandardCharsets.UTF_8).length;
    }

    private static String template(BodyApi api) {
        return api == BodyApi.CHAT ? CHAT : COMPLETIONS;
    }

    /** Words separated by spaces, exactly {@code length} ASCII characters. */
    private static String words(int length, SplittableRandom random) {
        StringBuilder text = new StringBuilder(length + 16);
        while (text.length() < length) {
            if (!text.isEmpty()) {
                text.append(' ');
            }
            text.append(WORDS[random.nextInt(WORDS.length)]);
        }
        text.setLength(length);
        return text.toString();
    }
}
