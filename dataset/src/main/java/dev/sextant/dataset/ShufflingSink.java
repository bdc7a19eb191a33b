package dev.sextant.dataset;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Shuffles and subsamples without holding the pairs in memory: pairs are written in source order to a
 * scratch file next to the output, remembering only where each line starts (12 bytes per pair); at the
 * end a seeded partial Fisher-Yates shuffle picks the lines to keep and they are copied in that order.
 * The same seed and input give the same output.
 */
final class ShufflingSink implements PairSink {
    private static final int BUFFER_BYTES = 1 << 16;

    private final Path output;
    private final SiblingFile scratch;
    private final PairJsonWriter writer;
    private final List<SourceTree> trees;
    private final long maxPairs;
    private final long seed;
    private long[] lineStarts = new long[1024];
    private int[] lineTrees = new int[1024];
    private int count;
    private long longestLine;

    ShufflingSink(Path output, List<SourceTree> trees, long maxPairs, long seed) throws IOException {
        this.output = output;
        this.trees = trees;
        this.maxPairs = maxPairs;
        this.seed = seed;
        this.scratch = SiblingFile.create(output, "unshuffled");
        this.writer = new PairJsonWriter(new BufferedOutputStream(Files.newOutputStream(scratch.path()), BUFFER_BYTES));
    }

    @Override
    public void accept(GoSourceFile file, byte[] src, GoFunction function) throws IOException {
        if (count == Integer.MAX_VALUE - 8) {
            throw new IOException("more than " + count + " pairs: too many to shuffle");
        }
        if (count == lineStarts.length) {
            lineStarts = Arrays.copyOf(lineStarts, count * 2);
            lineTrees = Arrays.copyOf(lineTrees, count * 2);
        }
        long start = writer.bytesWritten();
        writer.write(file, trees.get(file.tree()).name(), src, function);
        lineStarts[count] = start;
        lineTrees[count] = file.tree();
        count++;
        longestLine = Math.max(longestLine, writer.bytesWritten() - start);
    }

    @Override
    public long[] finish() throws IOException {
        writer.close();
        long end = Files.size(scratch.path());
        int keep = (int) Math.min(count, maxPairs);
        int[] order = shuffledPrefix(keep);
        long[] written = new long[trees.size()];
        ByteBuffer line = ByteBuffer.allocate((int) longestLine);
        try (FileChannel in = FileChannel.open(scratch.path(), StandardOpenOption.READ);
                OutputStream out = new BufferedOutputStream(Files.newOutputStream(output), BUFFER_BYTES)) {
            for (int i = 0; i < keep; i++) {
                int pair = order[i];
                long start = lineStarts[pair];
                long stop = pair + 1 < count ? lineStarts[pair + 1] : end;
                line.clear().limit((int) (stop - start));
                while (line.hasRemaining()) {
                    if (in.read(line, start + line.position()) < 0) {
                        throw new IOException(scratch.path() + ": shorter than written");
                    }
                }
                out.write(line.array(), 0, line.limit());
                written[lineTrees[pair]]++;
            }
        }
        return written;
    }

    /** The first {@code keep} entries of a uniformly random permutation of the pairs. */
    private int[] shuffledPrefix(int keep) {
        int[] order = new int[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < keep; i++) {
            int j = i + random.nextInt(count - i);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    @Override
    public void close() throws IOException {
        try {
            writer.close();
        } finally {
            scratch.close();
        }
    }
}
