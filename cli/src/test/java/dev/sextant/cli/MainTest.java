package dev.sextant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void printsVersionAndHelp() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).startsWith("sextant ");
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("config");
    }

    @Test
    void validConfigurationsPrintTheirResolvedForm() {
        assertThat(run("config", "validate", Path.of("..", "examples", "default.yaml").toString(),
                Path.of("..", "examples", "load-only.yaml").toString())).isZero();
        assertThat(out.toString())
                .contains("default.yaml: valid")
                .contains("load-only.yaml: valid")
                .contains("- name: single-profile-handler")
                .contains("maxNumOfEndpoints: 3");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void aBrokenConfigurationExitsTwoListingEveryProblem() {
        assertThat(run("config", "validate", Path.of("..", ".ci", "broken-config.yaml").toString())).isEqualTo(2);
        assertThat(err.toString())
                .contains("broken-config.yaml: invalid, 7 problems:")
                .contains("unknown plugin type 'queue-scorrer' (did you mean 'queue-scorer'?)")
                .contains("threshold: -1 (expected: > 0)")
                .contains("unknown parameter 'treshold' (did you mean 'threshold'?)")
                .contains("wieght: unknown key (did you mean 'weight'?)")
                .contains("is a scorer without a weight")
                .contains("'lora-scorer' names no plugin")
                .contains("has 2 pickers");
    }

    @Test
    void aMissingFileIsInvalidInputNotACrash() {
        assertThat(run("config", "validate", "no/such/file.yaml")).isEqualTo(2);
        assertThat(err.toString()).contains("no/such/file.yaml: invalid, 1 problem:").contains("no such file");
    }

    @Test
    void unknownOptionsAreUsageErrors() {
        assertThat(run("config", "validate", "a.yaml", "--frobnicate")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown option: '--frobnicate'");
    }

    @Test
    void serveRefusesBadInputBeforeStartingAnything() {
        assertThat(run("serve", "--endpoints", "10.0.0.1")).isEqualTo(2);
        assertThat(err.toString()).contains("endpoint: \"10.0.0.1\" (expected: ip:port");
        assertThat(run("serve", "--endpoints", "10.0.0.1:8000", "--refresh-metrics-interval", "fast")).isEqualTo(2);
        assertThat(err.toString()).contains("--refresh-metrics-interval: \"fast\" (expected: a duration");
        assertThat(run("serve", "--endpoints", "10.0.0.1:8000", "--config",
                Path.of("..", ".ci", "broken-config.yaml").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("broken-config.yaml: invalid, 7 problems:");
        assertThat(run("serve")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required argument");
    }
}
