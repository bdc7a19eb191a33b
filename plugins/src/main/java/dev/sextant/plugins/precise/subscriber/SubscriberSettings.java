package dev.sextant.plugins.precise.subscriber;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How the subscriber reaches the engines' publishers.
 *
 * @param socketPort the port each endpoint publishes on (connect mode), vLLM's default 5557
 * @param bindAddress when not empty, bind one SUB socket here ({@code tcp://*:5557}) and let the engines
 *     connect to it (their topic names them) instead of connecting to each endpoint
 * @param topicFilter the subscription prefix, {@code kv@} by default
 * @param defaultModel the model used when a topic names none
 * @param stallTimeout how long requests may go unanswered by any event before a SUB socket is replaced
 */
public record SubscriberSettings(int socketPort, String bindAddress, String topicFilter, String defaultModel,
        Duration stallTimeout) {
    /** vLLM's default KV-event publisher port. */
    public static final int DEFAULT_PORT = 5557;

    public SubscriberSettings {
        if (socketPort <= 0 || socketPort > 65535) {
            throw new IllegalArgumentException("socketPort: " + socketPort + " (expected: 1..65535)");
        }
        requireNonNull(bindAddress, "bindAddress");
        requireNonNull(topicFilter, "topicFilter");
        requireNonNull(defaultModel, "defaultModel");
        if (requireNonNull(stallTimeout, "stallTimeout").isNegative() || stallTimeout.isZero()) {
            throw new IllegalArgumentException("stallTimeout: " + stallTimeout + " (expected: > 0)");
        }
    }

    /** Connect to every endpoint on port 5557, filter {@code kv@}, replace silent sockets after 5 s. */
    public static SubscriberSettings defaults() {
        return new SubscriberSettings(DEFAULT_PORT, "", "kv@", "", Duration.ofSeconds(5));
    }

    /** Whether one socket is bound instead of one connected per endpoint. */
    public boolean bindMode() {
        return !bindAddress.isEmpty();
    }
}
