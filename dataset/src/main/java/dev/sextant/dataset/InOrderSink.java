package dev.sextant.dataset;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes pairs straight to the output as they come, up to a limit: memory does not grow with the output. */
final class InOrderSink implements PairSink {
    private static final int BUFFER_BYTES = 1 << 16;

    private final PairJsonWriter writer;
    private final List<SourceTree> trees;
    private final long maxPairs;
    private final long[] written;
    private long total;

    InOrderSink(Path output, List<SourceTree> trees, long maxPairs) throws IOException {
        this.writer = new PairJsonWriter(new BufferedOutputStream(Files.newOutputStream(output), BUFFER_BYTES));
        this.trees = trees;
        this.maxPairs = maxPairs;
        this.written = new long[trees.size()];
    }

    @Override
    public void accept(GoSourceFile file, byte[] src, GoFunction function) throws IOException {
        if (total < maxPairs) {
            writer.write(file, trees.get(file.tree()).name(), src, function);
            written[file.tree()]++;
            total++;
        }
    }

    @Override
    public long[] finish() throws IOException {
        writer.close();
        return written.clone();
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }
}
