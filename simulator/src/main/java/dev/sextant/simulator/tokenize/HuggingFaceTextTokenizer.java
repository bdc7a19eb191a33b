package dev.sextant.simulator.tokenize;

import static java.util.Objects.requireNonNull;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A HuggingFace {@code tokenizer.json} read from a local file with DJL's tokenizers (the native
 * library ships inside DJL's jar; nothing is downloaded). Encodes without adding special tokens.
 */
public final class HuggingFaceTextTokenizer implements TextTokenizer, AutoCloseable {
    private final Path file;
    private final HuggingFaceTokenizer tokenizer;

    private HuggingFaceTextTokenizer(Path file, HuggingFaceTokenizer tokenizer) {
        this.file = file;
        this.tokenizer = tokenizer;
    }

    /**
     * Loads {@code tokenizer.json} (or a directory holding one).
     *
     * @throws IllegalArgumentException when the file is missing or not a tokenizer
     */
    public static HuggingFaceTextTokenizer load(Path path) {
        requireNonNull(path, "path");
        Path file = Files.isDirectory(path) ? path.resolve("tokenizer.json") : path;
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("tokenizer: " + file + " (expected: a local tokenizer.json file)");
        }
        // DJL fetches a native library over the network when its jar lacks one for this platform;
        // the simulator must never download anything, so make that a clear failure instead.
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        try {
            HuggingFaceTokenizer t = HuggingFaceTokenizer.newInstance(file,
                    Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false"));
            return new HuggingFaceTextTokenizer(file, t);
        } catch (IOException e) {
            throw new UncheckedIOException("tokenizer: cannot read " + file, e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("tokenizer: " + file + " is not a valid tokenizer.json: " + e.getMessage(), e);
        }
    }

    @Override
    public String name() {
        return "huggingface:" + file;
    }

    @Override
    public int[] encode(String text) {
        Encoding encoding = tokenizer.encode(requireNonNull(text, "text"), false, false);
        long[] ids = encoding.getIds();
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = (int) ids[i];
        }
        return out;
    }

    @Override
    public String decode(int[] tokens) {
        long[] ids = new long[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            ids[i] = tokens[i] & 0xffffffffL;
        }
        try {
            return tokenizer.decode(ids, false);
        } catch (RuntimeException e) {
            return "";
        }
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
