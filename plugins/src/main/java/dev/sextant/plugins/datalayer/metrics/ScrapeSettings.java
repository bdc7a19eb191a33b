package dev.sextant.plugins.datalayer.metrics;

import dev.sextant.api.plugin.PluginParameters;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@link MetricsDataSource} scrapes an endpoint. The names are those of GIE v1.5's
 * {@code metrics-data-source} parameters, plus {@code timeout} and {@code maxBodyBytes}.
 *
 * @param scheme {@code http} or {@code https}
 * @param path the path of the metrics page, starting with {@code /}
 * @param insecureSkipVerify with https, accept any server certificate (GIE's default, since model
 *     servers usually present self-signed ones)
 * @param timeout the longest a whole scrape may take, connection and body included; &gt; 0
 * @param maxBodyBytes the largest body accepted, in bytes; &gt; 0
 */
public record ScrapeSettings(String scheme, String path, boolean insecureSkipVerify, Duration timeout,
        int maxBodyBytes) {

    public static final String DEFAULT_SCHEME = "http";
    public static final String DEFAULT_PATH = "/metrics";
    public static final boolean DEFAULT_INSECURE_SKIP_VERIFY = true;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    /** 4 MiB: some 40 times the largest vLLM page seen, and what one scrape may cost at most. */
    public static final int DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;

    public ScrapeSettings {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(timeout, "timeout");
        String problem = schemeProblem(scheme);
        if (problem == null) {
            problem = pathProblem(path);
        }
        if (problem == null && !timeout.isPositive()) {
            problem = "timeout: " + timeout + " (expected: > 0)";
        }
        if (problem == null && maxBodyBytes <= 0) {
            problem = "maxBodyBytes: " + maxBodyBytes + " (expected: > 0)";
        }
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** GIE's defaults: {@code http}, {@code /metrics}, certificates not verified; 5 s and 4 MiB. */
    public static ScrapeSettings defaults() {
        return new ScrapeSettings(DEFAULT_SCHEME, DEFAULT_PATH, DEFAULT_INSECURE_SKIP_VERIFY, DEFAULT_TIMEOUT,
                DEFAULT_MAX_BODY_BYTES);
    }

    /** A copy with another timeout. */
    public ScrapeSettings withTimeout(Duration newTimeout) {
        return new ScrapeSettings(scheme, path, insecureSkipVerify, newTimeout, maxBodyBytes);
    }

    /** A copy with another body limit. */
    public ScrapeSettings withMaxBodyBytes(int newMaxBodyBytes) {
        return new ScrapeSettings(scheme, path, insecureSkipVerify, timeout, newMaxBodyBytes);
    }

    /** A copy with another scheme and certificate check. */
    public ScrapeSettings withScheme(String newScheme, boolean newInsecureSkipVerify) {
        return new ScrapeSettings(newScheme, path, newInsecureSkipVerify, timeout, maxBodyBytes);
    }

    /** A copy with another path. */
    public ScrapeSettings withPath(String newPath) {
        return new ScrapeSettings(scheme, newPath, insecureSkipVerify, timeout, maxBodyBytes);
    }

    /**
     * Reads the settings from a plugin's parameters, recording every invalid one as a problem (and
     * using its default instead, so that all problems are reported at once).
     */
    static ScrapeSettings from(PluginParameters params) {
        String scheme = params.string("scheme", DEFAULT_SCHEME);
        if (!params.check(schemeProblem(scheme) == null, "scheme", scheme, "http or https")) {
            scheme = DEFAULT_SCHEME;
        }
        String path = params.string("path", DEFAULT_PATH);
        if (!params.check(pathProblem(path) == null, "path", path, "a URL path starting with /")) {
            path = DEFAULT_PATH;
        }
        boolean insecure = params.flag("insecureSkipVerify", DEFAULT_INSECURE_SKIP_VERIFY);
        Duration timeout = params.duration("timeout", DEFAULT_TIMEOUT);
        if (!params.check(timeout.isPositive(), "timeout", timeout, "> 0")) {
            timeout = DEFAULT_TIMEOUT;
        }
        int maxBodyBytes = params.integer("maxBodyBytes", DEFAULT_MAX_BODY_BYTES);
        if (!params.check(maxBodyBytes > 0, "maxBodyBytes", maxBodyBytes, "> 0")) {
            maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        }
        return new ScrapeSettings(scheme, path, insecure, timeout, maxBodyBytes);
    }

    private static String schemeProblem(String scheme) {
        return scheme.equals("http") || scheme.equals("https") ? null
                : "scheme: \"" + scheme + "\" (expected: http or https)";
    }

    private static String pathProblem(String path) {
        String problem = "path: \"" + path + "\" (expected: a URL path starting with /)";
        if (!path.startsWith("/")) {
            return problem;
        }
        try {
            URI uri = new URI("http://127.0.0.1:1" + path);
            return uri.getRawQuery() == null && uri.getRawFragment() == null
                    && ("http://127.0.0.1:1" + path).equals(uri.toString()) ? null : problem;
        } catch (URISyntaxException e) {
            return problem;
        }
    }
}
