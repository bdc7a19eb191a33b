package dev.sextant.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The configuration and the welcome text of {@code sextant demo --pd}. */
final class PdDemoText {
    private PdDemoText() {}

    /** The demo's configuration, the same text as examples/pd.yaml. */
    static String config() {
        try (InputStream in = PdDemoText.class.getResourceAsStream("demo-pd.yaml")) {
            if (in == null) {
                throw new IllegalStateException("demo-pd.yaml is missing from the sextant jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read demo-pd.yaml from the sextant jar", e);
        }
    }

    static void printWelcome(PrintWriter out, String base, int adminPort, PdDemoCluster cluster, String model) {
        out.println();
        cluster.describe().forEach(out::println);
        out.println("  gateway:   " + base + "/v1   (OpenAI-compatible; config examples/pd.yaml)");
        out.println("  admin:     http://127.0.0.1:" + adminPort + "   (/metrics, /debug/endpoints)");
        out.println();
        out.println("Response headers say who served: x-sextant-endpoint is the decode replica's sidecar,");
        out.println("x-sextant-prefilled-by the prefill replica (absent when the prompt was too short to split).");
        out.println();
        out.println("A short prompt stays on a decode replica:");
        out.println();
        out.println("  curl -si " + base + "/v1/completions -H 'content-type: application/json' \\");
        out.println("    -d '{\"model\":\"" + model + "\",\"prompt\":\"Hello!\",\"max_tokens\":16}' | grep -i x-sextant");
        out.println();
        out.println("A long prompt (about 1,500 tokens) is prefilled on a prefill replica, then decoded:");
        out.println();
        out.println("  curl -si " + base + "/v1/completions -H 'content-type: application/json' \\");
        out.println("    -d \"{\\\"model\\\":\\\"" + model + "\\\",\\\"prompt\\\":\\\"$(printf 'tell me more about this %.0s' "
                + "$(seq 300))\\\",\\\"max_tokens\\\":16}\" | grep -i x-sextant");
        out.println();
        out.println("Who is who:");
        cluster.names().forEach((hostPort, name) -> out.println("  " + hostPort + " = " + name));
        out.println();
        out.println("Ctrl-C stops everything.");
        out.flush();
    }
}
