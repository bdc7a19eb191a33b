package dev.sextant.dataset;

import java.io.IOException;

/** Where kept pairs go on their way to the output file. */
interface PairSink extends AutoCloseable {

    /** Takes one kept pair. */
    void accept(GoSourceFile file, byte[] src, GoFunction function) throws IOException;

    /** Completes the output file and returns the pairs written to it per tree. */
    long[] finish() throws IOException;

    /** Releases what the sink holds; the output file stays. */
    @Override
    void close() throws IOException;
}
