package dev.sextant.gateway.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** HTTP/1.1 messages read straight off a socket, for tests that need to see the wire. */
final class RawHttp {
    /** A message: its first line, headers (lower-case names) and body. */
    record Message(String startLine, Map<String, String> headers, String body) {
        int status() {
            return Integer.parseInt(startLine.split(" ")[1]);
        }
    }

    private RawHttp() {}

    /** Reads one message with a {@code Content-Length} body (or none); null at end of stream. */
    static Message read(InputStream in) throws IOException {
        String startLine = line(in);
        if (startLine == null) {
            return null;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
            int colon = h.indexOf(':');
            headers.put(h.substring(0, colon).strip().toLowerCase(Locale.ROOT), h.substring(colon + 1).strip());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        byte[] body = in.readNBytes(length);
        return new Message(startLine, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                String s = out.toString(StandardCharsets.ISO_8859_1);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            out.write(b);
        }
        return out.size() == 0 ? null : out.toString(StandardCharsets.ISO_8859_1);
    }

    /** A POST of a JSON body to the gateway's completions path, with any extra header lines. */
    static String post(String path, String body, String... extraHeaders) {
        StringBuilder b = new StringBuilder("POST ").append(path).append(" HTTP/1.1\r\nhost: gateway\r\n")
                .append("content-type: application/json\r\ncontent-length: ")
                .append(body.getBytes(StandardCharsets.UTF_8).length).append("\r\n");
        for (String h : extraHeaders) {
            b.append(h).append("\r\n");
        }
        return b.append("\r\n").append(body).toString();
    }
}
