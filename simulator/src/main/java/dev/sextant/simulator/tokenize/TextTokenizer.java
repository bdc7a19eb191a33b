package dev.sextant.simulator.tokenize;

/**
 * Turns text into token ids and back. Implementations are thread-safe.
 */
public interface TextTokenizer {

    /** A name for logs and {@code /debug/kv}, e.g. {@code jtokkit:cl100k_base}. */
    String name();

    /** The token ids of {@code text}, without special tokens (special-token text is encoded as ordinary text). */
    int[] encode(String text);

    /** The text of {@code tokens}. Ids the tokenizer does not know decode to nothing. */
    String decode(int[] tokens);
}
