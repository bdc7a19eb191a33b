package dev.sextant.cli;

import dev.sextant.api.endpoint.Endpoint;
import dev.sextant.core.config.ConfigException;
import dev.sextant.core.config.EndpointsFileParser;
import dev.sextant.sidecar.PrefillTargets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

/**
 * The sidecar's allowed prefill targets: every {@code ip:port} in a gateway endpoints file, re-read
 * when the file changes. A file that stops parsing keeps the last good set (and says so in the log),
 * so an edit in progress never opens the sidecar to arbitrary targets.
 */
final class EndpointsFilePrefillTargets implements PrefillTargets {
    private static final System.Logger LOG = System.getLogger(EndpointsFilePrefillTargets.class.getName());

    private final Path file;
    private volatile Loaded loaded;

    private record Loaded(FileTime modified, PrefillTargets targets, int count) {}

    /** Reads {@code file} now; a file that cannot be read or parsed is an error naming it. */
    EndpointsFilePrefillTargets(Path file) {
        this.file = file;
        this.loaded = load(modified());
    }

    @Override
    public boolean allows(String hostPort) {
        Loaded current = loaded;
        FileTime modified = modified();
        if (modified != null && !modified.equals(current.modified())) {
            try {
                current = load(modified);
                loaded = current;
            } catch (IllegalArgumentException e) {
                LOG.log(System.Logger.Level.WARNING, "endpoints file unreadable, keeping the previous prefill targets:"
                        + " file={0} error={1}", file, e.getMessage());
                loaded = current = new Loaded(modified, current.targets(), current.count());
            }
        }
        return current.targets().allows(hostPort);
    }

    private Loaded load(FileTime modified) {
        try {
            List<Endpoint> endpoints = EndpointsFileParser.parse(file);
            List<String> targets = endpoints.stream().map(e -> e.id().toString()).toList();
            return new Loaded(modified, PrefillTargets.only(targets), targets.size());
        } catch (ConfigException e) {
            throw new IllegalArgumentException("--endpoints-file: " + e.getMessage(), e);
        }
    }

    private FileTime modified() {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "endpoints-file{" + file + ", " + loaded.count() + " targets}";
    }
}
