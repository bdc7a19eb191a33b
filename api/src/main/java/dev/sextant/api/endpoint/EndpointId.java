package dev.sextant.api.endpoint;

import java.util.Objects;

/**
 * The identity of an endpoint: the address a request is forwarded to, {@code ip:port}.
 *
 * <p>Endpoints are always identified by address and port, never by address alone: two model servers
 * sharing one IP (pods on the host network) on different ports are different endpoints.
 *
 * @param host an IP address or host name, without brackets; never blank
 * @param port 1 to 65535
 */
public record EndpointId(String host, int port) implements Comparable<EndpointId> {

    public EndpointId {
        Objects.requireNonNull(host, "host");
        if (host.isBlank() || host.startsWith("[")) {
            throw new IllegalArgumentException("host: \"" + host + "\" (expected: an address without brackets)");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 1..65535)");
        }
    }

    /**
     * Parses {@code host:port}; IPv6 addresses are written in brackets, {@code [::1]:8000}.
     *
     * @throws IllegalArgumentException naming what was wrong with {@code text}
     */
    public static EndpointId parse(String text) {
        Objects.requireNonNull(text, "text");
        String s = text.strip();
        String host;
        String port;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0 || close + 1 >= s.length() || s.charAt(close + 1) != ':') {
                throw invalid(text);
            }
            host = s.substring(1, close);
            port = s.substring(close + 2);
        } else {
            int colon = s.lastIndexOf(':');
            if (colon <= 0 || s.indexOf(':') != colon) {
                throw invalid(text);
            }
            host = s.substring(0, colon);
            port = s.substring(colon + 1);
        }
        int portNumber;
        try {
            portNumber = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw invalid(text);
        }
        if (host.isBlank() || portNumber < 1 || portNumber > 65_535) {
            throw invalid(text);
        }
        return new EndpointId(host, portNumber);
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException(
                "endpoint: \"" + text + "\" (expected: ip:port such as 10.0.0.7:8000 or [fd00::7]:8000)");
    }

    /** {@code host:port}, with IPv6 hosts in brackets: the form Envoy expects in the destination header. */
    @Override
    public String toString() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }

    @Override
    public int compareTo(EndpointId other) {
        int byHost = host.compareTo(other.host);
        return byHost != 0 ? byHost : Integer.compare(port, other.port);
    }
}
