package dev.sextant.sidecar;

import java.util.Collection;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The prefill endpoints the sidecar may contact: its protection against server-side request
 * forgery, since the target comes from a request header. Targets are {@code ip:port} (an IPv6
 * host in brackets); an IP alone never matches, so a prefill and a decode replica on one IP are
 * told apart by port. Implementations must be thread-safe and fast: one call per request.
 */
@FunctionalInterface
public interface PrefillTargets {

    /** Whether the sidecar may send a prefill leg to {@code hostPort}. */
    boolean allows(String hostPort);

    /** Exactly the given {@code ip:port} targets. */
    static PrefillTargets only(Collection<String> hostPorts) {
        Set<String> allowed = hostPorts.stream().map(PrefillTargets::normalise).collect(Collectors.toUnmodifiableSet());
        return new PrefillTargets() {
            @Override
            public boolean allows(String hostPort) {
                return allowed.contains(normalise(hostPort));
            }

            @Override
            public String toString() {
                return "only" + allowed;
            }
        };
    }

    /** Any target: SSRF protection off. Only for trusted networks and tests. */
    static PrefillTargets any() {
        return new PrefillTargets() {
            @Override
            public boolean allows(String hostPort) {
                return true;
            }

            @Override
            public String toString() {
                return "any";
            }
        };
    }

    /** {@code hostPort} trimmed and lower-cased, the form targets are compared in. */
    static String normalise(String hostPort) {
        return Objects.requireNonNull(hostPort, "hostPort").trim().toLowerCase(Locale.ROOT);
    }
}
