package dev.sextant.bench.load;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The JSON bodies the load generator posts: streaming, usage included, exactly the planned output length. */
final class RequestBodies {
    private static final JsonFactory JSON = new JsonFactory();

    private RequestBodies() {}

    static byte[] of(LoadOptions options, String prompt, int maxTokens) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(prompt.length() + 256);
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("model", options.model());
            if (options.api() == LoadOptions.Api.CHAT) {
                g.writeArrayFieldStart("messages");
                g.writeStartObject();
                g.writeStringField("role", "user");
                g.writeStringField("content", prompt);
                g.writeEndObject();
                g.writeEndArray();
            } else {
                g.writeStringField("prompt", prompt);
            }
            g.writeNumberField("max_tokens", maxTokens);
            g.writeBooleanField("stream", true);
            g.writeObjectFieldStart("stream_options");
            g.writeBooleanField("include_usage", true);
            g.writeEndObject();
            if (options.ignoreEos()) {
                g.writeBooleanField("ignore_eos", true);
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
