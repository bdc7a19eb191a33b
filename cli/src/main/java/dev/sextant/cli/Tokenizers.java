package dev.sextant.cli;

import dev.sextant.simulator.tokenize.HuggingFaceTextTokenizer;
import dev.sextant.simulator.tokenize.JtokkitTokenizer;
import dev.sextant.simulator.tokenize.TextTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;

/** The tokenizer a {@code --tokenizer} value names: a jtokkit encoding, or a local HuggingFace tokenizer.json. */
final class Tokenizers {
    private Tokenizers() {}

    static TextTokenizer named(CommandSpec spec, String value) {
        try {
            if (value.endsWith(".json") || Files.isRegularFile(Path.of(value))) {
                return HuggingFaceTextTokenizer.load(Path.of(value));
            }
            return JtokkitTokenizer.of(value);
        } catch (IllegalArgumentException e) {
            throw WorkloadOptions.usage(spec, "--tokenizer: " + e.getMessage());
        }
    }
}
