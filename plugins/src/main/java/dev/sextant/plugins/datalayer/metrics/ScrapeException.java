package dev.sextant.plugins.datalayer.metrics;

import dev.sextant.api.SextantException;
import java.util.Locale;
import java.util.Objects;

/**
 * A {@code /metrics} scrape that failed, with the reason as a value the engine can count by.
 * The message names the URL and what went wrong, e.g.
 * {@code GET http://10.0.0.7:8000/metrics: HTTP 503 (expected: 200)}.
 */
public final class ScrapeException extends SextantException {
    private static final long serialVersionUID = 1L;

    /** Why a scrape failed. */
    public enum Reason {
        /** No connection, connection reset, TLS failure or another I/O error. */
        UNREACHABLE,
        /** No complete response within the configured timeout. */
        TIMEOUT,
        /** A status other than 200. */
        HTTP_STATUS,
        /** A body larger than the configured maximum. */
        TOO_LARGE,
        /** A body in which not a single line is Prometheus text. */
        NOT_PROMETHEUS;

        /** The reason as a metric label value, e.g. {@code http_status}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Reason reason;

    ScrapeException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    ScrapeException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** Why the scrape failed. */
    public Reason reason() {
        return reason;
    }
}
