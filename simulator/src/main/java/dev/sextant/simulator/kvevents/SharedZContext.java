package dev.sextant.simulator.kvevents;

import org.zeromq.ZContext;

/**
 * One ZeroMQ context for every publisher in the process (a context owns I/O threads; N replicas
 * should not start N of them), closed when the last publisher closes.
 */
final class SharedZContext {
    private static ZContext context;
    private static int users;

    private SharedZContext() {}

    static synchronized ZContext acquire() {
        if (context == null) {
            context = new ZContext(1);
        }
        users++;
        return context;
    }

    static synchronized void release() {
        if (--users == 0) {
            context.close();
            context = null;
        }
    }
}
