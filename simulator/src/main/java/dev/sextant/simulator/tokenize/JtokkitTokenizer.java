package dev.sextant.simulator.tokenize;

import static java.util.Objects.requireNonNull;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import com.knuddels.jtokkit.api.IntArrayList;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A tiktoken encoding from jtokkit, whose vocabularies ship inside its jar ({@code cl100k_base},
 * {@code o200k_base}, {@code p50k_base}, {@code r50k_base}). Text is encoded with
 * {@code encodeOrdinary}: special-token text such as {@code <|endoftext|>} is ordinary text.
 */
public final class JtokkitTokenizer implements TextTokenizer {
    /** The encoding used when none is named. */
    public static final String DEFAULT_ENCODING = "cl100k_base";

    private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();

    private final String encodingName;
    private final Encoding encoding;
    private final int vocabularySize;

    private JtokkitTokenizer(EncodingType type) {
        this.encodingName = type.getName();
        this.encoding = REGISTRY.getEncoding(type);
        this.vocabularySize = switch (type) {
            case O200K_BASE -> 200_019;
            case CL100K_BASE -> 100_277;
            default -> 50_281;
        };
    }

    /**
     * The named encoding.
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static JtokkitTokenizer of(String encodingName) {
        requireNonNull(encodingName, "encodingName");
        Optional<EncodingType> type = EncodingType.fromName(encodingName);
        if (type.isEmpty()) {
            throw new IllegalArgumentException("tokenizer encoding: '" + encodingName + "' (expected: one of "
                    + Arrays.stream(EncodingType.values()).map(EncodingType::getName).collect(Collectors.joining(", "))
                    + ")");
        }
        return new JtokkitTokenizer(type.get());
    }

    @Override
    public String name() {
        return "jtokkit:" + encodingName;
    }

    @Override
    public int[] encode(String text) {
        return encoding.encodeOrdinary(requireNonNull(text, "text")).toArray();
    }

    @Override
    public String decode(int[] tokens) {
        IntArrayList list = new IntArrayList(tokens.length);
        for (int t : tokens) {
            // jtokkit throws on ids it does not know; clients may send any integer as a prompt.
            if (t >= 0 && t < vocabularySize) {
                list.add(t);
            }
        }
        try {
            return encoding.decode(list);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
