package dev.sextant.core.datalayer;

import dev.sextant.api.endpoint.Endpoint;
import dev.sextant.core.config.ConfigException;
import dev.sextant.core.config.EndpointsFileParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Endpoints listed in a YAML file (see {@link EndpointsFileParser}), reloaded when the file changes.
 *
 * <p>The file is checked every {@code reloadInterval} by modification time and size, which also
 * catches the symlink swaps Kubernetes uses for mounted ConfigMaps. A change that does not parse is
 * logged and ignored: the previous endpoints stay until the file is fixed.
 */
public final class EndpointsFileSource implements EndpointSource {
    private static final System.Logger LOG = System.getLogger(EndpointsFileSource.class.getName());

    private final Path file;
    private final Duration reloadInterval;
    private ScheduledExecutorService watcher;
    private FileTime lastModified;
    private long lastSize = -1;

    public EndpointsFileSource(Path file, Duration reloadInterval) {
        this.file = Objects.requireNonNull(file, "file");
        this.reloadInterval = Objects.requireNonNull(reloadInterval, "reloadInterval");
        if (reloadInterval.isNegative() || reloadInterval.isZero()) {
            throw new IllegalArgumentException("reloadInterval: " + reloadInterval + " (expected: > 0)");
        }
    }

    /**
     * Reads the file and reports its endpoints, then watches it.
     *
     * @throws ConfigException when the file cannot be read or parsed at start
     */
    @Override
    public synchronized void start(Consumer<List<Endpoint>> listener) {
        Objects.requireNonNull(listener, "listener");
        remember();
        listener.accept(EndpointsFileParser.parse(file));
        watcher = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("endpoints-file").factory());
        long millis = reloadInterval.toMillis();
        watcher.scheduleWithFixedDelay(() -> reloadIfChanged(listener), millis, millis, TimeUnit.MILLISECONDS);
    }

    private void reloadIfChanged(Consumer<List<Endpoint>> listener) {
        FileTime modified;
        long size;
        try {
            modified = Files.getLastModifiedTime(file);
            size = Files.size(file);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "endpoints file unreadable, keeping the previous endpoints: file={0} error={1}",
                    file, e.toString());
            return;
        }
        synchronized (this) {
            if (modified.equals(lastModified) && size == lastSize) {
                return;
            }
            lastModified = modified;
            lastSize = size;
        }
        try {
            List<Endpoint> endpoints = EndpointsFileParser.parse(file);
            LOG.log(System.Logger.Level.INFO, "endpoints file reloaded: file={0} endpoints={1}", file, endpoints.size());
            listener.accept(endpoints);
        } catch (ConfigException e) {
            LOG.log(System.Logger.Level.WARNING, "endpoints file has errors, keeping the previous endpoints: {0}",
                    e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "endpoints file reload failed: file=" + file, e);
        }
    }

    private void remember() {
        try {
            lastModified = Files.getLastModifiedTime(file);
            lastSize = Files.size(file);
        } catch (IOException e) {
            lastModified = null;
            lastSize = -1;
        }
    }

    @Override
    public String describe() {
        return "file " + file;
    }

    @Override
    public synchronized void close() {
        if (watcher != null) {
            watcher.shutdownNow();
            watcher = null;
        }
    }
}
