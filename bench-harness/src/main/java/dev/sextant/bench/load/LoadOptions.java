package dev.sextant.bench.load;

import dev.sextant.bench.metrics.Slo;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Where and how the load generator sends requests.
 *
 * @param target the API's base URI, e.g. {@code http://127.0.0.1:8080/v1}; requests go to
 *     {@code <target>/completions} or {@code <target>/chat/completions}
 * @param model the {@code model} every request names
 * @param api which API to call
 * @param ignoreEos whether to send {@code ignore_eos: true} (vLLM and SGLang then generate exactly
 *     {@code max_tokens}; servers that refuse unknown fields need it off)
 * @param connectTimeout how long a connection may take to open
 * @param maxDrain how long after the last planned arrival requests may still run; then they are cut off and
 *     count as unfinished
 * @param maxInFlight the most requests open at once; an arrival beyond it fails as {@code client_overloaded}
 *     rather than waiting, so the load stays open-loop
 * @param slo what goodput is measured against
 */
public record LoadOptions(URI target, String model, Api api, boolean ignoreEos, Duration connectTimeout,
        Duration maxDrain, int maxInFlight, Slo slo) {

    /** The OpenAI APIs the generator can call. */
    public enum Api {
        /** {@code POST /completions} with the prompt as text. */
        COMPLETIONS("completions"),
        /** {@code POST /chat/completions} with the prompt as one user message. */
        CHAT("chat/completions");

        private final String path;

        Api(String path) {
            this.path = path;
        }

        /** The path under the target. */
        public String path() {
            return path;
        }

        /** The name as the command line writes it. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public LoadOptions {
        Objects.requireNonNull(target, "target");
        String scheme = target.getScheme();
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || target.getHost() == null) {
            throw new IllegalArgumentException("target: " + target + " (expected: an http(s) URL such as"
                    + " http://127.0.0.1:8080/v1)");
        }
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(api, "api");
        positive("connectTimeout", connectTimeout);
        positive("maxDrain", maxDrain);
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight: " + maxInFlight + " (expected: >= 1)");
        }
        Objects.requireNonNull(slo, "slo");
    }

    /** The URI requests are posted to. */
    public URI endpoint() {
        String base = target.toString();
        return URI.create(base.endsWith("/") ? base + api.path() : base + "/" + api.path());
    }

    private static void positive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + ": " + d + " (expected: > 0)");
        }
    }
}
