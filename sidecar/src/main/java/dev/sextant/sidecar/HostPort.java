package dev.sextant.sidecar;

/** Checks the shape of {@code host:port} targets; the sidecar never resolves or contacts a malformed one. */
final class HostPort {
    private HostPort() {}

    /** Whether {@code text} is {@code host:port} or {@code [ipv6]:port} with a port in 1..65535. */
    static boolean isHostPort(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            return false;
        }
        String host = text.substring(0, colon);
        if (host.indexOf(':') >= 0 && !(host.startsWith("[") && host.endsWith("]"))) {
            return false;
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c == '/' || c == '@' || c == '?' || c == '#' || Character.isWhitespace(c)) {
                return false;
            }
        }
        String port = text.substring(colon + 1);
        if (port.length() > 5) {
            return false;
        }
        for (int i = 0; i < port.length(); i++) {
            if (!Character.isDigit(port.charAt(i))) {
                return false;
            }
        }
        int p = Integer.parseInt(port);
        return p >= 1 && p <= 65535;
    }
}
