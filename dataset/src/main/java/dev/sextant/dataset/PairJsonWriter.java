package dev.sextant.dataset;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes pairs as JSON lines, one object per line ending in {@code \n}:
 * {@code {"instruction", "output", "source", "repo", "name", "receiver", "lines": [first, last]}}.
 * The output is copied byte for byte from the source file, with no decoding on the way.
 */
final class PairJsonWriter implements AutoCloseable {
    private static final JsonFactory JSON = new JsonFactoryBuilder()
            .disable(StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
            .rootValueSeparator((String) null)
            .build();

    private final CountingStream counter;
    private final JsonGenerator json;

    PairJsonWriter(OutputStream out) throws IOException {
        counter = new CountingStream(out);
        json = JSON.createGenerator(counter, JsonEncoding.UTF8);
    }

    /** Writes one pair as one line. */
    void write(GoSourceFile file, String repo, byte[] src, GoFunction function) throws IOException {
        json.writeStartObject();
        json.writeStringField("instruction", function.doc());
        json.writeFieldName("output");
        json.writeUTF8String(src, function.start(), function.end() - function.start());
        json.writeStringField("source", file.relativePath());
        json.writeStringField("repo", repo);
        json.writeStringField("name", function.name());
        if (function.receiver().isEmpty()) {
            json.writeNullField("receiver");
        } else {
            json.writeStringField("receiver", function.receiver());
        }
        json.writeArrayFieldStart("lines");
        json.writeNumber(function.firstLine());
        json.writeNumber(function.lastLine());
        json.writeEndArray();
        json.writeEndObject();
        json.writeRaw('\n');
        json.flush(); // into the counter only, so that bytesWritten() is exact
    }

    /** Bytes written so far: the offset at which the next line starts. */
    long bytesWritten() {
        return counter.count;
    }

    /** Flushes the generator and closes the underlying stream. */
    @Override
    public void close() throws IOException {
        json.close();
    }

    private static final class CountingStream extends FilterOutputStream {
        long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
