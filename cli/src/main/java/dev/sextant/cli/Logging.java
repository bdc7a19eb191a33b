package dev.sextant.cli;

import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/** One-line logs on stderr for the long-running commands; libraries kept at warnings. */
final class Logging {
    /** JUL keeps loggers weakly: a configured logger must be held, or its level is lost when it is collected. */
    private static final java.util.List<Logger> CONFIGURED = new java.util.ArrayList<>();

    private Logging() {}

    static void configure(Level level) {
        if (System.getProperty("java.util.logging.config.file") != null) {
            return;
        }
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT.%1$tL %4$-7s %3$s: %5$s%6$s%n");
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        ConsoleHandler handler = new ConsoleHandler();
        handler.setFormatter(new SimpleFormatter());
        handler.setLevel(Level.ALL);
        root.addHandler(handler);
        root.setLevel(level);
        for (String noisy : new String[] {"com.linecorp.armeria", "io.netty", "io.grpc", "io.fabric8", "okhttp3"}) {
            quiet(noisy, Level.WARNING);
        }
        // Armeria registers the shared blocking executor's meters once per server and warns about it.
        quiet("io.micrometer", Level.SEVERE);
    }

    private static synchronized void quiet(String name, Level level) {
        Logger logger = Logger.getLogger(name);
        logger.setLevel(level);
        CONFIGURED.add(logger);
    }
}
