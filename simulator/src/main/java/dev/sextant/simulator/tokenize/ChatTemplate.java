package dev.sextant.simulator.tokenize;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The one chat template of the simulator, documented byte for byte in docs/simulator.md so that a
 * router can tokenise a chat request exactly as the replica does.
 *
 * <pre>
 * for each message:  "&lt;|" + role + "|&gt;\n" + content + "\n"
 * then, if a generation prompt is wanted:  "&lt;|assistant|&gt;\n"
 * </pre>
 */
public final class ChatTemplate {
    /** What an assistant turn starts with; appended when a generation prompt is wanted. */
    public static final String GENERATION_PROMPT = "<|assistant|>\n";

    private ChatTemplate() {}

    /** The rendered conversation. */
    public static String render(List<ChatMessage> messages, boolean addGenerationPrompt) {
        requireNonNull(messages, "messages");
        StringBuilder sb = new StringBuilder();
        for (ChatMessage m : messages) {
            sb.append("<|").append(m.role()).append("|>\n").append(m.content()).append('\n');
        }
        if (addGenerationPrompt) {
            sb.append(GENERATION_PROMPT);
        }
        return sb.toString();
    }
}
