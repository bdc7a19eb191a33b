package dev.sextant.core.parsing;

import dev.sextant.api.request.ApiKind;
import dev.sextant.api.request.PromptView;
import java.util.Objects;

/**
 * What routing needs from a request body, read without building the whole document.
 *
 * @param apiKind the API the body was parsed for
 * @param model the {@code model} field; empty when the API does not require one and it is absent
 * @param modelStart byte offset of the model's JSON string token (its opening quote), -1 when absent
 * @param modelEnd byte offset just past the model's closing quote, -1 when absent
 * @param prompt the prompt view for prefix hashing
 * @param cacheSalt the {@code cache_salt} field, empty when absent
 * @param stream whether {@code stream} is true
 * @param includeUsage whether {@code stream_options.include_usage} is true
 */
public record ParsedBody(ApiKind apiKind, String model, int modelStart, int modelEnd, PromptView prompt,
        String cacheSalt, boolean stream, boolean includeUsage) {

    public ParsedBody {
        Objects.requireNonNull(apiKind, "apiKind");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(cacheSalt, "cacheSalt");
    }

    /** Whether the body has a {@code model} field whose value can be replaced in place. */
    public boolean hasModelField() {
        return modelStart >= 0;
    }
}
